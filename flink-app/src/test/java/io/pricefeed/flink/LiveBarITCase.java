package io.pricefeed.flink;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.flink.local.LocalJob;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Forming bars in DynamoDB (DESIGN.md §4 live bars, §5 keys) seen from outside while the job runs:
 * the {@code <symbol>#1m#live} item follows an open bar tick by tick, no final item exists while the
 * watermark has not passed the bar's end, and the final {@code <symbol>#1m} item, once the
 * heartbeats carry the watermark past the end plus the allowed lateness, holds the last live values.
 *
 * <p>Ticks and heartbeats are written in steps while the job runs, so the test decides how far
 * event time goes: the watermark trails the largest event time by the out-of-orderness (2 s) and
 * starts once every shard a source subtask reads has delivered; live writes are throttled to one a second per symbol
 * ({@code bars.liveUpdateIntervalMs}, default), deferred, not dropped.
 */
@LocalAws
class LiveBarITCase {
    private static final String SYM = "NSE:LIVE-EQ";
    private static final String TICKS = "ticks-live";
    private static final String TABLE = "bars-live";
    /** 10:29 and 10:30 IST: the symbol's first minute of the day (a mid-session start) and the bar watched. */
    private static final long PREVIOUS = TradingCalendar.sessionOpen(SessionScript.DAY) + 74 * 60_000L;
    private static final long BAR = PREVIOUS + 60_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private long cum = 2_400_000;
    private double turnover = cum * 1000.0;

    @Test
    void theOpenBarIsLiveInDynamoDbAndItsFinalItemHoldsTheLastLiveValues(Kinesalite kinesis, DynamoDbLocal dynamo,
                                                                        @TempDir Path dir) throws Exception {
        // Two shards on two source subtasks: the symbol's shard and one with heartbeats only.
        kinesis.createStream(TICKS, 2);
        kinesis.createStream("anomalies-live", 1);
        dynamo.createTable(PipelineResources.barsTable(TABLE));
        JobConfig config = JobConfig.fromPropertyGroups(Map.of(
                "kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", TICKS,
                        "anomaliesStream", "anomalies-live", "initialPosition", "TRIM_HORIZON",
                        "getRecordsIntervalMs", "100", "shardDiscoveryIntervalMs", "1000"),
                "dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", TABLE),
                "lake", props("path", dir.resolve("lake").toString()),
                "job", props("checkpointIntervalMs", "1000")));
        assertThat(config.get(JobConfig.LIVE_UPDATE_INTERVAL_MS)).isEqualTo(1000L);
        assertThat(config.get(JobConfig.ALLOWED_LATENESS_MS)).isEqualTo(5000L);
        TickStreamWriter writer = new TickStreamWriter(kinesis.client(), TICKS);

        List<Tick> previous = List.of(tick(PREVIOUS + 10_000, 1000.00, 0), tick(PREVIOUS + 30_000, 1000.50, 1_000),
                tick(PREVIOUS + 50_000, 999.80, 1_500));
        List<Tick> early = List.of(tick(BAR + 5_000, 1001.00, 500), tick(BAR + 12_000, 1003.50, 1_200),
                tick(BAR + 20_000, 1000.25, 800));
        List<Tick> late = List.of(tick(BAR + 35_000, 998.00, 1_100), tick(BAR + 50_000, 1002.00, 900));
        Tick baseline = previous.get(previous.size() - 1);
        List<Tick> wholeBar = new ArrayList<>(early);
        wholeBar.addAll(late);

        LocalJob job = LocalJob.start(config, 2, dir.resolve("state"));
        try {
            // Step 1: 10:29 and the first third of 10:30; event time reaches 10:30:20, so the
            // watermark (10:30:18) has made 10:29 final (10:30:05) but 10:30 is open.
            List<Tick> step1 = new ArrayList<>(previous);
            step1.addAll(early);
            writer.write(step1, heartbeats(PREVIOUS, PREVIOUS + 30_000, BAR, BAR + 20_000));
            Map<String, AttributeValue> previousFinal = awaitItem("10:29 final", () -> item(dynamo, PREVIOUS, false),
                    i -> true);
            // The day's first tick came after 09:16: it is this bar's open and its own volume baseline.
            assertBar(previousFinal, previous, previous.get(0));
            assertThat(previousFinal.get("final").bool()).isTrue();
            awaitItem("the live item showing 10:30's first three ticks", () -> item(dynamo, BAR, true),
                    i -> matches(i, early, baseline));
            assertThat(item(dynamo, BAR, false)).as("no final item while the bar is open").isNull();

            // Step 2: two more ticks, to 10:30:50 (watermark 10:30:48): the live item follows them.
            writer.write(late, heartbeats(BAR + 50_000));
            Map<String, AttributeValue> lastLive = awaitItem("the live item showing all five ticks",
                    () -> item(dynamo, BAR, true), i -> matches(i, wholeBar, baseline));
            assertBar(lastLive, wholeBar, baseline);
            assertThat(lastLive.get("final").bool()).isFalse();
            assertThat(lastLive.get("revision").n()).isEqualTo("0");
            assertThat(item(dynamo, BAR, false)).as("still no final item: the watermark is short of 10:31").isNull();

            // Step 3: heartbeats alone to 10:31:10 (watermark 10:31:08): past the end plus the lateness.
            writer.write(List.of(), heartbeats(BAR + 60_000, BAR + 70_000));
            Map<String, AttributeValue> finalItem = awaitItem("10:30 final", () -> item(dynamo, BAR, false), i -> true);

            // The same bar: every attribute equal but the key, the final flag and the TTL (a live
            // item expires a day after the bar ends, a final 1m bar 30 days after).
            assertThat(withoutKeyFlagAndTtl(finalItem)).isEqualTo(withoutKeyFlagAndTtl(lastLive));
            assertThat(finalItem.get("final").bool()).isTrue();
            long barEndSeconds = (BAR + 60_000) / 1000;
            assertThat(lastLive.get(ResourceNames.TTL_ATTRIBUTE).n())
                    .isEqualTo(Long.toString(barEndSeconds + Duration.ofDays(1).toSeconds()));
            assertThat(finalItem.get(ResourceNames.TTL_ATTRIBUTE).n())
                    .isEqualTo(Long.toString(barEndSeconds + Duration.ofDays(30).toSeconds()));
            assertThat(withoutKeyFlagAndTtl(item(dynamo, BAR, true))).as("the live item, closed, still shows the same bar")
                    .isEqualTo(withoutKeyFlagAndTtl(lastLive));
        } finally {
            job.close();
        }
    }

    /** A tick of the symbol that traded {@code traded} shares at {@code ltp} since the previous one. */
    private Tick tick(long ts, double ltp, long traded) {
        cum += traded;
        turnover += traded * ltp;
        double atp = Math.round(turnover / cum * 100) / 100.0;
        return new Tick(SYM, ts, ltp, cum, atp, 995.00, 1010.00, 990.00, 994.50, ltp - 0.05, ltp);
    }

    private static List<Heartbeat> heartbeats(long... ts) {
        List<Heartbeat> out = new ArrayList<>();
        for (long t : ts) {
            out.add(new Heartbeat(t, "live-test"));
        }
        return out;
    }

    /**
     * Polls {@code read} until it returns an item that satisfies {@code done}, and returns that item;
     * on timeout, fails with the last item seen. (Awaitility's {@code until(supplier, predicate)}
     * goes through Hamcrest, and the test classpath's Hamcrest is an old one.)
     */
    private static Map<String, AttributeValue> awaitItem(String what, Callable<Map<String, AttributeValue>> read,
                                                         Predicate<Map<String, AttributeValue>> done) {
        AtomicReference<Map<String, AttributeValue>> seen = new AtomicReference<>();
        try {
            await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> {
                Map<String, AttributeValue> item = read.call();
                seen.set(item);
                return item != null && done.test(item);
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("waited " + TIMEOUT + " for " + what + " in vain; last seen: "
                    + (seen.get() == null ? "none" : BarItem.fromItem(seen.get())), e);
        }
        return seen.get();
    }

    /** The 1m item of the symbol at {@code barStart}, final or live; null when there is none. */
    private static Map<String, AttributeValue> item(DynamoDbLocal dynamo, long barStart, boolean live) {
        Map<String, AttributeValue> item = dynamo.client().getItem(b -> b.tableName(TABLE).consistentRead(true).key(Map.of(
                BarItem.PK, AttributeValue.builder().s(BarItem.partitionKey(SYM, Timeframe.M1, live)).build(),
                BarItem.SK, AttributeValue.builder().n(Long.toString(barStart)).build()))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static boolean matches(Map<String, AttributeValue> item, List<Tick> ticks, Tick baseline) {
        try {
            assertBar(item, ticks, baseline);
            return true;
        } catch (AssertionError notYet) {
            return false;
        }
    }

    /**
     * DESIGN.md §4 by hand for the ticks of one bar, with {@code baseline} the last tick before the
     * bar (or the day's first tick, for the bar a mid-session start begins with); the day high and
     * low never move here, so there is no widening: first, max, min and last price, the cumulative
     * volume and turnover since the baseline, and the tick count.
     */
    private static void assertBar(Map<String, AttributeValue> item, List<Tick> ticks, Tick baseline) {
        Bar bar = BarItem.fromItem(item);
        Tick last = ticks.get(ticks.size() - 1);
        long volume = last.getCumVolume() - baseline.getCumVolume();
        double vwap = (last.getAtp() * last.getCumVolume() - baseline.getAtp() * baseline.getCumVolume()) / volume;
        assertThat(new double[] {bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose()}).containsExactly(
                ticks.get(0).getLtp(), ticks.stream().mapToDouble(Tick::getLtp).max().orElseThrow(),
                ticks.stream().mapToDouble(Tick::getLtp).min().orElseThrow(), last.getLtp());
        assertThat(new long[] {bar.getVolume(), bar.getTickCount()}).containsExactly(volume, ticks.size());
        assertThat(bar.getVwap()).isCloseTo(vwap, within(1e-9 * vwap));
        assertThat(bar.getBarStart()).isEqualTo(TradingCalendar.nse().bucketStart(Timeframe.M1, last.getTs()));
    }

    private static Map<String, AttributeValue> withoutKeyFlagAndTtl(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> rest = new HashMap<>(item);
        rest.remove(BarItem.PK);
        rest.remove("final");
        rest.remove(ResourceNames.TTL_ATTRIBUTE);
        return rest;
    }
}
