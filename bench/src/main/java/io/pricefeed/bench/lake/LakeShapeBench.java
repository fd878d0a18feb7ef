package io.pricefeed.bench.lake;

import io.pricefeed.bench.Flags;
import io.pricefeed.bench.PositiveCount;
import io.pricefeed.fixtures.SessionTickGenerator;
import io.pricefeed.flink.JobSinks;
import io.pricefeed.flink.local.LocalCluster;
import io.pricefeed.flink.PricefeedJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.TickInput;
import io.pricefeed.flink.ingest.TickStreamRecord;
import io.pricefeed.flink.ingest.TickWatermarks;
import io.pricefeed.flink.lake.LakeSinkOptions;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.CheckpointListener;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.source.RichParallelSourceFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The lake's shape after a simulated day: a session of {@code --symbols} symbols (one tick per symbol
 * per second, 09:15-15:30 IST, then heartbeats to 15:35) through the STREAMING job
 * ({@code PricefeedJob} with {@code JobSinks.lake}, job defaults) into a fresh lake, once with
 * compaction off and once on, then per partition: visible files, their median/min/max size, total
 * bytes, and any hidden files left behind.
 *
 * <p>How many files a day makes depends on how many checkpoints it sees (a Parquet file closes on
 * every checkpoint). Production checkpoints every {@code job.checkpointIntervalMs} (60 s by default),
 * so a session of 380 minutes sees about 380. Here the source ({@link PacedSession}) emits one simulated
 * minute of the day ({@code --sim-seconds-per-checkpoint}, default 60 = the production interval) and then
 * waits for the next completed checkpoint, while checkpoints are taken every {@code --checkpoint-ms}
 * of real time: the day's 380 checkpoints pass in a few minutes, each covering what a production
 * checkpoint would. Each minute is emitted under the checkpoint lock, so no barrier splits it.
 */
@Command(name = "LakeShapeBench", mixinStandardHelpOptions = true,
        description = "The lake's files per partition after a simulated day through the STREAMING job, compaction off"
                + " and on; each day in its own JVM.")
public final class LakeShapeBench implements Callable<Integer> {
    /** The paced sources' last completed checkpoint (one JVM: the sources run in this MiniCluster). */
    static final AtomicLong COMPLETED_CHECKPOINTS = new AtomicLong();
    /** Source subtasks started again after a failure (one JVM per day: counted in the child). */
    static final AtomicLong RESTARTS = new AtomicLong();

    private LakeShapeBench() {
    }

    static final class Options {
        @Option(names = "--symbols", paramLabel = "N", converter = PositiveCount.class,
                description = "symbols, one tick each per simulated second (default ${DEFAULT-VALUE})")
        int symbols = 200;

        @Option(names = "--parallelism", paramLabel = "P", converter = PositiveCount.class,
                description = "job parallelism (default ${DEFAULT-VALUE}, the CDK app's)")
        int parallelism = 2;

        @Option(names = "--checkpoint-ms", paramLabel = "MS", converter = PositiveCount.class,
                description = "real time between checkpoints (default ${DEFAULT-VALUE})")
        int checkpointMs = 300;

        @Option(names = "--sim-seconds-per-checkpoint", paramLabel = "S", converter = PositiveCount.class,
                description = "simulated seconds per checkpoint (default ${DEFAULT-VALUE}, as production's 60 s interval)")
        int simSecondsPerCheckpoint = 60;

        @Option(names = "--reject-every-seconds", paramLabel = "S", converter = PositiveCount.class,
                description = "one malformed record every S simulated seconds (default ${DEFAULT-VALUE})")
        int rejectEverySeconds = 600;

        @Option(names = "--seed", description = "seed of the prices (default ${DEFAULT-VALUE})")
        long seed = 42;

        @Option(names = "--dir", paramLabel = "DIR", description = "where the lakes go, under lake-shape/ (default ${DEFAULT-VALUE})")
        Path dir = Path.of("data/bench");

        @Option(names = "--keep-output", description = "keep the lakes (lake-shape/compaction-{off,on}/)")
        boolean keepOutput;

        @Option(names = "--compaction", paramLabel = "off|on|both",
                description = "a day without compaction, with it, or both (default ${DEFAULT-VALUE})")
        String compaction = "both";

        /** Internal: run one day into this lake in this JVM and write its run facts beside it. */
        @Option(names = "--one-day-to", hidden = true)
        Path oneDayTo;

        /** The checks beyond the flags' types; each failure names its flag. */
        void validate(CommandSpec spec) {
            Flags.require(spec, List.of("off", "on", "both").contains(compaction),
                    "--compaction must be off, on or both, got '" + compaction + "'");
        }

        /** The days to run: compaction off, on, or off then on. */
        List<Boolean> compactions() {
            return switch (compaction) {
                case "off" -> List.of(false);
                case "on" -> List.of(true);
                default -> List.of(false, true);
            };
        }

        /** These options for the JVM that runs one day with {@code compaction} into {@code lake}. */
        List<String> oneDay(boolean compaction, Path lake) {
            return List.of("--symbols", Integer.toString(symbols), "--parallelism", Integer.toString(parallelism),
                    "--checkpoint-ms", Integer.toString(checkpointMs),
                    "--sim-seconds-per-checkpoint", Integer.toString(simSecondsPerCheckpoint),
                    "--reject-every-seconds", Integer.toString(rejectEverySeconds), "--seed", Long.toString(seed),
                    "--dir", dir.toString(), "--compaction", compaction ? "on" : "off", "--one-day-to", lake.toString());
        }
    }

    /** The simulated day: a session plus heartbeats until 15:35, as the producer sends them. */
    static final int SESSION_SECONDS = 375 * 60;
    static final int DAY_SECONDS = 380 * 60;
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    @Spec
    private CommandSpec spec;

    @Mixin
    private Options o = new Options();

    public static void main(String[] args) {
        System.exit(new CommandLine(new LakeShapeBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        o.validate(spec);
        if (o.oneDayTo != null) {
            runDayHere(o);
            return 0;
        }
        JobConfig defaults = JobConfig.defaults();
        int checkpoints = (DAY_SECONDS + o.simSecondsPerCheckpoint - 1) / o.simSecondsPerCheckpoint;
        System.out.printf(Locale.ROOT, "LakeShapeBench: %d symbols on %s, one tick per symbol per second 09:15-15:30 IST (%,d ticks),"
                        + " heartbeats to 15:35, one bad record every %d s; STREAMING job, parallelism %d, job defaults%n",
                o.symbols, DAY, (long) o.symbols * SESSION_SECONDS, o.rejectEverySeconds, o.parallelism);
        System.out.printf(Locale.ROOT, "checkpoints: one per %d simulated s (production: job.checkpointIntervalMs = %d ms),"
                        + " i.e. about %d a day, taken every %d ms of real time here; compaction settings: %s%n",
                o.simSecondsPerCheckpoint, defaults.get(JobConfig.CHECKPOINT_INTERVAL_MS), checkpoints, o.checkpointMs,
                LakeSinkOptions.from(defaults));
        System.out.printf(Locale.ROOT, "machine: %d CPUs, max heap %d MB, load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        List<Result> results = new ArrayList<>();
        for (boolean compaction : o.compactions()) {
            Path lake = o.dir.resolve("lake-shape").resolve(compaction ? "compaction-on" : "compaction-off").toAbsolutePath().normalize();
            deleteRecursively(lake);
            Properties facts = runDayInItsOwnJvm(o.oneDay(compaction, lake), compaction, lake);
            double seconds = Double.parseDouble(facts.getProperty("seconds"));
            long checkpointsSeen = Long.parseLong(facts.getProperty("checkpoints"));
            long restarts = Long.parseLong(facts.getProperty("restarts"));
            LakeShape shape = LakeShape.of(lake);
            System.err.printf(Locale.ROOT, "  compaction %s: %.1f s, %d checkpoints, %d restarts, load %.1f%n",
                    compaction ? "on" : "off", seconds, checkpointsSeen, restarts, loadAverage());
            results.add(new Result(compaction, seconds, checkpointsSeen, restarts, loadAverage(), shape));
            if (!o.keepOutput) {
                deleteRecursively(lake);
            }
        }
        print(results);
        return 0;
    }

    record Result(boolean compaction, double seconds, long checkpoints, long restarts, double loadAverage, LakeShape shape) {
    }

    /**
     * Each day runs in a JVM of its own, as production runs one job per JVM. In one JVM, the second job
     * that reads Snappy Parquet (the compactor) fails: parquet-hadoop's static codec cache keeps a Hadoop
     * Configuration bound to the first job's user-code class loader, which Flink has closed by then
     * ("Trying to access closed classloader"), and the job restarts.
     */
    static Properties runDayInItsOwnJvm(List<String> args, boolean compaction, Path lake) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LakeShapeBench.class.getName());
        command.addAll(args);
        Process child = new ProcessBuilder(command).inheritIO().start();
        int exit = child.waitFor();
        Path facts = lake.resolveSibling(lake.getFileName() + ".properties");
        if (exit != 0 || !Files.isRegularFile(facts)) {
            throw new IllegalStateException("the day with compaction " + (compaction ? "on" : "off") + " failed (exit " + exit
                    + "; see data/logs/bench.log)");
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(facts)) {
            p.load(in);
        }
        Files.delete(facts);
        return p;
    }

    /** The child's part: one day into {@code --one-day-to}, its facts into {@code <lake>.properties}. */
    static void runDayHere(Options o) throws Exception {
        boolean compaction = o.compactions().get(0);
        long t0 = System.nanoTime();
        long checkpoints = runDay(o, o.oneDayTo, compaction);
        Properties p = new Properties();
        p.setProperty("seconds", Double.toString((System.nanoTime() - t0) / 1e9));
        p.setProperty("checkpoints", Long.toString(checkpoints));
        p.setProperty("restarts", Long.toString(RESTARTS.get()));
        try (var out = Files.newBufferedWriter(o.oneDayTo.resolveSibling(o.oneDayTo.getFileName() + ".properties"))) {
            p.store(out, null);
        }
        System.exit(0); // Flink's and the SDK's non-daemon threads would keep the child alive
    }

    static long runDay(Options o, Path lake, boolean compaction) throws Exception {
        COMPLETED_CHECKPOINTS.set(0);
        JobConfig config = JobConfig.defaults();
        StreamExecutionEnvironment env = LocalCluster.environment(o.parallelism, new Configuration());
        env.enableCheckpointing(o.checkpointMs, CheckpointingMode.EXACTLY_ONCE);
        LakeSinkOptions options = LakeSinkOptions.builder()
                .compactionEnabled(compaction)
                .checkpointsPerCompaction(config.get(JobConfig.LAKE_CHECKPOINTS_PER_COMPACTION))
                .compactionTargetBytes(config.get(JobConfig.LAKE_COMPACTION_TARGET_BYTES))
                .build();
        TickInput input = new PacedInput(o.symbols, o.seed, o.simSecondsPerCheckpoint, o.rejectEverySeconds,
                config.get(JobConfig.OUT_OF_ORDERNESS_MS));
        new PricefeedJob(config, input, JobSinks.lake(lake.toString(), options)).build(env);
        env.execute("lake-shape-" + (compaction ? "compaction-on" : "compaction-off"));
        return COMPLETED_CHECKPOINTS.get();
    }

    static final class PacedInput implements TickInput {
        private final int symbols;
        private final long seed;
        private final int secondsPerCheckpoint;
        private final int rejectEverySeconds;
        private final long outOfOrdernessMs;

        PacedInput(int symbols, long seed, int secondsPerCheckpoint, int rejectEverySeconds, long outOfOrdernessMs) {
            this.symbols = symbols;
            this.seed = seed;
            this.secondsPerCheckpoint = secondsPerCheckpoint;
            this.rejectEverySeconds = rejectEverySeconds;
            this.outOfOrdernessMs = outOfOrdernessMs;
        }

        @Override
        public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
            return env.addSource(new PacedSession(symbols, seed, secondsPerCheckpoint, rejectEverySeconds), "Paced session")
                    .uid("paced-session")
                    .assignTimestampsAndWatermarks(TickWatermarks.strategy(outOfOrdernessMs, 0)).name("Event time");
        }
    }

    /**
     * The simulated day, {@code secondsPerCheckpoint} simulated seconds per completed checkpoint. Subtask k
     * of n sends the symbols i with i mod n == k (as a Kinesis shard would hold them), a heartbeat every
     * simulated second, and one malformed record (a negative price) every {@code rejectEverySeconds}.
     * A legacy {@code SourceFunction} because it is the simplest source that emits under the checkpoint lock
     * and hears of completed checkpoints. Its position (the next simulated second) is checkpointed, so a
     * restart resumes where the last checkpoint was, as a Kinesis source would; the prices of a resumed
     * day are regenerated from the start and skipped up to that second, so they are the same.
     */
    static final class PacedSession extends RichParallelSourceFunction<TickStreamRecord>
            implements CheckpointListener, CheckpointedFunction {
        private static final long serialVersionUID = 1L;
        private final int symbols;
        private final long seed;
        private final int secondsPerCheckpoint;
        private final int rejectEverySeconds;
        private volatile long completed;
        private volatile boolean running = true;
        private int second;
        private long slice;
        private transient ListState<Long> position;

        PacedSession(int symbols, long seed, int secondsPerCheckpoint, int rejectEverySeconds) {
            this.symbols = symbols;
            this.seed = seed;
            this.secondsPerCheckpoint = secondsPerCheckpoint;
            this.rejectEverySeconds = rejectEverySeconds;
        }

        @Override
        public void run(SourceContext<TickStreamRecord> ctx) throws Exception {
            int subtask = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            int subtasks = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
            SessionTickGenerator ticks = new SessionTickGenerator(DAY, seed, subtask, subtasks, symbols);
            long open = ticks.open();
            String source = "bench-" + subtask;
            if (getRuntimeContext().getTaskInfo().getAttemptNumber() > 0) {
                RESTARTS.incrementAndGet();
            }
            for (int s = 0; s < second && s < SESSION_SECONDS; s++) {
                ticks.second(s, tick -> { }); // walk the prices on to the restored position
            }
            completed = Math.max(completed, slice);
            for (; running && second < DAY_SECONDS; slice++) {
                while (running && completed < slice) {
                    Thread.sleep(2); // pacing against the real checkpoint clock, not a test's synchronisation
                }
                synchronized (ctx.getCheckpointLock()) {
                    for (int end = Math.min(second + secondsPerCheckpoint, DAY_SECONDS); second < end; second++) {
                        long ts = open + second * 1000L;
                        ctx.collect(TickStreamRecord.of(new Heartbeat(ts, source)));
                        if (second < SESSION_SECONDS) {
                            ticks.second(second, tick -> ctx.collect(TickStreamRecord.of(tick)));
                        }
                        if (subtask == 0 && second % rejectEverySeconds == rejectEverySeconds - 1) {
                            String bad = "{\"type\":\"tick\",\"symbol\":\"NSE:BAD-EQ\",\"ts\":" + (ts + 500) + ",\"ltp\":-1,"
                                    + "\"cumVolume\":1,\"atp\":1,\"dayOpen\":1,\"dayHigh\":1,\"dayLow\":1,\"prevClose\":1}";
                            ctx.collect(TickStreamRecord.decode(bad.getBytes(StandardCharsets.UTF_8), ts + 500, ts + 500));
                        }
                    }
                }
            }
        }

        @Override
        public void cancel() {
            running = false;
        }

        @Override
        public void snapshotState(FunctionSnapshotContext context) throws Exception {
            position.update(List.of((long) second, slice));
        }

        @Override
        public void initializeState(FunctionInitializationContext context) throws Exception {
            position = context.getOperatorStateStore().getListState(new ListStateDescriptor<>("position", Long.class));
            List<Long> restored = new ArrayList<>();
            position.get().forEach(restored::add);
            if (restored.size() == 2) {
                second = restored.get(0).intValue();
                slice = restored.get(1);
            }
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            completed = checkpointId;
            COMPLETED_CHECKPOINTS.accumulateAndGet(checkpointId, Math::max);
        }
    }

    private static void print(List<Result> results) {
        System.out.println();
        System.out.println("visible files per partition (what Athena and DuckDB read); sizes in bytes; median = lower middle");
        String header = String.format(Locale.ROOT, "%-10s | %-40s | %6s | %12s | %12s | %12s | %13s", "compaction", "partition",
                "files", "median", "min", "max", "total");
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]", "-"));
        for (Result r : results) {
            long files = 0;
            long bytes = 0;
            for (Map.Entry<String, FileShape> e : r.shape().visible().entrySet()) {
                FileShape s = e.getValue();
                System.out.printf(Locale.ROOT, "%-10s | %-40s | %,6d | %,12d | %,12d | %,12d | %,13d%n", r.compaction() ? "on" : "off",
                        e.getKey(), s.files(), s.medianBytes(), s.minBytes(), s.maxBytes(), s.totalBytes());
                files += s.files();
                bytes += s.totalBytes();
            }
            System.out.printf(Locale.ROOT, "%-10s | %-40s | %,6d | %12s | %12s | %12s | %,13d%n", r.compaction() ? "on" : "off",
                    "(all partitions)", files, "", "", "", bytes);
        }
        System.out.println();
        for (Result r : results) {
            long hidden = r.shape().hidden().values().stream().mapToLong(FileShape::files).sum();
            long hiddenBytes = r.shape().hidden().values().stream().mapToLong(FileShape::totalBytes).sum();
            System.out.printf(Locale.ROOT, "compaction %-3s: %d checkpoints completed, %d source restarts (0 expected), %.1f s,"
                            + " load average %.1f at the end; hidden files left: %d (%,d bytes)%n", r.compaction() ? "on" : "off",
                    r.checkpoints(), r.restarts(), r.seconds(), r.loadAverage(), hidden, hiddenBytes);
        }
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
