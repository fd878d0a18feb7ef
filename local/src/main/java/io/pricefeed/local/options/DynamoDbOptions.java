package io.pricefeed.local.options;

import picocli.CommandLine.Option;

/**
 * The {@code --endpoint} and {@code --region} flags of every command that talks to DynamoDB, so
 * {@code bars}, {@code dashboard} and {@code backfill} choose their table's home the same way
 * ({@link DynamoDbTarget}).
 */
public final class DynamoDbOptions {
    @Option(names = "--endpoint", paramLabel = "URL",
            description = "DynamoDB endpoint (default: the local stack's DynamoDB Local, http://127.0.0.1:8000)")
    private String endpoint;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region; alone, it selects AWS DynamoDB itself")
    private String region;

    public DynamoDbTarget target() {
        return DynamoDbTarget.resolve(endpoint, region);
    }
}
