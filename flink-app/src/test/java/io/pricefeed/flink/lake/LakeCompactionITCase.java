package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream of ticks spread over at least 20 checkpoints goes to two tick sinks at once: one
 * compacting every 10 checkpoints, one not compacting. The uncompacted lake shows how many small
 * files the checkpoints produce; the compacted one must hold few files with the very same rows,
 * once each.
 *
 * <p>The source releases a batch per completed checkpoint, so the number of checkpoints that carry
 * data is fixed (20); how many empty ones fall between them depends on the machine's speed, and
 * compaction rounds count every checkpoint. The bounds below hold for up to ~70 checkpoints.
 */
class LakeCompactionITCase {
    private static final int TICKS = 240;
    private static final int TICKS_PER_CHECKPOINT = 12;
    private static final int CHECKPOINTS_PER_COMPACTION = 10;
    private static final String PARTITION = "ticks/trade_date=2026-03-10";

    @TempDir
    static Path compactedLake;

    @TempDir
    static Path plainLake;

    private static DuckDb duck;

    static List<Tick> ticks() {
        long open = TradingCalendar.sessionOpen(LakeFixtures.DAY1);
        List<Tick> ticks = new ArrayList<>(TICKS);
        for (int i = 0; i < TICKS; i++) {
            double ltp = 500 + i * 0.5;
            ticks.add(new Tick(LakeFixtures.SBIN, open + i * 250L, ltp, 10_000L + i, ltp - 1, 495, 650, 490, 498,
                    ltp - 0.25, ltp + 0.25));
        }
        return ticks;
    }

    @BeforeAll
    static void writeBothLakes() throws Exception {
        StreamExecutionEnvironment env = LakeTestCluster.environment(Duration.ofMillis(100));
        DataStream<Tick> ticks = env.fromSource(FixtureSource.of(LakeCompactionITCase::ticks, TICKS,
                TICKS_PER_CHECKPOINT, Tick.class), WatermarkStrategy.noWatermarks(), "ticks");
        ticks.sinkTo(LakeSinks.ticks(compactedLake.toString(), LakeSinkOptions.builder()
                        .checkpointsPerCompaction(CHECKPOINTS_PER_COMPACTION).build()))
                .uid("compacted-ticks").name("compacted-ticks");
        ticks.sinkTo(LakeSinks.ticks(plainLake.toString(), LakeSinkOptions.builder().compactionEnabled(false).build()))
                .uid("plain-ticks").name("plain-ticks");
        env.execute("lake-compaction-itcase");

        duck = DuckDb.inMemory();
    }

    @AfterAll
    static void closeDuckDb() throws Exception {
        if (duck != null) {
            duck.close();
        }
    }

    @Test
    void withoutCompactionEveryCheckpointLeavesAFilePerWriter() throws IOException {
        List<String> names = fileNames(plainLake);
        assertThat(names).allMatch(n -> n.matches("part-.+\\.parquet"), "visible part-*.parquet files");
        // 20 checkpoints carry data, each to both writer subtasks.
        assertThat(names).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void compactionLeavesFewFilesPerPartition() throws IOException {
        List<String> names = fileNames(compactedLake);
        assertThat(names).allMatch(n -> n.matches("compacted-part-.+\\.parquet"), "only compacted files");
        // One file per compaction round: at least two rounds in 20+ checkpoints, plus the rest at end of input.
        assertThat(names).hasSizeBetween(2, 8);
        assertThat(names.size()).isLessThan(fileNames(plainLake).size() / 3);
    }

    @Test
    void compactedRowsAreTheWrittenRowsExactlyOnce() throws Exception {
        List<List<Object>> expected = new ArrayList<>();
        for (Tick t : ticks()) {
            expected.add(List.of(t.getSymbol(), t.getTs(), t.getLtp(), t.getCumVolume(), t.getAtp(), t.getDayOpen(),
                    t.getDayHigh(), t.getDayLow(), t.getPrevClose(), t.getBid(), t.getAsk()));
        }
        for (Path lake : List.of(compactedLake, plainLake)) {
            assertThat(duck.rows("SELECT symbol, epoch_ms(ts), ltp, cum_volume, atp, day_open, day_high, day_low,"
                    + " prev_close, bid, ask FROM read_parquet('" + glob(lake) + "')"))
                    .as(lake.toString())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void compactedFilesAreSnappyParquetWithTheSameSchema() throws Exception {
        assertThat(duck.rows("SELECT DISTINCT compression FROM parquet_metadata('" + glob(compactedLake) + "')"))
                .containsExactly(List.of("SNAPPY"));
        // DISTINCT does not keep an inner order: sort the outer query.
        String columns = "SELECT DISTINCT name, type, converted_type FROM parquet_schema('%s') ORDER BY ALL";
        assertThat(duck.rows(String.format(columns, glob(compactedLake))))
                .isEqualTo(duck.rows(String.format(columns, glob(plainLake))));
    }

    private static String glob(Path lake) {
        return lake.toAbsolutePath().toString().replace('\\', '/') + "/" + PARTITION + "/*.parquet";
    }

    /** Every file in the lake, which must all sit in the one partition, hidden ones included. */
    private static List<String> fileNames(Path lake) throws IOException {
        try (Stream<Path> walk = Files.walk(lake)) {
            List<Path> files = walk.filter(Files::isRegularFile).collect(Collectors.toList());
            assertThat(files).allMatch(f -> f.getParent().equals(lake.resolve(PARTITION)), "all in " + PARTITION);
            return files.stream().map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
