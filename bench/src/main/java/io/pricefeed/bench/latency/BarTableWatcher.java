package io.pricefeed.bench.latency;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Timeframe;
import io.pricefeed.standins.DynamoDbLocal;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Watches the bars table in DynamoDB for the first {@code sample} symbols. Every {@code pollMs}, one
 * BatchGetItem (consistent reads, up to 100 keys a call) reads:
 * <ul>
 *   <li><b>tick -> live bar</b>: the {@code <symbol>#1m#live} items (sk = bar start) that still owe a
 *       tick. The k-th tick of a symbol's minute is visible when that item's {@code tickCount} reaches k;
 *       its latency is the time that response came back minus the tick's {@code ts}, so it includes the
 *       put, and is an upper bound by up to one poll;</li>
 *   <li><b>minute end -> final 1m bar</b>: {@code <symbol>#1m} (sk = bar start) of each measured minute
 *       once the minute has ended, until it is there with {@code final = true}; latency = response time
 *       minus the bar's end (noted in the bar's {@link BarTrack}). Its {@code tickCount} is checked
 *       against the ticks sent.</li>
 * </ul>
 */
final class BarTableWatcher {
    private final URI dynamoEndpoint;
    private final RunPlan plan;
    private final SentTicks sent;
    private final int sample;
    private final long pollMs;
    private final Samples live = new Samples();
    private final List<long[]> overGoal = new ArrayList<>();
    private final Samples pollRounds = new Samples();
    private final AtomicLong finalMismatches = new AtomicLong();

    BarTableWatcher(URI dynamoEndpoint, RunPlan plan, SentTicks sent, int sample, long pollMs) {
        this.dynamoEndpoint = dynamoEndpoint;
        this.plan = plan;
        this.sent = sent;
        this.sample = sample;
        this.pollMs = pollMs;
    }

    void run(BooleanSupplier running) throws Exception {
        Map<String, String> names = Map.of("#pk", BarItem.PK, "#sk", BarItem.SK, "#tc", "tickCount", "#f", "final");
        try (DynamoDbClient dynamo = DynamoDbLocal.newClient(dynamoEndpoint)) {
            long start = System.currentTimeMillis();
            for (long round = 1; running.getAsBoolean(); round++) {
                long now = System.currentTimeMillis();
                Map<Map<String, AttributeValue>, BarTrack> liveKeys = new LinkedHashMap<>();
                Map<Map<String, AttributeValue>, BarTrack> finalKeys = new LinkedHashMap<>();
                for (BarTrack b : sent.bars()) {
                    if (b.symbol >= sample) {
                        continue;
                    }
                    if (b.owesTicks()) {
                        liveKeys.put(key(BarItem.partitionKey(plan.symbol(b.symbol), Timeframe.M1, true), b.barStart), b);
                    }
                    if (b.measured && now >= b.barEnd && b.finalAt == Long.MIN_VALUE) {
                        finalKeys.put(key(BarItem.partitionKey(plan.symbol(b.symbol), Timeframe.M1, false), b.barStart), b);
                    }
                }
                List<Map<String, AttributeValue>> keys = new ArrayList<>(liveKeys.keySet());
                keys.addAll(finalKeys.keySet());
                for (int from = 0; from < keys.size(); from += 100) {
                    List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + 100));
                    long t0 = System.nanoTime();
                    BatchGetItemResponse r = dynamo.batchGetItem(b -> b.requestItems(Map.of(ResourceNames.BARS_TABLE,
                            KeysAndAttributes.builder().keys(chunk).consistentRead(true)
                                    .projectionExpression("#pk, #sk, #tc, #f").expressionAttributeNames(names).build())));
                    long observed = System.currentTimeMillis();
                    pollRounds.add((System.nanoTime() - t0) / 1_000_000);
                    for (Map<String, AttributeValue> item : r.responses().getOrDefault(ResourceNames.BARS_TABLE, List.of())) {
                        Map<String, AttributeValue> k = key(item.get(BarItem.PK).s(), Long.parseLong(item.get(BarItem.SK).n()));
                        long tickCount = Long.parseLong(item.get("tickCount").n());
                        BarTrack l = liveKeys.get(k);
                        if (l != null) {
                            l.seen(tickCount, observed, live, overGoal);
                        }
                        BarTrack f = finalKeys.get(k);
                        if (f != null && Boolean.TRUE.equals(item.get("final").bool())) {
                            if (tickCount != f.sent()) {
                                finalMismatches.incrementAndGet();
                            }
                            f.finalAt = observed;
                        }
                    }
                    // Unprocessed keys (DynamoDB may return some) are simply asked again next round.
                }
                long sleep = start + round * pollMs - System.currentTimeMillis();
                if (sleep > 0) {
                    Thread.sleep(sleep); // polling the table is the measurement
                }
            }
        }
    }

    private static Map<String, AttributeValue> key(String pk, long sk) {
        return Map.of(BarItem.PK, AttributeValue.builder().s(pk).build(),
                BarItem.SK, AttributeValue.builder().n(Long.toString(sk)).build());
    }

    /** Tick -> live bar latencies (measured minutes). */
    Samples live() {
        return live;
    }

    /** The live latencies over the goal, each {latency, ms from the tick to its minute's end}; a copy. */
    List<long[]> overGoal() {
        synchronized (overGoal) {
            return new ArrayList<>(overGoal);
        }
    }

    /** Each BatchGetItem call's time in ms. */
    Samples pollRounds() {
        return pollRounds;
    }

    /** Final bars whose tickCount differed from the ticks sent. */
    long finalMismatches() {
        return finalMismatches.get();
    }

    int sample() {
        return sample;
    }

    long pollMs() {
        return pollMs;
    }
}
