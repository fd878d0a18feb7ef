package io.pricefeed.alerts;

import io.pricefeed.model.ResourceNames;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Remembers which anomaly ids were mailed, in the {@code alert-dedup} table (DESIGN.md §5): a
 * conditional put claims an id before sending, so a redelivered or replayed anomaly never mails
 * twice; {@link #release} undoes a claim when sending failed, so the retry can send.
 */
public class AlertDeduplicator {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Duration ttl;
    private final Clock clock;

    public AlertDeduplicator(DynamoDbClient dynamo, String table, Duration ttl, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.ttl = ttl;
        this.clock = clock;
    }

    /**
     * True when this call claimed the id (first delivery), false when it was claimed before.
     * DynamoDB failures propagate: the caller reports the record for a retry.
     */
    public boolean claim(String anomalyId) {
        long expiresAt = clock.instant().plus(ttl).getEpochSecond();
        try {
            dynamo.putItem(b -> b.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS(anomalyId),
                            ResourceNames.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt))))
                    .conditionExpression("attribute_not_exists(id)"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    public void release(String anomalyId) {
        dynamo.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(anomalyId))));
    }
}
