package io.pricefeed.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@LocalAws
class DynamoDbLocalITCase {

    private static Map<String, AttributeValue> bar(String pk, long start, double close) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Long.toString(start)),
                "close", AttributeValue.fromN(Double.toString(close)));
    }

    @Test
    void theLatestBarIsOneDescendingQueryWithLimitOne(DynamoDbLocal dynamo) {
        dynamo.createTable(PipelineResources.barsTable("bars-latest"));
        DynamoDbClient db = dynamo.client();
        long t0 = 1_773_114_300_000L;
        for (int i = 0; i < 5; i++) {
            Map<String, AttributeValue> item = bar("NSE:SBIN-EQ#1m", t0 + i * 60_000L, 1000 + i);
            db.putItem(b -> b.tableName("bars-latest").item(item));
        }
        db.putItem(b -> b.tableName("bars-latest").item(bar("NSE:INFY-EQ#1m", t0 + 900_000L, 1500)));
        // An idempotent put of the same key overwrites (a revision), never duplicates.
        db.putItem(b -> b.tableName("bars-latest").item(bar("NSE:SBIN-EQ#1m", t0 + 4 * 60_000L, 1004.5)));

        QueryResponse latest = db.query(b -> b.tableName("bars-latest")
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NSE:SBIN-EQ#1m")))
                .scanIndexForward(false).limit(1));

        assertThat(latest.items()).hasSize(1);
        assertThat(latest.items().get(0).get("sk").n()).isEqualTo(Long.toString(t0 + 4 * 60_000L));
        assertThat(latest.items().get(0).get("close").n()).isEqualTo("1004.5");
        assertThat(db.query(b -> b.tableName("bars-latest").keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NSE:SBIN-EQ#1m")))).count()).isEqualTo(5);
    }

    @Test
    void aConditionalPutLetsAnAnomalyIdThroughOnlyOnce(DynamoDbLocal dynamo) {
        dynamo.createTable(PipelineResources.alertDedupTable("dedup-once"));
        DynamoDbClient db = dynamo.client();
        Map<String, AttributeValue> item = Map.of("id", AttributeValue.fromS("4f1c0a"), "expiresAt", AttributeValue.fromN("1773719105"));
        db.putItem(b -> b.tableName("dedup-once").item(item).conditionExpression("attribute_not_exists(id)"));

        assertThatThrownBy(() -> db.putItem(b -> b.tableName("dedup-once").item(item)
                .conditionExpression("attribute_not_exists(id)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        assertThat(db.scan(b -> b.tableName("dedup-once")).count()).isEqualTo(1);
    }

    @Test
    void thePipelineResourcesAreCreatedWithTheirTtl(Kinesalite kinesis, DynamoDbLocal dynamo) {
        PipelineResources.createAll(kinesis, dynamo, 2);

        assertThat(kinesis.client().listShards(b -> b.streamName(PipelineResources.TICKS_STREAM)).shards()).hasSize(2);
        assertThat(kinesis.client().listShards(b -> b.streamName(PipelineResources.ANOMALIES_STREAM)).shards()).hasSize(1);
        for (String table : new String[] {PipelineResources.BARS_TABLE, PipelineResources.ALERT_DEDUP_TABLE}) {
            var ttl = dynamo.client().describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
            assertThat(ttl.attributeName()).isEqualTo("expiresAt");
            assertThat(ttl.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        }
    }
}
