package io.pricefeed.barstable;

import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The {@code bars} table's keys (DESIGN.md §5): partition key {@link BarItem#PK} (S) =
 * {@code <symbol>#<timeframe>[#live]}, sort key {@link BarItem#SK} (N) = bar start, epoch ms.
 * The stand-ins create the table from {@link #createTableRequest}; the CDK names the same keys.
 */
public final class BarsTableSchema {
    private BarsTableSchema() {
    }

    /** The table, on demand, as the CDK stack defines it (the TTL is switched on separately). */
    public static CreateTableRequest createTableRequest(String name) {
        return CreateTableRequest.builder()
                .tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(BarItem.PK).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(BarItem.SK).attributeType(ScalarAttributeType.N).build())
                .keySchema(
                        KeySchemaElement.builder().attributeName(BarItem.PK).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(BarItem.SK).keyType(KeyType.RANGE).build())
                .build();
    }
}
