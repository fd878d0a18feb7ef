package io.pricefeed.standins;

import io.pricefeed.barstable.BarsTableSchema;
import io.pricefeed.model.ResourceNames;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The streams and tables of the pipeline (DESIGN.md §5), created on the stand-ins the same way
 * the CDK stacks create them in AWS: names, keys and TTL attribute.
 */
public final class PipelineResources {
    public static final String TICKS_STREAM = ResourceNames.TICKS_STREAM;
    public static final String ANOMALIES_STREAM = ResourceNames.ANOMALIES_STREAM;
    public static final String BARS_TABLE = ResourceNames.BARS_TABLE;
    public static final String ALERT_DEDUP_TABLE = ResourceNames.ALERT_DEDUP_TABLE;
    public static final String TTL_ATTRIBUTE = ResourceNames.TTL_ATTRIBUTE;

    private PipelineResources() {
    }

    /** {@code bars}, as its owner {@link BarsTableSchema} defines it. */
    public static CreateTableRequest barsTable(String name) {
        return BarsTableSchema.createTableRequest(name);
    }

    /** {@code alert-dedup}: id (S) of the anomaly. */
    public static CreateTableRequest alertDedupTable(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .build();
    }

    /** Creates both streams ({@code ticks} with {@code tickShards} shards) and both tables. */
    public static void createAll(Kinesalite kinesis, DynamoDbLocal dynamo, int tickShards) {
        kinesis.createStream(TICKS_STREAM, tickShards);
        kinesis.createStream(ANOMALIES_STREAM, 1);
        for (CreateTableRequest table : List.of(barsTable(BARS_TABLE), alertDedupTable(ALERT_DEDUP_TABLE))) {
            dynamo.createTable(table);
            dynamo.client().updateTimeToLive(b -> b.tableName(table.tableName())
                    .timeToLiveSpecification(s -> s.attributeName(TTL_ATTRIBUTE).enabled(true)));
        }
    }
}
