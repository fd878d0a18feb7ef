package io.pricefeed.bench.flink;

import io.pricefeed.bench.PositiveCount;
import io.pricefeed.flink.local.LocalCluster;
import io.pricefeed.flink.local.ReplayJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.ArchiveTickInput;
import io.pricefeed.flink.ingest.RouteTickStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * Replay speed: a full session's tick archive (by default 2,000 symbols x 09:15-15:30 IST, one tick
 * per symbol per second: 45,000,000 ticks) replayed from the lake's {@code ticks/} Parquet into bars
 * by {@link ReplayJob#run}, beside read floors measured in the same run on the same files:
 * <ul>
 *   <li>{@code duckdb scan}: DuckDB reading every column of every row ({@code count(*)} and sums),
 *       on all cores: what reading these files costs at best;</li>
 *   <li>{@code flink read+decode}: the replay's own source alone ({@link ArchiveTickInput}: Parquet
 *       to GenericRecord to tick, event time) into a discarding sink, BATCH mode: the floor of any
 *       Flink replay of these files;</li>
 *   <li>{@code replay}: {@code ReplayJob.run(ticks, <fresh lake>, defaults, p)}, the command's code.</li>
 * </ul>
 * The archive is generated once ({@link ReplayLake}) and cached under {@code --dir}; each replay
 * writes into a fresh lake that is deleted afterwards (unless {@code --keep-output}). Bars written
 * are counted per timeframe with DuckDB from the output lake.
 */
@Command(name = "ReplayBench", mixinStandardHelpOptions = true,
        description = "A session's tick archive replayed from the lake into bars by ReplayJob.run, beside a DuckDB scan"
                + " and Flink's read+decode of the same files.")
public final class ReplayBench implements Callable<Integer> {
    static final String DUCKDB = "duckdb scan";
    static final String FLOOR = "flink read+decode";
    static final String REPLAY = "replay (ReplayJob.run)";
    static final String BARS_ONLY = "replay --bars-only";
    static final long GOAL_SECONDS = 300;

    private ReplayBench() {
    }

    static final class Options {
        @Option(names = "--symbols", paramLabel = "N", converter = PositiveCount.class,
                description = "symbols in the archive (default ${DEFAULT-VALUE})")
        int symbols = 2000;

        @Option(names = "--seconds", paramLabel = "N", converter = PositiveCount.class,
                description = "seconds from 09:15 IST, one tick per symbol each (default ${DEFAULT-VALUE}: to 15:30)")
        int seconds = ReplayLake.SESSION_SECONDS;

        @Option(names = "--files", paramLabel = "N", converter = PositiveCount.class,
                description = "Parquet files in the archive (default ${DEFAULT-VALUE})")
        int files = 8;

        @Option(names = "--seed", description = "seed of the prices (default ${DEFAULT-VALUE})")
        long seed = 42;

        @Option(names = "--parallelism", paramLabel = "P", split = ",", converter = PositiveCount.class, defaultValue = "1,2",
                description = "parallelisms of the Flink rows (default ${DEFAULT-VALUE})")
        List<Integer> parallelism;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "where the archive is cached and the replays write (default ${DEFAULT-VALUE})")
        Path dir = Path.of("data/bench");

        @Option(names = "--keep-output", description = "keep the replays' output lakes")
        boolean keepOutput;

        @Option(names = "--no-warmup", description = "skip the untimed warm-up")
        boolean noWarmup;

        @Option(names = "--rows", paramLabel = "ROW", split = ",", converter = RowName.class,
                defaultValue = "duckdb,floor,replay,bars-only",
                description = "the rows, of duckdb, floor, replay, bars-only (= replay --bars-only) (default ${DEFAULT-VALUE})")
        List<String> rows;

        /** A {@code --rows} name to its row. */
        static final class RowName implements ITypeConverter<String> {
            @Override
            public String convert(String name) {
                switch (name.trim()) {
                    case "duckdb": return DUCKDB;
                    case "floor": return FLOOR;
                    case "replay": return REPLAY;
                    case "bars-only": return BARS_ONLY;
                    default: throw new TypeConversionException("must be duckdb, floor, replay or bars-only, got '" + name + "'");
                }
            }
        }
    }

    @Mixin
    private Options o = new Options();

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        ReplayLake.Params params = new ReplayLake.Params(o.symbols, o.seconds, o.files, o.seed, BarPipelineBench.DAY);
        Path lake = o.dir.resolve("replay-lake").toAbsolutePath().normalize();
        System.out.printf(Locale.ROOT, "ReplayBench: %s%n", ReplayLake.describe(params));
        System.out.printf(Locale.ROOT, "machine: %d CPUs, max heap %d MB, load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, BarPipelineBench.loadAverage());

        long g0 = System.nanoTime();
        boolean generated = ReplayLake.ensure(lake, params, Runtime.getRuntime().availableProcessors(), written ->
                System.out.printf(Locale.ROOT, "  generating: %,d of %,d ticks (%.0f%%), %.0f s%n", written, params.ticks(),
                        100.0 * written / params.ticks(), (System.nanoTime() - g0) / 1e9));
        long archiveBytes = ReplayLake.bytes(lake);
        System.out.printf(Locale.ROOT, "archive: %s (%s), %,d bytes of Parquet in %d files%s%n", ReplayLake.ticksDir(lake),
                generated ? String.format(Locale.ROOT, "generated in %.1f s", (System.nanoTime() - g0) / 1e9) : "cached, parameters match",
                archiveBytes, params.fileCount(), "");

        if (!o.noWarmup) {
            warmUp(o);
        }
        List<Line> table = new ArrayList<>();
        List<BarCounts> bars = new ArrayList<>();
        if (o.rows.contains(DUCKDB)) {
            table.add(duckDbScan(lake));
        }
        for (int p : o.parallelism) {
            for (String row : o.rows) {
                if (row.equals(DUCKDB)) {
                    continue;
                }
                Path out = o.dir.resolve("replay-out").resolve("p" + p + "-" + row.replaceAll("[^a-z]+", "-")).toAbsolutePath().normalize();
                ReplayLake.deleteRecursively(out);
                Line line = row.equals(FLOOR) ? flinkFloor(lake, p) : replay(row, lake, out, p);
                System.err.printf(Locale.ROOT, "  %-28s p=%d: %.1f s wall, %.1f s CPU, load %.1f%n",
                        row, p, line.seconds(), line.cpuSeconds(), BarPipelineBench.loadAverage());
                table.add(line);
                if (!row.equals(FLOOR)) {
                    bars.add(BarCounts.of(row, p, out));
                    if (!o.keepOutput) {
                        ReplayLake.deleteRecursively(out);
                    }
                }
            }
        }
        print(params, table, bars);
        return 0;
    }

    /**
     * One untimed floor and replay at each parallelism on a small archive of its own (200 symbols x 10
     * minutes), so the JIT has compiled the read, sort and bar code before the first timed row: the first
     * job in a JVM otherwise pays it alone.
     */
    static void warmUp(Options o) throws Exception {
        ReplayLake.Params small = new ReplayLake.Params(200, 600, 4, o.seed + 1, BarPipelineBench.DAY);
        Path lake = o.dir.resolve("replay-warmup").toAbsolutePath().normalize();
        ReplayLake.ensure(lake, small, Runtime.getRuntime().availableProcessors(), written -> { });
        long t0 = System.nanoTime();
        for (int p : o.parallelism) {
            Path out = o.dir.resolve("replay-out").resolve("warmup-p" + p).toAbsolutePath().normalize();
            ReplayLake.deleteRecursively(out);
            flinkFloor(lake, p);
            replay(REPLAY, lake, out, p);
            ReplayLake.deleteRecursively(out);
        }
        System.out.printf(Locale.ROOT, "warm-up (untimed): floor and replay of %s at each parallelism, %.1f s%n",
                ReplayLake.describe(small), (System.nanoTime() - t0) / 1e9);
    }

    /** One row of the result table; {@code parallelism} 0 = not a Flink job (DuckDB picks its threads). */
    record Line(String row, int parallelism, long ticks, double seconds, double cpuSeconds, double loadAverage) {
        double ticksPerSecond() {
            return ticks / seconds;
        }
    }

    static Line duckDbScan(Path lake) throws Exception {
        String glob = ReplayLake.ticksDir(lake) + "/**/*.parquet";
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            double cpu0 = BarPipelineBench.processCpuSeconds();
            long t0 = System.nanoTime();
            long n;
            try (ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT symbol), sum(ltp), sum(cum_volume), sum(atp),"
                    + " sum(day_open + day_high + day_low + prev_close + bid + ask), max(ts) FROM read_parquet('" + glob + "')")) {
                rs.next();
                n = rs.getLong(1);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Line(DUCKDB, 0, n, seconds, BarPipelineBench.processCpuSeconds() - cpu0, BarPipelineBench.loadAverage());
        }
    }

    static Line flinkFloor(Path lake, int parallelism) throws Exception {
        StreamExecutionEnvironment env = LocalCluster.environment(parallelism, new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        ArchiveTickInput.detect(ReplayLake.ticksDir(lake), JobConfig.defaults().get(JobConfig.OUT_OF_ORDERNESS_MS))
                .open(env)
                .process(new RouteTickStream()).name("Route (counts ticks)")
                .sinkTo(new DiscardingSink<>()).name("Discard");
        double cpu0 = BarPipelineBench.processCpuSeconds();
        long t0 = System.nanoTime();
        JobExecutionResult result = env.execute("replay-bench-floor");
        double seconds = (System.nanoTime() - t0) / 1e9;
        Long ticks = result.getAccumulatorResult(RouteTickStream.TICKS_ACCUMULATOR);
        return new Line(FLOOR, parallelism, ticks == null ? 0 : ticks, seconds,
                BarPipelineBench.processCpuSeconds() - cpu0, BarPipelineBench.loadAverage());
    }

    static Line replay(String row, Path lake, Path out, int parallelism) throws Exception {
        double cpu0 = BarPipelineBench.processCpuSeconds();
        long t0 = System.nanoTime();
        long ticks = ReplayJob.run(ReplayLake.ticksDir(lake), out.toString(), JobConfig.defaults(), parallelism,
                !row.equals(BARS_ONLY)).ticks;
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Line(row, parallelism, ticks, seconds,
                BarPipelineBench.processCpuSeconds() - cpu0, BarPipelineBench.loadAverage());
    }

    /** What a replay wrote, read back with DuckDB: bars per timeframe, the 1m bars' tick sum, files, ticks re-archived. */
    record BarCounts(String row, int parallelism, Map<String, Long> bars, long minuteTicks, long barFiles, long archivedTicks) {
        static BarCounts of(String row, int parallelism, Path out) throws Exception {
            Map<String, Long> bars = new LinkedHashMap<>();
            for (String tf : List.of("1m", "5m", "15m", "1h", "1d")) {
                bars.put(tf, 0L);
            }
            long minuteTicks = 0;
            long files = 0;
            long archived = 0;
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
                if (Files.isDirectory(out.resolve("bars"))) {
                    try (ResultSet rs = st.executeQuery("SELECT timeframe, count(*), sum(tick_count), count(DISTINCT filename)"
                            + " FROM read_parquet('" + out.resolve("bars") + "/**/*.parquet', hive_partitioning = true, filename = true)"
                            + " GROUP BY 1")) {
                        while (rs.next()) {
                            bars.put(rs.getString(1), rs.getLong(2));
                            files += rs.getLong(4);
                            if (rs.getString(1).equals("1m")) {
                                minuteTicks = rs.getLong(3);
                            }
                        }
                    }
                }
                if (Files.isDirectory(out.resolve("ticks"))) {
                    try (ResultSet rs = st.executeQuery("SELECT count(*) FROM read_parquet('" + out.resolve("ticks") + "/**/*.parquet')")) {
                        rs.next();
                        archived = rs.getLong(1);
                    }
                }
            }
            return new BarCounts(row, parallelism, bars, minuteTicks, files, archived);
        }
    }

    private static void print(ReplayLake.Params params, List<Line> table, List<BarCounts> bars) {
        System.out.println();
        System.out.println("wall s = wall time of the job (MiniCluster start, deploy, read, process, write, final commit);"
                + " ticks/s/core = ticks/s divided by the parallelism (duckdb: by the CPUs it may use);");
        System.out.println("CPU s = CPU time of this JVM meanwhile (every thread); load = 1-minute load average at the end of the row");
        String header = String.format(Locale.ROOT, "%-28s | %11s | %12s | %8s | %10s | %12s | %7s | %11s | %9s | %4s",
                "row", "parallelism", "ticks", "wall s", "ticks/s", "ticks/s/core", "CPU s", "ticks/CPU s", "vs floor", "load");
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]", "-"));
        int cpus = Runtime.getRuntime().availableProcessors();
        for (Line r : table) {
            Line floor = table.stream().filter(f -> f.row().equals(FLOOR) && f.parallelism() == r.parallelism()).findFirst().orElse(null);
            String vsFloor = floor == null || r.row().equals(FLOOR) || r.row().equals(DUCKDB) ? "-"
                    : String.format(Locale.ROOT, "%.2fx", r.seconds() / floor.seconds());
            System.out.printf(Locale.ROOT, "%-28s | %11s | %,12d | %8.1f | %,10.0f | %,12.0f | %7.1f | %,11.0f | %9s | %4.1f%n",
                    r.row(), r.parallelism() == 0 ? "(" + cpus + " CPUs)" : Integer.toString(r.parallelism()), r.ticks(), r.seconds(),
                    r.ticksPerSecond(), r.ticksPerSecond() / (r.parallelism() == 0 ? cpus : r.parallelism()), r.cpuSeconds(),
                    r.ticks() / r.cpuSeconds(), vsFloor, r.loadAverage());
        }
        System.out.println("vs floor = wall time / flink read+decode's at the same parallelism");
        if (!bars.isEmpty()) {
            System.out.println();
            System.out.printf(Locale.ROOT, "written (DuckDB over the output lake; expected 1m bars: %,d = symbols x session minutes covered):%n",
                    (long) params.symbols() * ((params.seconds() + 59) / 60));
            String h2 = String.format(Locale.ROOT, "%-28s | %11s | %10s | %8s | %8s | %7s | %6s | %12s | %9s | %12s",
                    "row", "parallelism", "1m", "5m", "15m", "1h", "1d", "1m tick sum", "bar files", "ticks copied");
            System.out.println(h2);
            System.out.println(h2.replaceAll("[^|]", "-"));
            for (BarCounts b : bars) {
                System.out.printf(Locale.ROOT, "%-28s | %11d | %,10d | %,8d | %,8d | %,7d | %,6d | %,12d | %,9d | %,12d%n",
                        b.row(), b.parallelism(), b.bars().get("1m"), b.bars().get("5m"), b.bars().get("15m"), b.bars().get("1h"),
                        b.bars().get("1d"), b.minuteTicks(), b.barFiles(), b.archivedTicks());
            }
        }
        System.out.println();
        for (Line r : table) {
            if (r.row().equals(REPLAY) || r.row().equals(BARS_ONLY)) {
                System.out.printf(Locale.ROOT, "goal: a replay of the session under %d s: %s p=%d %.1f s: %s%n", GOAL_SECONDS,
                        r.row(), r.parallelism(), r.seconds(), r.seconds() < GOAL_SECONDS ? "met" : "NOT met");
            }
        }
        System.out.printf(Locale.ROOT, "load average %.2f at the end (a machine shared with other work: compare rows within one run)%n",
                BarPipelineBench.loadAverage());
    }
}
