package io.pricefeed.local;

import io.pricefeed.flink.dynamodb.BarItem;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The latest bars of one symbol and timeframe from the DynamoDB table {@code bars} (DESIGN.md §5),
 * the way the table is meant to be read: a descending {@code Query} on the final key and a
 * {@code Limit 1} one on the live key. Items are decoded by {@code flink-app}'s {@link BarItem},
 * the same class that writes them.
 */
final class BarsTableReader {
    private final DynamoDbClient dynamo;
    private final String table;

    BarsTableReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * The newest {@code last} final bars, oldest first, followed by the forming bar when
     * {@code withForming} and it starts after the newest final one: a live item left behind
     * by a bar that has since become final is old news, not a second copy to show.
     */
    List<Bar> latest(String symbol, Timeframe timeframe, int last, boolean withForming) {
        List<Bar> bars = newestFirst(BarItem.partitionKey(symbol, timeframe, false), last);
        Collections.reverse(bars);
        if (withForming) {
            List<Bar> live = newestFirst(BarItem.partitionKey(symbol, timeframe, true), 1);
            long newestFinal = bars.isEmpty() ? Long.MIN_VALUE : bars.get(bars.size() - 1).getBarStart();
            if (!live.isEmpty() && live.get(0).getBarStart() > newestFinal) {
                bars.add(live.get(0));
            }
        }
        return bars;
    }

    /** One query in practice; it pages only when {@code limit} items exceed a 1 MB response. */
    private List<Bar> newestFirst(String partitionKey, int limit) {
        List<Bar> bars = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", BarItem.PK))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.builder().s(partitionKey).build()))
                    .scanIndexForward(false)
                    .limit(limit - bars.size());
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            QueryResponse response = dynamo.query(request.build());
            response.items().forEach(item -> bars.add(BarItem.fromItem(item)));
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null && bars.size() < limit);
        return bars;
    }
}
