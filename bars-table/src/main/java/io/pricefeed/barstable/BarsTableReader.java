package io.pricefeed.barstable;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Bars of one symbol and timeframe from the DynamoDB table {@code bars} (DESIGN.md §5), the way
 * the table is meant to be read: {@code Query}s on the final key ({@code sk} = bar start) and a
 * {@code Limit 1} one on the live key. Items are decoded by {@code flink-app}'s {@link BarItem},
 * the same class that writes them. Used by {@code ./pricefeed bars} and the dashboard's API.
 */
public final class BarsTableReader {
    private final DynamoDbClient dynamo;
    private final String table;

    public BarsTableReader(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public String table() {
        return table;
    }

    /**
     * The newest {@code last} final bars, oldest first, followed by the forming bar when
     * {@code withForming} and it starts after the newest final one: a live item left behind
     * by a bar that has since become final is old news, not a second copy to show.
     */
    public List<Bar> latest(String symbol, Timeframe timeframe, int last, boolean withForming) {
        return upTo(symbol, timeframe, Long.MAX_VALUE, last, withForming);
    }

    /**
     * The newest {@code limit} final bars starting at or before {@code to}, oldest first, then the
     * forming bar under the same rule as {@link #latest} (and only if it starts at or before {@code to}).
     */
    public List<Bar> upTo(String symbol, Timeframe timeframe, long to, int limit, boolean withForming) {
        List<Bar> bars = query(BarItem.partitionKey(symbol, timeframe, false), Long.MIN_VALUE, to, false, limit);
        Collections.reverse(bars);
        if (withForming) {
            addForming(bars, symbol, timeframe, Long.MIN_VALUE, to);
        }
        return bars;
    }

    /**
     * The oldest {@code limit} final bars starting in [{@code from}, {@code to}], oldest first, then
     * the forming bar when it starts in that range and after the newest final one: what a chart
     * that already has the bars before {@code from} needs to catch up.
     */
    public List<Bar> between(String symbol, Timeframe timeframe, long from, long to, int limit, boolean withForming) {
        List<Bar> bars = query(BarItem.partitionKey(symbol, timeframe, false), from, to, true, limit);
        if (withForming) {
            addForming(bars, symbol, timeframe, from, to);
        }
        return bars;
    }

    /**
     * Every symbol with an item in the table, sorted: a scan that reads only the key. Cheap on the
     * local stack; on a large AWS table it reads every item, so callers should cache it.
     */
    public Set<String> symbols() {
        Set<String> symbols = new TreeSet<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(table)
                    .projectionExpression("#pk")
                    .expressionAttributeNames(Map.of("#pk", BarItem.PK));
            if (startKey != null) {
                request.exclusiveStartKey(startKey);
            }
            ScanResponse response = dynamo.scan(request.build());
            for (Map<String, AttributeValue> item : response.items()) {
                String pk = item.get(BarItem.PK).s();
                int hash = pk.indexOf('#');
                symbols.add(hash < 0 ? pk : pk.substring(0, hash));
            }
            startKey = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (startKey != null);
        return symbols;
    }

    private void addForming(List<Bar> bars, String symbol, Timeframe timeframe, long from, long to) {
        List<Bar> live = query(BarItem.partitionKey(symbol, timeframe, true), Long.MIN_VALUE, Long.MAX_VALUE, false, 1);
        long newestFinal = bars.isEmpty() ? Long.MIN_VALUE : bars.get(bars.size() - 1).getBarStart();
        if (!live.isEmpty()) {
            long start = live.get(0).getBarStart();
            if (start > newestFinal && start >= from && start <= to) {
                bars.add(live.get(0));
            }
        }
    }

    /** One query in practice; it pages only when {@code limit} items exceed a 1 MB response. */
    private List<Bar> query(String partitionKey, long from, long to, boolean ascending, int limit) {
        List<Bar> bars = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        boolean bounded = from != Long.MIN_VALUE || to != Long.MAX_VALUE;
        do {
            QueryRequest.Builder request = QueryRequest.builder()
                    .tableName(table)
                    .expressionAttributeNames(bounded ? Map.of("#pk", BarItem.PK, "#sk", BarItem.SK) : Map.of("#pk", BarItem.PK))
                    .scanIndexForward(ascending)
                    .limit(limit - bars.size());
            if (bounded) {
                request.keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.builder().s(partitionKey).build(),
                                ":from", number(from), ":to", number(to)));
            } else {
                request.keyConditionExpression("#pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.builder().s(partitionKey).build()));
            }
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

    private static AttributeValue number(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
