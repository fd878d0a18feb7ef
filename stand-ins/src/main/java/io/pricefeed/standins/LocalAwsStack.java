package io.pricefeed.standins;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kinesalite and DynamoDB Local started together with the pipeline's streams and tables, as
 * the local stack and {@code ./pricefeed stand-ins} use them. Closing stops both, in reverse order.
 */
public final class LocalAwsStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalAwsStack.class);
    public static final int DEFAULT_KINESIS_PORT = 4568;
    public static final int DEFAULT_DYNAMODB_PORT = 8000;

    private final Kinesalite kinesis;
    private final DynamoDbLocal dynamo;

    private LocalAwsStack(Kinesalite kinesis, DynamoDbLocal dynamo) {
        this.kinesis = kinesis;
        this.dynamo = dynamo;
    }

    /**
     * Starts both stand-ins (port 0 = random) and creates {@code ticks} with {@code tickShards}
     * shards, {@code anomalies}, {@code bars} and {@code alert-dedup}. Whatever started is
     * stopped again if a later step fails.
     */
    public static LocalAwsStack start(int kinesisPort, int dynamoPort, int tickShards, Path logDir) {
        Kinesalite kinesis = Kinesalite.builder().port(kinesisPort)
                .logFile(logDir.resolve("kinesalite.log")).start();
        DynamoDbLocal dynamo = null;
        try {
            dynamo = DynamoDbLocal.start(dynamoPort);
            PipelineResources.createAll(kinesis, dynamo, tickShards);
            return new LocalAwsStack(kinesis, dynamo);
        } catch (RuntimeException e) {
            if (dynamo != null) {
                dynamo.close();
            }
            kinesis.close();
            throw e;
        }
    }

    public Kinesalite kinesis() {
        return kinesis;
    }

    public DynamoDbLocal dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        dynamo.close();
        kinesis.close();
        LOG.info("local AWS stand-ins stopped");
    }
}
