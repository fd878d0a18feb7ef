package io.pricefeed.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.ArchiveTickInput;
import io.pricefeed.flink.ingest.KinesisTickInput;
import io.pricefeed.flink.ingest.TickInput;
import io.pricefeed.flink.ingest.TickStreamRecord;
import io.pricefeed.flink.lake.DuckDb;
import io.pricefeed.flink.lake.LakeSinkOptions;
import io.pricefeed.flink.lake.LakeTestCluster;
import io.pricefeed.standins.KinesisLocal;
import io.pricefeed.standins.LocalAws;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a MiniCluster against kinesis-local: 50 symbols over the last 30 minutes of a
 * session (so every timeframe, the short 15:15 hour and the day included, closes), written to a
 * temporary lake, read back with DuckDB and compared with bars computed independently from the
 * same ticks ({@link ReferenceBars}). Then the same with a task failure injected mid-stream, and a
 * batch replay of the lake's own tick archive.
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
    private KinesisLocal kinesis;
    @TempDir
    static Path streamedLake;
    private Map<String, ReferenceBars.Row> streamed;

    @BeforeAll
    void writeTheSessionAndStreamIt(KinesisLocal kinesis) throws Exception {
        this.kinesis = kinesis;
        // Four shards on two subtasks: each subtask keeps a watermark per shard.
        kinesis.createStream(STREAM, 4);
        new TickStreamWriter(kinesis.client(), STREAM).writeSession(script, 5_000, BAD_RECORDS);
        runStreaming(streamedLake, env -> new KinesisTickInput(config(streamedLake)).open(env));
        streamed = barsIn(streamedLake);
    }

    @Test
    void streamedBarsEqualTheIndependentlyComputedOnes() {
        assertSameBars(streamed, expected);
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
        runStreaming(lake, env -> new KinesisTickInput(config(lake)).open(env)
                .map(new FailOnce(script.ticks.size() / 2)).name("Fail once"));
        assertThat(FailOnce.armed).as("the failure was injected").isFalse();
        assertSameBars(barsIn(lake), streamed);
        try (DuckDb db = DuckDb.inMemory()) {
            assertThat(db.rows("SELECT count(*) FROM read_parquet('" + lake + "/ticks/**/[!._]*.parquet')")
                    .get(0).get(0)).isEqualTo((long) script.ticks.size());
        }
    }

    @Test
    void aBatchReplayOfTheTickArchiveReproducesTheStreamedBars(@TempDir Path lake) throws Exception {
        StreamExecutionEnvironment env = LakeTestCluster.environment(Duration.ofSeconds(1));
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        JobConfig config = config(lake);
        TickInput archive = ArchiveTickInput.detect(streamedLake.resolve("ticks"), 2_000);
        new PricefeedJob(config, archive, JobSinks.lake(lake.toString(), LakeSinkOptions.builder()
                .compactionEnabled(false).build())).build(env);
        env.execute("replay");
        assertSameBars(barsIn(lake), streamed);
    }

    // ---- running and reading ---------------------------------------------------------------------

    private JobConfig config(Path lake) {
        Map<String, Properties> groups = new HashMap<>();
        groups.put("kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", STREAM,
                "initialPosition", "TRIM_HORIZON", "getRecordsIntervalMs", "100", "shardDiscoveryIntervalMs", "1000"));
        groups.put("lake", props("path", lake.toString(), "checkpointsPerCompaction", "2"));
        return JobConfig.fromPropertyGroups(groups);
    }

    /** Runs the job until the lake holds every expected bar and archived tick, then cancels it. */
    private void runStreaming(Path lake, TickInput input) throws Exception {
        Configuration restarts = new Configuration();
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        restarts.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = LakeTestCluster.environment(Duration.ofMillis(500), restarts);
        JobConfig config = config(lake);
        new PricefeedJob(config, input, JobSinks.lake(config)).build(env);
        JobClient job = env.executeAsync("e2e");
        try (DuckDb db = DuckDb.inMemory()) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!complete(db, lake)) {
                assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("job ended early").isFalse();
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the lake did not fill within " + TIMEOUT + ": " + rows(db, lake.resolve("bars"))
                            + " of " + expected.size() + " bars, " + rows(db, lake.resolve("ticks")) + " of "
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
        return rows(db, lake.resolve("bars")) >= expected.size() && rows(db, lake.resolve("ticks")) >= script.ticks.size();
    }

    private static String debugListing(Path lake) throws Exception {
        try (java.util.stream.Stream<Path> files = Files.walk(lake.resolve("bars"))) {
            return files.map(p -> lake.relativize(p) + " " + p.toFile().length()).collect(java.util.stream.Collectors.joining("\n"));
        }
    }

    /** Rows in a table's committed (visible) Parquet files; 0 before the first commit. */
    private static long rows(DuckDb db, Path table) throws Exception {
        boolean committed;
        try (java.util.stream.Stream<Path> files = Files.exists(table) ? Files.walk(table) : java.util.stream.Stream.empty()) {
            committed = files.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_"));
        }
        return committed ? (Long) db.rows("SELECT count(*) FROM read_parquet('" + table + "/**/[!._]*.parquet')").get(0).get(0) : 0;
    }

    private static Map<String, ReferenceBars.Row> barsIn(Path lake) throws Exception {
        Map<String, ReferenceBars.Row> rows = new TreeMap<>();
        try (DuckDb db = DuckDb.inMemory()) {
            for (List<Object> r : db.rows("SELECT symbol, timeframe, epoch_ms(bar_start), epoch_ms(bar_end), open, high, low, "
                    + "close, vwap, volume, tick_count FROM read_parquet('" + lake
                    + "/bars/**/[!._]*.parquet', hive_partitioning = true)")) {
                ReferenceBars.Row row = new ReferenceBars.Row((String) r.get(0), (String) r.get(1), (Long) r.get(2),
                        (Long) r.get(3), (Double) r.get(4), (Double) r.get(5), (Double) r.get(6), (Double) r.get(7),
                        (Double) r.get(8), (Long) r.get(9), (Long) r.get(10));
                assertThat(rows.put(row.key(), row)).as("duplicate bar " + row.key()).isNull();
            }
        }
        return rows;
    }

    private static void assertSameBars(Map<String, ReferenceBars.Row> actual, Map<String, ReferenceBars.Row> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        for (ReferenceBars.Row e : expected.values()) {
            ReferenceBars.Row a = actual.get(e.key());
            assertThat(new double[] {a.open, a.high, a.low, a.close}).as(e.key())
                    .containsExactly(e.open, e.high, e.low, e.close);
            assertThat(new long[] {a.end, a.volume, a.tickCount}).as(e.key()).containsExactly(e.end, e.volume, e.tickCount);
            assertThat(a.vwap).as(e.key() + " vwap").isCloseTo(e.vwap, org.assertj.core.data.Offset.offset(1e-6 * e.vwap));
        }
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
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
