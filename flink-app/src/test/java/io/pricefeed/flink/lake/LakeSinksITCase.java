package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bounded job writes known bars, ticks, anomalies and rejects through the default-configured
 * lake sinks over several checkpoints; DuckDB, an independent Parquet reader (the local stand-in
 * for Athena), then reads the lake back.
 */
class LakeSinksITCase {
    @TempDir
    static Path lake;

    private static DuckDb duck;

    @BeforeAll
    static void writeTheLake() throws Exception {
        StreamExecutionEnvironment env = LakeTestCluster.environment(Duration.ofMillis(200));
        // The three spellings of a local lake the job may be given.
        String plainFolder = lake.toString();
        String fileUri = lake.toUri().toString();
        String relative = Path.of("").toAbsolutePath().relativize(lake).toString();

        env.fromSource(FixtureSource.of(LakeFixtures::bars, LakeFixtures.bars().size(), 8, Bar.class),
                        WatermarkStrategy.noWatermarks(), "bars")
                .sinkTo(LakeSinks.bars(plainFolder)).uid("bars-lake").name("bars-lake");
        env.fromSource(FixtureSource.of(LakeFixtures::ticks, LakeFixtures.ticks().size(), 6, Tick.class),
                        WatermarkStrategy.noWatermarks(), "ticks")
                .sinkTo(LakeSinks.ticks(fileUri)).uid("ticks-lake").name("ticks-lake");
        env.fromSource(FixtureSource.of(LakeFixtures::anomalies, LakeFixtures.anomalies().size(), 2, Anomaly.class),
                        WatermarkStrategy.noWatermarks(), "anomalies")
                .sinkTo(LakeSinks.anomalies(relative)).uid("anomalies-lake").name("anomalies-lake");
        env.fromSource(FixtureSource.of(LakeFixtures::rejects, LakeFixtures.rejects().size(), 2, Rejection.class),
                        WatermarkStrategy.noWatermarks(), "rejects")
                .sinkTo(LakeSinks.rejects(plainFolder)).uid("rejects-lake").name("rejects-lake");
        env.execute("lake-sinks-itcase");

        duck = DuckDb.inMemory();
    }

    @AfterAll
    static void closeDuckDb() throws Exception {
        if (duck != null) {
            duck.close();
        }
    }

    @Test
    void everyTableIsPartitionedByTheIstTradeDateOfItsEventTime() throws IOException {
        assertThat(partitionFolders()).containsExactlyInAnyOrder(
                "bars/timeframe=1m/trade_date=2026-03-10", "bars/timeframe=1m/trade_date=2026-03-11",
                "bars/timeframe=5m/trade_date=2026-03-10", "bars/timeframe=5m/trade_date=2026-03-11",
                "bars/timeframe=1h/trade_date=2026-03-10", "bars/timeframe=1h/trade_date=2026-03-11",
                "bars/timeframe=1d/trade_date=2026-03-10", "bars/timeframe=1d/trade_date=2026-03-11",
                // Ticks at 00:30 IST are on the previous UTC day: no 2026-03-09 folder may appear.
                "ticks/trade_date=2026-03-10", "ticks/trade_date=2026-03-11",
                "anomalies/trade_date=2026-03-10", "anomalies/trade_date=2026-03-11",
                "rejects/trade_date=2026-03-10", "rejects/trade_date=2026-03-11");
    }

    @Test
    void onlyCommittedFilesRemainOnceTheJobHasFinished() throws IOException {
        List<String> names = allFiles().stream().map(f -> f.getFileName().toString()).collect(Collectors.toList());
        assertThat(names).isNotEmpty().noneMatch(n -> n.startsWith(".") || n.contains("inprogress"));
        // Compaction is on by default, so every file is the compacted rewrite of a checkpoint's files.
        for (Path file : allFiles()) {
            String table = lake.relativize(file).getName(0).toString();
            String expected = table.equals(LakeSinks.REJECTS) ? "compacted-part-.+\\.jsonl" : "compacted-part-.+\\.parquet";
            assertThat(file.getFileName().toString()).as(lake.relativize(file).toString()).matches(expected);
        }
    }

    @Test
    void barsReadBackExactlyOnceWithTheirValuesAndPartitions() throws Exception {
        List<BarRow> expected = new ArrayList<>();
        for (LakeFixtures.PlacedBar p : LakeFixtures.placedBars()) {
            Bar b = p.bar();
            expected.add(new BarRow(b.getSymbol(), b.getBarStart(), b.getBarEnd(), b.getOpen(), b.getHigh(),
                    b.getLow(), b.getClose(), Double.isNaN(b.getVwap()) ? null : b.getVwap(), b.getVolume(),
                    b.getTickCount(), b.getRevision(), p.timeframe(), p.tradeDate()));
        }

        List<BarRow> actual = new ArrayList<>();
        for (List<Object> r : duck.rows("SELECT symbol, epoch_ms(bar_start), epoch_ms(bar_end), open, high, low, close,"
                + " vwap, volume, tick_count, revision, timeframe, CAST(trade_date AS VARCHAR)"
                + " FROM read_parquet('" + glob("bars/*/*/*.parquet") + "', hive_partitioning = true)")) {
            actual.add(new BarRow((String) r.get(0), (Long) r.get(1), (Long) r.get(2), (Double) r.get(3),
                    (Double) r.get(4), (Double) r.get(5), (Double) r.get(6), (Double) r.get(7), (Long) r.get(8),
                    (Long) r.get(9), (Integer) r.get(10), (String) r.get(11), (String) r.get(12)));
        }

        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(actual).filteredOn(b -> b.vwap() == null).hasSize(1)
                .allMatch(b -> b.symbol().equals(LakeFixtures.SBIN) && b.timeframe().equals("1d")
                        && b.tradeDate().equals("2026-03-11"));
    }

    @Test
    void barTimesAreUtcTimestampMillisColumns() throws Exception {
        // 09:15 IST is 03:45 UTC, whatever zone DuckDB or the JVM runs in.
        List<List<Object>> first = duck.rows("SELECT CAST(make_timestamp(epoch_us(bar_start)) AS VARCHAR),"
                + " CAST(make_timestamp(epoch_us(bar_end)) AS VARCHAR)"
                + " FROM read_parquet('" + glob("bars/timeframe=1m/trade_date=2026-03-10/*.parquet") + "')"
                + " WHERE symbol = 'NSE:SBIN-EQ' ORDER BY bar_start LIMIT 1");
        assertThat(first).containsExactly(List.of("2026-03-10 03:45:00", "2026-03-10 03:46:00"));

        List<List<Object>> schema = duck.rows("SELECT DISTINCT name, type, converted_type FROM parquet_schema('"
                + glob("bars/*/*/*.parquet") + "') WHERE name IN ('bar_start', 'bar_end') ORDER BY name");
        assertThat(schema).containsExactly(List.of("bar_end", "INT64", "TIMESTAMP_MILLIS"),
                List.of("bar_start", "INT64", "TIMESTAMP_MILLIS"));
    }

    @Test
    void ticksReadBackExactlyOnceUnderTheirIstDate() throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        for (Tick t : LakeFixtures.ticks()) {
            expected.add(List.of(t.getSymbol(), t.getTs(), t.getLtp(), t.getCumVolume(), t.getAtp(), t.getDayOpen(),
                    t.getDayHigh(), t.getDayLow(), t.getPrevClose(), t.getBid(), t.getAsk(),
                    TradingCalendar.tradeDate(t.getTs()).toString()));
        }
        assertThat(duck.rows("SELECT symbol, epoch_ms(ts), ltp, cum_volume, atp, day_open, day_high, day_low,"
                + " prev_close, bid, ask, CAST(trade_date AS VARCHAR)"
                + " FROM read_parquet('" + glob("ticks/trade_date=*/*.parquet") + "', hive_partitioning = true)"))
                .containsExactlyInAnyOrderElementsOf(expected);

        long pastMidnight = LakeFixtures.justAfterIstMidnight(LakeFixtures.DAY1);
        assertThat(duck.rows("SELECT CAST(trade_date AS VARCHAR), CAST(make_timestamp(epoch_us(ts)) AS VARCHAR)"
                + " FROM read_parquet('" + glob("ticks/trade_date=*/*.parquet") + "', hive_partitioning = true)"
                + " WHERE epoch_ms(ts) = " + pastMidnight))
                .containsOnly(List.of("2026-03-10", "2026-03-09 19:00:00"));
    }

    @Test
    void anomaliesReadBackExactlyOnceWithTheirContextMaps() throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        List<List<Object>> expectedContext = new ArrayList<>();
        for (Anomaly a : LakeFixtures.anomalies()) {
            expected.add(List.of(a.getId(), a.getSymbol(), a.getRule().name(), a.getSeverity().name(), a.getTs(),
                    a.getBarStart(), a.getTimeframe().label(), a.getValue(), a.getThreshold(), a.getMessage(),
                    TradingCalendar.tradeDate(a.getTs()).toString()));
            for (Map.Entry<String, Double> e : a.getContext().entrySet()) {
                List<Object> entry = new ArrayList<>();
                entry.add(a.getId());
                entry.add(e.getKey());
                entry.add(e.getValue());
                expectedContext.add(entry);
            }
        }
        String source = "read_parquet('" + glob("anomalies/trade_date=*/*.parquet") + "', hive_partitioning = true)";

        assertThat(duck.rows("SELECT id, symbol, rule, severity, epoch_ms(ts), epoch_ms(bar_start), timeframe, value,"
                + " threshold, message, CAST(trade_date AS VARCHAR) FROM " + source))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(duck.rows("SELECT id, unnest(map_keys(context)), unnest(map_values(context)) FROM " + source))
                .containsExactlyInAnyOrderElementsOf(expectedContext);
        assertThat(duck.rows("SELECT DISTINCT typeof(context) FROM " + source))
                .containsExactly(List.of("MAP(VARCHAR, DOUBLE)"));
    }

    @Test
    void everyParquetFileIsSnappyCompressed() throws Exception {
        assertThat(duck.rows("SELECT DISTINCT compression FROM parquet_metadata('" + glob("**/*.parquet") + "')"))
                .containsExactly(List.of("SNAPPY"));
    }

    /** The key part of athena/local/views.sql: hive partitions from the path, typed as the views cast them. */
    @Test
    void theLocalAthenaViewsReadTheirPartitionColumnsFromThePath() throws Exception {
        assertThat(duck.rows("SELECT CAST(timeframe AS VARCHAR), CAST(CAST(trade_date AS DATE) AS VARCHAR), count(*)"
                + " FROM read_parquet('" + glob("bars/*/*/*.parquet") + "', hive_partitioning = true, union_by_name = true)"
                + " GROUP BY ALL ORDER BY ALL"))
                .containsExactly(
                        List.of("1d", "2026-03-10", 2L), List.of("1d", "2026-03-11", 2L),
                        List.of("1h", "2026-03-10", 2L), List.of("1h", "2026-03-11", 2L),
                        List.of("1m", "2026-03-10", 6L), List.of("1m", "2026-03-11", 6L),
                        List.of("5m", "2026-03-10", 4L), List.of("5m", "2026-03-11", 4L));
        assertThat(duck.rows("SELECT count(*), count(DISTINCT CAST(context AS MAP(VARCHAR, DOUBLE)))"
                + " FROM read_parquet('" + glob("anomalies/trade_date=*/*.parquet") + "', hive_partitioning = true,"
                + " union_by_name = true)"))
                .containsExactly(List.of(3L, 3L));
        assertThat(duck.rows("SELECT CAST(trade_date AS DATE) = '2026-03-10', count(*)"
                + " FROM read_parquet('" + glob("ticks/trade_date=*/*.parquet") + "', hive_partitioning = true,"
                + " union_by_name = true) GROUP BY ALL ORDER BY ALL"))
                .containsExactly(List.of(false, 10L), List.of(true, 10L));
    }

    @Test
    void rejectsAreJsonLinesThatParseBackToTheSameRejections() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Rejection> actual = new ArrayList<>();
        List<String> partitions = new ArrayList<>();
        for (Path file : allFiles()) {
            if (!lake.relativize(file).startsWith(LakeSinks.REJECTS)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Rejection r = json.readValue(line, Rejection.class);
                actual.add(r);
                partitions.add(file.getParent().getFileName() + " " + r.getReason());
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(LakeFixtures.rejects());
        assertThat(partitions).containsExactlyInAnyOrder(
                "trade_date=2026-03-10 malformed_json", "trade_date=2026-03-10 missing_field:ltp",
                "trade_date=2026-03-10 late", "trade_date=2026-03-11 unknown_type");
    }

    /**
     * test-fixtures' {@link TestLakeWriter}, which the athena, dashboard and local tests write their
     * lakes with, writes the same records into the same partitions, with the same Parquet schema
     * (types, units, UTC adjustment, nullability), compression and rows as the job's sinks.
     */
    @Test
    void theTestLakeWriterWritesWhatTheJobWrites(@TempDir Path fixtureLake) throws Exception {
        TestLakeWriter.bars(fixtureLake, LakeFixtures.bars());
        TestLakeWriter.ticks(fixtureLake, LakeFixtures.ticks());
        TestLakeWriter.anomalies(fixtureLake, LakeFixtures.anomalies());

        Set<String> jobFolders = new TreeSet<>(partitionFolders());
        jobFolders.removeIf(f -> f.startsWith(LakeSinks.REJECTS));
        assertThat(partitionFolders(fixtureLake)).isEqualTo(jobFolders);
        for (String files : List.of("bars/*/*/*.parquet", "ticks/*/*.parquet", "anomalies/*/*.parquet")) {
            String job = lake.toAbsolutePath().resolve(files).toString();
            String fixture = fixtureLake.toAbsolutePath().resolve(files).toString();
            assertThat(schema(fixture)).as(files).isEqualTo(schema(job));
            assertThat(duck.rows("SELECT DISTINCT compression FROM parquet_metadata('" + fixture + "')"))
                    .containsExactly(List.of("SNAPPY"));
            // A map's entries in any order: the job's come out of Flink's serializer in HashMap order.
            String columns = files.startsWith(LakeSinks.ANOMALIES) ? "* REPLACE (list_sort(map_entries(context)) AS context)" : "*";
            String jobRows = "SELECT " + columns + " FROM read_parquet('" + job + "', hive_partitioning = true)";
            String fixtureRows = "SELECT " + columns + " FROM read_parquet('" + fixture + "', hive_partitioning = true)";
            assertThat(duck.rows("SELECT count(*) FROM (" + fixtureRows + ")")).as(files)
                    .isEqualTo(duck.rows("SELECT count(*) FROM (" + jobRows + ")"));
            assertThat(duck.rows(jobRows + " EXCEPT ALL " + fixtureRows)).as(files + ": the job's rows only").isEmpty();
            assertThat(duck.rows(fixtureRows + " EXCEPT ALL " + jobRows)).as(files + ": the fixture's rows only").isEmpty();
        }
    }

    /**
     * Each column and group of the files' Parquet schema: name, physical type, repetition, converted
     * type and, for timestamps, the logical type (unit, UTC adjustment). Left out: the root (named by
     * its writer), and annotations that say nothing the rest does not: INT_64/INT_32, which DuckDB
     * puts on INT64/INT32 (signed, what the bare physical type means); and what parquet-avro adds,
     * the STRING logical type beside UTF8 and the legacy MAP_KEY_VALUE on a map's repeated group
     * (which the Parquet spec says readers must not require).
     */
    private static List<Object> schema(String files) throws Exception {
        return duck.rows("SELECT DISTINCT [name, type, repetition_type,"
                + " CASE WHEN converted_type IN ('INT_64', 'INT_32', 'MAP_KEY_VALUE') THEN NULL ELSE converted_type END,"
                + " CASE WHEN logical_type LIKE 'TimestampType%' THEN logical_type END]::VARCHAR AS element"
                + " FROM parquet_schema('" + files + "')"
                + " WHERE name <> 'duckdb_schema' AND name NOT LIKE 'io.pricefeed.lake.%' ORDER BY element")
                .stream().map(row -> row.get(0)).collect(Collectors.toList());
    }

    record BarRow(String symbol, long barStart, long barEnd, double open, double high, double low, double close,
                  Double vwap, long volume, long tickCount, int revision, String timeframe, String tradeDate) {
    }

    private static String glob(String relative) {
        return lake.toAbsolutePath().toString().replace('\\', '/') + "/" + relative;
    }

    private static List<Path> allFiles() throws IOException {
        return allFiles(lake);
    }

    private static List<Path> allFiles(Path lake) throws IOException {
        try (Stream<Path> walk = Files.walk(lake)) {
            return walk.filter(Files::isRegularFile).collect(Collectors.toList());
        }
    }

    private static Set<String> partitionFolders() throws IOException {
        return partitionFolders(lake);
    }

    private static Set<String> partitionFolders(Path lake) throws IOException {
        Set<String> folders = new TreeSet<>();
        for (Path file : allFiles(lake)) {
            folders.add(lake.relativize(file.getParent()).toString().replace('\\', '/'));
        }
        return folders;
    }
}
