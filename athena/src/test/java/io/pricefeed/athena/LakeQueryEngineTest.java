package io.pricefeed.athena;

import static io.pricefeed.athena.TestLake.BARS;
import static io.pricefeed.athena.TestLake.INFY;
import static io.pricefeed.athena.TestLake.MAR_10;
import static io.pricefeed.athena.TestLake.MAR_11;
import static io.pricefeed.athena.TestLake.SBIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LakeQueryEngineTest {
    private static final List<String> BAR_COLUMNS = List.of("symbol", "bar_start", "bar_end", "open", "high", "low",
            "close", "vwap", "volume", "tick_count", "revision", "timeframe", "trade_date");

    @TempDir
    static Path lake;

    @BeforeAll
    static void writeLake() {
        TestLakeWriter.bars(lake, BARS);
        TestLakeWriter.ticks(lake, List.of(TestLake.tick(SBIN, TestLake.istMillis(MAR_10, 9, 15) + 5_123, 1098.75, 8_234_561)));
        // The tick's time as other writers than the job store it: a plain timestamp, not UTC-adjusted.
        TestLake.plainTimestamps(lake.resolve("ticks/trade_date=" + MAR_10 + "/part-0.parquet"), "ts");
        TestLakeWriter.anomalies(lake, List.of(TestLake.priceMove("a1", SBIN, TestLake.istMillis(MAR_10, 9, 20) + 17,
                TestLake.istMillis(MAR_10, 9, 20))));
    }

    @Test
    void partitionValuesComeFromThePath() {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult counts = engine.query(
                    "SELECT timeframe, trade_date, count(*) AS n FROM bars GROUP BY ALL ORDER BY ALL");

            // Strings, as Athena's projected partitions are.
            assertThat(counts.types()).containsExactly("VARCHAR", "VARCHAR", "BIGINT");
            assertThat(counts.rows()).containsExactly(
                    List.of("1d", MAR_10.toString(), 2L),
                    List.of("1m", MAR_10.toString(), 6L),
                    List.of("1m", MAR_11.toString(), 1L));
            // The files themselves carry no partition columns (read with hive partitioning off,
            // which DuckDB would otherwise switch on for a path like this), so the values above
            // can only have come from the folder names.
            QueryResult inFile = engine.query("SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('"
                    + lake.resolve("bars/timeframe=1m/trade_date=2026-03-10/part-0.parquet")
                    + "', hive_partitioning = false))");
            assertThat(inFile.rows()).extracting(row -> row.get(0)).contains("symbol", "bar_start");
            assertThat(inFile.rows()).extracting(row -> row.get(0)).doesNotContain("timeframe", "trade_date");
        }
    }

    @Test
    void aggregatesMatchTheBarsWritten() {
        Map<String, Long> volume = new TreeMap<>();
        Map<String, Double> high = new TreeMap<>();
        for (Bar bar : BARS) {
            if (bar.getTimeframe() == Timeframe.M1 && TradingCalendar.tradeDate(bar.getBarStart()).equals(MAR_10)) {
                volume.merge(bar.getSymbol(), bar.getVolume(), Long::sum);
                high.merge(bar.getSymbol(), bar.getHigh(), Math::max);
            }
        }

        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult result = engine.query("SELECT symbol, sum(volume) AS volume, max(high) AS high FROM bars"
                    + " WHERE timeframe = '1m' AND trade_date = '2026-03-10' GROUP BY symbol ORDER BY symbol");

            assertThat(result.columns()).containsExactly("symbol", "volume", "high");
            // sum(BIGINT) is a HUGEINT in DuckDB, which JDBC hands out as a BigInteger.
            assertThat(result.types()).containsExactly("VARCHAR", "HUGEINT", "DOUBLE");
            assertThat(result.rows()).containsExactly(
                    List.of(INFY, BigInteger.valueOf(volume.get(INFY)), high.get(INFY)),
                    List.of(SBIN, BigInteger.valueOf(volume.get(SBIN)), high.get(SBIN)));
            assertThat(volume).containsEntry(SBIN, 265_000L).containsEntry(INFY, 82_000L);
        }
    }

    @Test
    void barStartIsTheUtcTimestampWritten() {
        Bar first = BARS.get(0);
        assertThat(first.getBarStart()).as("09:15 IST on 10 March 2026").isEqualTo(1_773_114_300_000L);

        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            String sql = "SELECT bar_start, bar_end, trade_date FROM bars"
                    + " WHERE symbol = '" + SBIN + "' AND timeframe = '1m' ORDER BY bar_start LIMIT 1";
            QueryResult result = engine.query(sql);

            assertThat(result.types()).containsExactly("TIMESTAMP", "TIMESTAMP", "VARCHAR");
            assertThat(result.value(0, "bar_start")).isEqualTo(LocalDateTime.of(2026, 3, 10, 3, 45));
            assertThat(epochMillis(result.value(0, "bar_start"))).isEqualTo(first.getBarStart());
            assertThat(epochMillis(result.value(0, "bar_end"))).isEqualTo(first.getBarEnd());
            assertThat(result.value(0, "trade_date")).isEqualTo("2026-03-10");

            // The views must not follow the session time zone: bar times stay UTC.
            engine.query("SET TimeZone = 'Asia/Kolkata'");
            assertThat(epochMillis(engine.query(sql).value(0, "bar_start"))).isEqualTo(first.getBarStart());
        }
    }

    @Test
    void ticksAndAnomaliesReadTheirFilesWhateverTheTimestampEncoding() {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult tick = engine.query("SELECT symbol, ts, cum_volume, trade_date FROM ticks");
            assertThat(tick.rows()).hasSize(1);
            assertThat(epochMillis(tick.value(0, "ts"))).isEqualTo(TestLake.istMillis(MAR_10, 9, 15) + 5_123);
            assertThat(tick.value(0, "cum_volume")).isEqualTo(8_234_561L);

            QueryResult anomaly = engine.query("SELECT id, ts, bar_start, context['prevClose'] AS prev_close,"
                    + " trade_date FROM anomalies");
            assertThat(anomaly.rows()).hasSize(1);
            assertThat(epochMillis(anomaly.value(0, "ts"))).isEqualTo(TestLake.istMillis(MAR_10, 9, 20) + 17);
            assertThat(anomaly.value(0, "prev_close")).isEqualTo(1092.4);
            assertThat(anomaly.value(0, "trade_date")).isEqualTo(MAR_10.toString());
        }
    }

    @Test
    void emptyLakeStartsWithEmptyViewsOfTheSameShape(@TempDir Path emptyLake) {
        try (LakeQueryEngine empty = LakeQueryEngine.open(emptyLake);
             LakeQueryEngine full = LakeQueryEngine.open(lake)) {
            assertThat(empty.tableNames()).containsExactly("bars", "ticks", "anomalies", "rejects");
            assertThat(empty.tablesWithoutData()).containsExactlyElementsOf(empty.tableNames());
            assertThat(full.tablesWithoutData()).containsExactly("rejects");
            for (String table : empty.tableNames()) {
                assertThat(empty.query("SELECT count(*) FROM " + table).rows()).as(table).containsExactly(List.of(0L));
            }

            // A query written against a populated lake must bind the same way on an empty one.
            for (String view : concat(empty.tableNames(), empty.viewNames())) {
                assertThat(describe(empty, view)).as(view).isEqualTo(describe(full, view));
            }
            assertThat(describe(empty, "bars").keySet()).containsExactlyElementsOf(BAR_COLUMNS);
        }
    }

    @Test
    void refreshPicksUpFoldersThatAppearedAfterStart(@TempDir Path growingLake) {
        try (LakeQueryEngine engine = LakeQueryEngine.open(growingLake)) {
            TestLakeWriter.bars(growingLake, BARS);
            assertThat(engine.query("SELECT count(*) FROM bars").rows()).containsExactly(List.of(0L));

            engine.refreshViews();

            assertThat(engine.query("SELECT count(*) FROM bars").rows()).containsExactly(List.of(9L));
            assertThat(engine.tablesWithoutData()).containsExactly("ticks", "anomalies", "rejects");
            // The Athena views read the refreshed table, not the empty one they were created over.
            assertThat(engine.query("SELECT count(*) FROM daily_metrics").rows()).containsExactly(List.of(2L));
        }
    }

    @Test
    void hiddenInProgressFilesAreNotRead(@TempDir Path lake) throws Exception {
        TestLakeWriter.bars(lake, BARS.subList(0, 3));
        Path partition = lake.resolve("bars/timeframe=1m/trade_date=" + TestLake.MAR_10);
        // What Flink's file sink leaves while a part is in progress or waiting for compaction.
        java.nio.file.Files.copy(partition.resolve("part-0.parquet"), partition.resolve(".part-1.parquet"));
        java.nio.file.Files.copy(partition.resolve("part-0.parquet"), partition.resolve("_part-2.parquet"));

        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            assertThat(engine.query("SELECT count(*) FROM bars").rows()).containsExactly(List.of(3L));
        }
    }

    @Test
    void badSqlFailsWithDuckDbsMessageAndLeavesTheEngineUsable() {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            assertThatThrownBy(() -> engine.query("SELEC symbol FROM bars"))
                    .isInstanceOf(QueryException.class)
                    .hasMessageStartingWith("Query failed: Parser Error: syntax error at or near \"SELEC\"");
            assertThatThrownBy(() -> engine.query("SELECT price FROM bars"))
                    .isInstanceOf(QueryException.class)
                    .hasMessageContaining("Binder Error")
                    .hasMessageContaining("\"price\" not found");

            assertThat(engine.query("SELECT count(*) FROM bars").rows()).containsExactly(List.of(9L));
        }
    }

    @Test
    void maxRowsCutsOffAndSaysSo() {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult cut = engine.query("SELECT * FROM bars ORDER BY bar_start", 4);
            assertThat(cut.rows()).hasSize(4);
            assertThat(cut.truncated()).isTrue();

            QueryResult whole = engine.query("SELECT * FROM bars", 9);
            assertThat(whole.rows()).hasSize(9);
            assertThat(whole.truncated()).isFalse();
        }
    }

    @Test
    void statementsWithoutRowsReturnNoResultSet() {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult created = engine.query("CREATE TEMP TABLE scratch AS SELECT * FROM bars");
            assertThat(created.hasResultSet()).isFalse();
            assertThat(ResultTable.render(created)).isEqualTo("OK");
        }
    }

    @Test
    void missingLakeFolderIsNamed(@TempDir Path parent) {
        Path missing = parent.resolve("no-such-lake");
        assertThatThrownBy(() -> LakeQueryEngine.open(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThat(Files.exists(missing)).isFalse();
    }

    @Test
    void closedEngineRefusesQueries() {
        LakeQueryEngine engine = LakeQueryEngine.open(lake);
        engine.close();
        engine.close();
        assertThatThrownBy(() -> engine.query("SELECT 1"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static long epochMillis(Object timestamp) {
        return ((LocalDateTime) timestamp).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** Column name to DuckDB type, in order. */
    private static Map<String, Object> describe(LakeQueryEngine engine, String view) {
        return engine.query("DESCRIBE " + view).rows().stream().collect(Collectors.toMap(
                row -> (String) row.get(0), row -> row.get(1), (a, b) -> a, java.util.LinkedHashMap::new));
    }
}
