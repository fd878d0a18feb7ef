package io.pricefeed.flink;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.KinesisTickInput;
import io.pricefeed.flink.ingest.TickInput;
import io.pricefeed.flink.ingest.TickStreamRecord;
import io.pricefeed.flink.lake.DuckDb;
import io.pricefeed.flink.lake.LakeTestCluster;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.flink.local.ReplayJob;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.PipelineResources;
import io.pricefeed.standins.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * The whole job on a MiniCluster against kinesalite: 50 symbols over the last 30 minutes of a
 * session (so every timeframe, the short 15:15 hour and the day included, closes), written to a
 * temporary lake, read back with DuckDB and compared with bars computed independently from the
 * same ticks ({@link ReferenceBars}); the same bars in DynamoDB Local, final and live; the planted
 * anomalies in the lake and on the anomalies stream. Then the same with a task failure injected
 * mid-stream, and a batch replay of the lake's own tick archive.
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PricefeedJobITCase {
    private static final String STREAM = "ticks-e2e";
    private static final List<String> BAD_RECORDS = List.of(
            "{not json",
            "{\"type\":\"tick\",\"symbol\":\"NSE:BAD-EQ\",\"ts\":1773135000000,\"ltp\":-1,\"cumVolume\":1,\"atp\":1}",
            "{\"type\":\"quote\",\"symbol\":\"NSE:BAD-EQ\"}");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SessionScript script = SessionScript.generate(20261123L, 50, LocalTime.of(15, 0), LocalTime.of(15, 30));
    private final Map<String, ReferenceBars.Row> expected = ReferenceBars.of(script.ticks);
    private Kinesalite kinesis;
    private DynamoDbLocal dynamo;
    @TempDir
    static Path streamedLake;
    private Map<String, ReferenceBars.Row> streamed;

    @BeforeAll
    void writeTheSessionAndStreamIt(Kinesalite kinesis, DynamoDbLocal dynamo) throws Exception {
        this.kinesis = kinesis;
        this.dynamo = dynamo;
        // Four shards on two subtasks: each subtask keeps a watermark per shard.
        kinesis.createStream(STREAM, 4);
        new TickStreamWriter(kinesis.client(), STREAM).writeSession(script, 5_000, BAD_RECORDS);
        runStreaming(streamedLake, "streamed", env -> new KinesisTickInput(config(streamedLake, "streamed")).open(env));
        streamed = LakeReader.bars(streamedLake);
    }

    @Test
    void streamedBarsEqualTheIndependentlyComputedOnes() {
        ReferenceBars.assertSame(streamed, expected);
        assertThat(expected.keySet()).as("every timeframe is covered")
                .anyMatch(k -> k.contains("|1h|")).anyMatch(k -> k.contains("|1d|"));
        long quitterLastBar = streamed.values().stream().filter(r -> r.symbol.equals(script.quitter))
                .filter(r -> r.timeframe.equals("1m")).mapToLong(r -> r.start).max().orElseThrow();
        assertThat(quitterLastBar).as("a symbol that stopped trading still gets its last bar closed")
                .isLessThan(script.silentFrom).isGreaterThan(script.silentFrom - 120_000);
    }

    @Test
    void everyTickIsArchivedAndEveryBadRecordIsRejectedWithItsReason() throws Exception {
        try (DuckDb db = DuckDb.inMemory()) {
            assertThat(db.rows("SELECT count(*) FROM read_parquet('" + streamedLake + "/ticks/**/[!._]*.parquet')")
                    .get(0).get(0)).isEqualTo((long) script.ticks.size());
            List<List<Object>> rejects = db.rows("SELECT reason FROM read_json_auto('" + streamedLake
                    + "/rejects/**/[!._]*.jsonl') ORDER BY reason");
            assertThat(rejects).extracting(r -> r.get(0))
                    .containsExactly("bad_price", "malformed_json", "unknown_type");
        }
    }

    @Test
    void aTaskFailureMidStreamNeitherLosesNorDuplicatesARow(@TempDir Path lake) throws Exception {
        FailOnce.armed.set(true);
        FailOnce.seen.set(0);
        runStreaming(lake, "failover", env -> new KinesisTickInput(config(lake, "failover")).open(env)
                .map(new FailOnce(script.ticks.size() / 2)).name("Fail once"));
        assertThat(FailOnce.armed).as("the failure was injected").isFalse();
        ReferenceBars.assertSame(LakeReader.bars(lake), streamed);
        ReferenceBars.assertSame(finalBarsInTable("failover"), streamed);
        assertThat(LakeReader.anomalyIds(lake)).isEqualTo(LakeReader.anomalyIds(streamedLake));
        assertThat(new TreeSet<>(anomalyIdsInStream("failover"))).as("at-least-once: the same ids, perhaps some twice")
                .isEqualTo(LakeReader.anomalyIds(streamedLake).keySet());
        try (DuckDb db = DuckDb.inMemory()) {
            assertThat(db.rows("SELECT count(*) FROM read_parquet('" + lake + "/ticks/**/[!._]*.parquet')")
                    .get(0).get(0)).isEqualTo((long) script.ticks.size());
        }
    }

    @Test
    void aBatchReplayOfTheTickArchiveReproducesTheStreamedBars(@TempDir Path lake) throws Exception {
        ReplayJob.Summary summary = ReplayJob.run(streamedLake.resolve("ticks"), lake.toString(), config(lake, "replay"), 2);
        assertThat(summary.ticks).isEqualTo(script.ticks.size());
        assertThat(summary.rejects).isZero();
        ReferenceBars.assertSame(LakeReader.bars(lake), streamed);
        assertThat(lake.resolve("ticks")).as("lake ticks are not archived a second time").doesNotExist();
    }

    @Test
    void dynamoDbHoldsTheLakesFinalBarsAndEachLiveItemEndsEqualToItsFinalBar() {
        ReferenceBars.assertSame(finalBarsInTable("streamed"), streamed);
        Map<String, ReferenceBars.Row> live = barsInTable("streamed", true);
        assertThat(live.keySet()).as("every bar was shown while it formed").containsAll(streamed.keySet());
        ReferenceBars.assertSame(live, streamed);
    }

    @Test
    void thePlantedAnomaliesFireOnceEachAndReachTheLakeAndTheAnomaliesStream() throws Exception {
        Map<String, String> inLake = LakeReader.anomalyIds(streamedLake);
        assertThat(inLake.values()).contains("NSE:SYM01-EQ PRICE_MOVE", "NSE:SYM02-EQ VOLUME_SURGE");
        assertThat(inLake.values().stream().filter(v -> v.equals("NSE:SYM01-EQ PRICE_MOVE"))).as("bands 5% and 7.5%").hasSize(2);
        assertThat(anomalyIdsInStream("streamed")).containsExactlyInAnyOrderElementsOf(inLake.keySet());
    }

    // ---- running and reading ---------------------------------------------------------------------

    /** One run's configuration: its own lake, bars table and anomalies stream, named after the run. */
    private JobConfig config(Path lake, String run) {
        Map<String, Properties> groups = new HashMap<>();
        groups.put("kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", STREAM,
                "anomaliesStream", "anomalies-" + run,
                "initialPosition", "TRIM_HORIZON", "getRecordsIntervalMs", "100", "shardDiscoveryIntervalMs", "1000"));
        groups.put("dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", "bars-" + run));
        groups.put("lake", props("path", lake.toString(), "checkpointsPerCompaction", "2"));
        return JobConfig.fromPropertyGroups(groups);
    }

    /** Runs the job until the lake holds every expected bar and archived tick, then cancels it. */
    private void runStreaming(Path lake, String run, TickInput input) throws Exception {
        kinesis.createStream("anomalies-" + run, 1);
        dynamo.createTable(PipelineResources.barsTable("bars-" + run));
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = LakeTestCluster.environment(Duration.ofMillis(500), restarts);
        JobConfig config = config(lake, run);
        new PricefeedJob(config, input, JobSinks.all(config)).build(env);
        JobClient job = env.executeAsync("e2e");
        try (DuckDb db = DuckDb.inMemory()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!complete(db, lake) || finalItems("bars-" + run) < expected.size() || !anomaliesDelivered(lake, run)) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("job ended early").isFalse();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the lake did not fill within " + TIMEOUT + ": " + LakeReader.rows(db, lake.resolve("bars"))
                            + " of " + expected.size() + " bars, " + LakeReader.rows(db, lake.resolve("ticks")) + " of "
                            + script.ticks.size() + " ticks; by timeframe: " + db.rows("SELECT timeframe, count(*) FROM "
                            + "read_parquet('" + lake + "/bars/**/[!._]*.parquet', hive_partitioning = true) GROUP BY 1")
                            + "\n" + db.rows("SELECT reason, count(*) FROM read_json_auto('" + lake + "/rejects/**/[!._]*.jsonl') GROUP BY 1")
                            + "\n" + debugListing(lake) + "\n" + db.rows("SELECT symbol, count(*), max(epoch_ms(bar_start)) FROM "
                            + "read_parquet('" + lake + "/bars/timeframe=1m/**/[!._]*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1"));
                }
                Thread.sleep(250); // polling the lake, not synchronising: the condition above is what is awaited
            }
        } finally {
            job.cancel().get();
        }
    }

    private boolean complete(DuckDb db, Path lake) throws Exception {
        return LakeReader.rows(db, lake.resolve("bars")) >= expected.size() && LakeReader.rows(db, lake.resolve("ticks")) >= script.ticks.size();
    }

    private static String debugListing(Path lake) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(lake.resolve("bars"))) {
            return files.map(p -> lake.relativize(p) + " " + p.toFile().length()).collect(java.util.stream.Collectors.joining("\n"));
        }
    }

    /** Every anomaly the lake committed is on the run's stream too (the sink sends on a timer, not on commit). */
    private boolean anomaliesDelivered(Path lake, String run) throws Exception {
        Set<String> committed = LakeReader.anomalyIds(lake).keySet();
        return !committed.isEmpty() && new TreeSet<>(anomalyIdsInStream(run)).containsAll(committed);
    }

    private long finalItems(String table) {
        return dynamo.client().scanPaginator(b -> b.tableName(table).filterExpression("#f = :t")
                .expressionAttributeNames(Map.of("#f", "final"))
                .expressionAttributeValues(Map.of(":t", AttributeValue.builder().bool(true).build()))
                .select(Select.COUNT)).stream().mapToLong(r -> r.count()).sum();
    }

    private Map<String, ReferenceBars.Row> finalBarsInTable(String run) {
        return barsInTable(run, false);
    }

    /** The table's final items, or its live items, as rows keyed like the lake's. */
    private Map<String, ReferenceBars.Row> barsInTable(String run, boolean live) {
        Map<String, ReferenceBars.Row> rows = new TreeMap<>();
        dynamo.client().scanPaginator(b -> b.tableName("bars-" + run)).items().forEach(item -> {
            if (item.get(BarItem.PK).s().endsWith(BarItem.LIVE_SUFFIX) == live) {
                Bar bar = BarItem.fromItem(item);
                assertThat(bar.isFinalBar()).isEqualTo(!live);
                ReferenceBars.Row row = new ReferenceBars.Row(bar.getSymbol(), bar.getTimeframe().label(), bar.getBarStart(),
                        bar.getBarEnd(), bar.getOpen(), bar.getHigh(), bar.getLow(), bar.getClose(), bar.getVwap(),
                        bar.getVolume(), bar.getTickCount());
                rows.put(row.key(), row);
            }
        });
        return rows;
    }

    /** Every anomaly id on the run's anomalies stream, read from the start of each shard. */
    private List<String> anomalyIdsInStream(String run) {
        return AnomalyStream.read(kinesis.client(), "anomalies-" + run).stream().map(Anomaly::getId)
                .collect(java.util.stream.Collectors.toList());
    }

    /** Throws once, on the first subtask to pass {@code after} records, to force a restart from the last checkpoint. */
    static final class FailOnce implements MapFunction<TickStreamRecord, TickStreamRecord> {
        private static final long serialVersionUID = 1L;
        static final AtomicBoolean armed = new AtomicBoolean();
        static final AtomicLong seen = new AtomicLong();
        private final long after;

        FailOnce(long after) {
            this.after = after;
        }

        @Override
        public TickStreamRecord map(TickStreamRecord record) {
            if (seen.incrementAndGet() > after && armed.compareAndSet(true, false)) {
                throw new IllegalStateException("injected failure after " + after + " records");
            }
            return record;
        }
    }
}
