package io.pricefeed.bench.flink;

import io.pricefeed.bench.Flags;
import io.pricefeed.bench.PositiveCount;
import io.pricefeed.fixtures.QuoteWalk;
import io.pricefeed.fixtures.SessionTickGenerator;
import io.pricefeed.flink.JobSinks;
import io.pricefeed.flink.PricefeedJob;
import io.pricefeed.flink.bars.MinuteBarFunction;
import io.pricefeed.flink.bars.RollupFunction;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.RouteTickStream;
import io.pricefeed.flink.ingest.TickInput;
import io.pricefeed.flink.ingest.TickStreamRecord;
import io.pricefeed.flink.ingest.TickWatermarks;
import io.pricefeed.model.Bar;
import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.model.WireCodec;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.Collector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * Ticks per second per core through the Pricefeed bar pipeline (decode, validate, 1m bars,
 * 5m/15m/1h/1d rollups; sinks discard) beside the same bars built with Flink SQL window TVFs on the
 * same input in the same JVM and the same MiniCluster. Rows:
 * <ul>
 *   <li>{@code pricefeed job}: {@code new PricefeedJob(defaults, input, JobSinks.builder().build())},
 *       the whole job, which also runs the anomaly rules on every tick;</li>
 *   <li>{@code pricefeed bars-only}: the job's bar path alone ({@link #buildPricefeedBarsOnly}),
 *       the like-for-like counterpart of the SQL pipeline;</li>
 *   <li>{@code flink-sql}: the baseline ({@link #buildSql});</li>
 *   <li>{@code floor: source+decode}: source, decode and watermarks only, what every row pays.</li>
 * </ul>
 *
 * <p>How it measures:
 * <ul>
 *   <li>The input is a stretch of one session (2026-03-10 from 09:15 IST): {@code --symbols}
 *       symbols, one tick per symbol per second (test-fixtures' {@link QuoteWalk}: a random-walk
 *       price, rising cumulative volume, a consistent {@code atp}, a day high/low that sometimes
 *       moves past the observed prices; one redelivered duplicate in {@code --dup-every} ticks),
 *       plus one heartbeat per shard per second until 5 minutes after the stretch, as the
 *       producer sends them. Every record is encoded to wire JSON ({@link WireCodec#encode}) in
 *       memory before any timing.</li>
 *   <li>The records are split into as many "shards" as the parallelism (symbol i to shard
 *       i mod p), each in event-time order, like Kinesis shards. The source is
 *       {@code env.fromSequence(0, n-1)} (Flink's {@code NumberSequenceSource}, one contiguous
 *       split per subtask) mapped to the pre-built array, so each subtask reads one shard; it
 *       costs a boxed long and an array load per record. The {@code floor} row measures exactly
 *       that plus decode and watermarks, i.e. what both pipelines share.</li>
 *   <li>STREAMING mode: that is what production runs (event-time timers fired by watermarks),
 *       and BATCH mode would let both sides skip watermarks altogether. No checkpoints, heap
 *       state, object reuse off (the job's defaults minus checkpointing; {@code --object-reuse}
 *       turns it on for both pipelines).</li>
 *   <li>One MiniCluster for the whole run; the time of a run is the wall time of
 *       {@code executeJobBlocking} (deploy, process, finish), so neither cluster start-up nor
 *       SQL planning is counted (Flink SQL's code generation at task start is: it is part of
 *       every job start). Each pipeline is warmed up once per parallelism on a shorter stretch,
 *       then timed {@code --runs} times, the pipelines interleaved in rotating order; the median
 *       counts. The JVM's CPU time over each run is reported too: on a machine shared with other
 *       work it moves less than the wall time.</li>
 * </ul>
 *
 * <p>Only works in this one JVM: the sources read a static array.
 */
@Command(name = "BarPipelineBench", mixinStandardHelpOptions = true,
        description = "Ticks/s/core through the bar pipeline (decode, 1m bars, rollups) against the same bars in Flink SQL,"
                + " in one MiniCluster.")
public final class BarPipelineBench implements Callable<Integer> {
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    static final String PIPELINE_A = "pricefeed job";
    static final String BARS_ONLY = "pricefeed bars-only";
    static final String PIPELINE_B = "flink-sql";
    static final String FLOOR = "floor: source+decode";

    /** The records of the run in progress, shard-major (see {@link Dataset#layout}). */
    static volatile byte[][] input;

    private BarPipelineBench() {
    }

    // ---- options ------------------------------------------------------------------------------

    static final class Options {
        @Option(names = "--symbols", paramLabel = "N", converter = PositiveCount.class,
                description = "symbols, one tick each per second (default ${DEFAULT-VALUE})")
        int symbols = 500;

        @Option(names = "--minutes", paramLabel = "N",
                description = "the timed stretch from 09:15 IST, 1..375 (default ${DEFAULT-VALUE})")
        int minutes = 60;

        @Option(names = "--parallelism", paramLabel = "P", split = ",", converter = PositiveCount.class, defaultValue = "1,2",
                description = "job parallelisms, one set of rows each (default ${DEFAULT-VALUE})")
        List<Integer> parallelism;

        @Option(names = "--runs", paramLabel = "N", converter = PositiveCount.class,
                description = "timed runs per pipeline and parallelism; the table shows medians (default ${DEFAULT-VALUE})")
        int runs = 3;

        @Option(names = "--warmup-minutes", paramLabel = "N",
                description = "the untimed warm-up stretch, 1..375 (default ${DEFAULT-VALUE})")
        int warmupMinutes = 10;

        @Option(names = "--dup-every", paramLabel = "N",
                description = "one redelivered duplicate in N ticks; 0: none (default ${DEFAULT-VALUE})")
        int dupEvery = 50;

        @Option(names = "--seed", description = "seed of the prices (default ${DEFAULT-VALUE})")
        long seed = 42;

        @Option(names = "--pipelines", paramLabel = "NAME", split = ",", converter = PipelineName.class,
                defaultValue = "pricefeed,bars-only,sql,floor",
                description = "the rows, of pricefeed, bars-only, sql, floor (default ${DEFAULT-VALUE})")
        List<String> pipelines;

        @Option(names = "--object-reuse", description = "object reuse on, in every pipeline")
        boolean objectReuse;

        @Option(names = "--explain", description = "print the SQL pipeline's plan")
        boolean explain;

        /** The checks beyond the flags' types; each failure names its flag. */
        void validate(CommandSpec spec) {
            int session = TradingCalendar.barsPerSession(Timeframe.M1);
            Flags.require(spec, minutes >= 1 && minutes <= session, "--minutes must be 1.." + session + " (one session), got " + minutes);
            Flags.require(spec, warmupMinutes >= 1 && warmupMinutes <= session,
                    "--warmup-minutes must be 1.." + session + " (one session), got " + warmupMinutes);
            Flags.require(spec, dupEvery >= 0, "--dup-every must be at least 0 (0: no duplicates), got " + dupEvery);
        }

        /** A {@code --pipelines} name to its row: pricefeed (or job), bars-only, sql (or flink-sql), floor. */
        static final class PipelineName implements ITypeConverter<String> {
            @Override
            public String convert(String name) {
                switch (name.trim()) {
                    case "pricefeed":
                    case "job": return PIPELINE_A;
                    case "bars-only": return BARS_ONLY;
                    case "sql":
                    case PIPELINE_B: return PIPELINE_B;
                    case "floor": return FLOOR;
                    default: throw new TypeConversionException("must be pricefeed, bars-only, sql or floor, got '" + name + "'");
                }
            }
        }
    }

    // ---- main ---------------------------------------------------------------------------------

    @Spec
    private CommandSpec spec;

    @Mixin
    private Options o = new Options();

    public static void main(String[] args) {
        System.exit(new CommandLine(new BarPipelineBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        o.validate(spec);
        System.out.printf(Locale.ROOT, "BarPipelineBench: %d symbols x %d min, 1 tick/symbol/s, duplicates 1 in %s,"
                + " parallelism %s, %d timed runs (median), warm-up %d min;"
                + " STREAMING, no checkpoints, heap state, object reuse %s%n",
                o.symbols, o.minutes, o.dupEvery > 0 ? Integer.toString(o.dupEvery) : "none",
                o.parallelism, o.runs, o.warmupMinutes, o.objectReuse ? "on" : "off");
        System.out.printf(Locale.ROOT, "machine: %d CPUs, max heap %d MB, load average %.2f at start%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage());
        long t0 = System.nanoTime();
        Dataset data = Dataset.generate(o.symbols, o.minutes, o.dupEvery, o.seed);
        Dataset warm = Dataset.generate(o.symbols, o.warmupMinutes, o.dupEvery, o.seed + 1);
        System.out.printf(Locale.ROOT, "input: %,d ticks + %,d heartbeats/shard, %,d bytes of wire JSON, encoded in %.1f s%n",
                data.ticks, data.heartbeats, data.bytes, (System.nanoTime() - t0) / 1e9);

        List<String> pipelines = o.pipelines;
        int sqlIndex = pipelines.indexOf(PIPELINE_B);
        if (o.explain) {
            System.out.println(buildSql(environment(1, false), 1).bars().explain());
        }
        int maxParallelism = Collections.max(o.parallelism);
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_PORT, "0"); // the MiniCluster's REST endpoint: never collide with a local stack on 8081
        MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf).setNumTaskManagers(1).setNumSlotsPerTaskManager(maxParallelism).build());
        cluster.start();
        List<Line> table = new ArrayList<>();
        try {
            for (int p : o.parallelism) {
                byte[][] warmLayout = warm.layout(p);
                byte[][] layout = data.layout(p);
                for (String pipeline : pipelines) {
                    run(cluster, pipeline, p, warmLayout, o.objectReuse);
                }
                List<List<Double>> seconds = new ArrayList<>();
                List<List<Double>> cpuSeconds = new ArrayList<>();
                List<Counts> counts = new ArrayList<>();
                for (String ignored : pipelines) {
                    seconds.add(new ArrayList<>());
                    cpuSeconds.add(new ArrayList<>());
                    counts.add(null);
                }
                for (int r = 0; r < o.runs; r++) {
                    for (int j = 0; j < pipelines.size(); j++) {
                        int i = (j + r) % pipelines.size(); // rotate who goes first: no pipeline always runs after the same one
                        Run run = run(cluster, pipelines.get(i), p, layout, o.objectReuse);
                        seconds.get(i).add(run.seconds());
                        cpuSeconds.get(i).add(run.cpuSeconds());
                        counts.set(i, run.counts());
                        System.err.printf(Locale.ROOT, "  p=%d %-22s run %d: %.2f s wall, %.2f s CPU, load %.1f%n",
                                p, pipelines.get(i), r + 1, run.seconds(), run.cpuSeconds(), loadAverage());
                    }
                }
                double sqlSeconds = sqlIndex < 0 ? Double.NaN : median(seconds.get(sqlIndex));
                double sqlCpu = sqlIndex < 0 ? Double.NaN : median(cpuSeconds.get(sqlIndex));
                for (int i = 0; i < pipelines.size(); i++) {
                    double s = median(seconds.get(i));
                    double cpu = median(cpuSeconds.get(i));
                    double rate = data.ticks / s;
                    boolean compared = !pipelines.get(i).equals(FLOOR) && sqlIndex >= 0;
                    table.add(new Line(pipelines.get(i), p, data.ticks, s, rate, rate / p, compared ? sqlSeconds / s : null,
                            cpu, compared ? sqlCpu / cpu : null, counts.get(i)));
                }
            }
        } finally {
            cluster.closeAsync().get();
        }
        print(table);
        System.out.printf(Locale.ROOT, "%nload average %.2f at the end (2-core machines shared with other work:"
                + " compare the pipelines within one run, not across runs)%n", loadAverage());
        return 0;
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU time of this JVM (every thread: tasks, network, GC, JIT), in seconds. */
    static double processCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean
                ? ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9 : Double.NaN;
    }

    /** One line of the result table. */
    record Line(String pipeline, int parallelism, long ticks, double medianSeconds, double ticksPerSecond,
                double ticksPerSecondPerCore, Double ratioVsSql, double medianCpuSeconds, Double cpuRatioVsSql,
                Counts counts) {
    }

    private static void print(List<Line> table) {
        System.out.println();
        System.out.println("median s = wall time of the job (deploy to finish); ticks/s/core = ticks/s divided by"
                + " the job parallelism (tasks of different operator chains run in their own threads, so a slot"
                + " is not a CPU);");
        System.out.println("CPU s = CPU time of the whole JVM during the run (tasks, network, GC, JIT; median),"
                + " less sensitive to other load on the machine than wall time; CPU ratio = SQL's CPU s / this one's");
        String header = String.format(Locale.ROOT, "%-22s | %11s | %10s | %8s | %10s | %12s | %12s | %6s | %11s | %9s",
                "pipeline", "parallelism", "ticks", "median s", "ticks/s", "ticks/s/core", "ratio vs SQL",
                "CPU s", "ticks/CPU s", "CPU ratio");
        System.out.println(header);
        System.out.println(header.replaceAll("[^|]", "-"));
        for (Line r : table) {
            System.out.printf(Locale.ROOT, "%-22s | %11d | %,10d | %8.2f | %,10.0f | %,12.0f | %12s | %6.2f | %,11.0f | %9s%n",
                    r.pipeline(), r.parallelism(), r.ticks(), r.medianSeconds(), r.ticksPerSecond(),
                    r.ticksPerSecondPerCore(), ratio(r.ratioVsSql()),
                    r.medianCpuSeconds(), r.ticks() / r.medianCpuSeconds(), ratio(r.cpuRatioVsSql()));
        }
        System.out.println();
        System.out.println("bars produced (last timed run; final bars only; tick sum = sum of 1m tickCount):");
        String h2 = String.format(Locale.ROOT, "%-22s | %11s | %8s | %7s | %7s | %6s | %5s | %10s",
                "pipeline", "parallelism", "1m", "5m", "15m", "1h", "1d", "1m tick sum");
        System.out.println(h2);
        System.out.println(h2.replaceAll("[^|]", "-"));
        for (Line r : table) {
            Counts c = r.counts();
            if (r.pipeline().equals(FLOOR)) {
                continue;
            }
            System.out.printf(Locale.ROOT, "%-22s | %11d | %,8d | %,7d | %,7d | %,6d | %,5d | %,10d%n",
                    r.pipeline(), r.parallelism(), c.bars[0], c.bars[1], c.bars[2], c.bars[3], c.bars[4], c.minuteTicks);
        }
    }

    private static String ratio(Double ratio) {
        return ratio == null ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ---- one run ------------------------------------------------------------------------------

    record Run(double seconds, double cpuSeconds, Counts counts) {
    }

    static Run run(MiniCluster cluster, String pipeline, int parallelism, byte[][] records, boolean objectReuse)
            throws Exception {
        input = records;
        Counts.reset();
        StreamExecutionEnvironment env = environment(parallelism, objectReuse);
        switch (pipeline) {
            case PIPELINE_A:
                buildPricefeed(env, records.length);
                break;
            case BARS_ONLY:
                buildPricefeedBarsOnly(env, records.length);
                break;
            case PIPELINE_B:
                SqlPlan sql = buildSql(env, records.length);
                sql.tableEnv().toDataStream(sql.bars())
                        .sinkTo(new CountingSink<>(new SqlBarTimeframe(), new SqlBarTicks())).name("Count and discard bars");
                break;
            case FLOOR:
                new BenchTickInput(records.length).open(env).sinkTo(new DiscardingSink<>()).name("Discard");
                break;
            default:
                throw new IllegalArgumentException(pipeline);
        }
        JobGraph job = env.getStreamGraph().getJobGraph(Thread.currentThread().getContextClassLoader(), null);
        System.gc();
        double cpuStart = processCpuSeconds();
        long start = System.nanoTime();
        cluster.executeJobBlocking(job);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = processCpuSeconds() - cpuStart;
        input = null;
        return new Run(seconds, cpu, Counts.snapshot());
    }

    static StreamExecutionEnvironment environment(int parallelism, boolean objectReuse) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(parallelism);
        if (objectReuse) {
            env.getConfig().enableObjectReuse();
        }
        return env;
    }

    // ---- pipeline A: the Pricefeed job --------------------------------------------------------

    static void buildPricefeed(StreamExecutionEnvironment env, long records) {
        JobConfig config = JobConfig.defaults();
        JobSinks sinks = JobSinks.builder()
                .bars(new CountingSink<>(new BarTimeframe(), new BarTicks()))
                .build(); // every other sink discards; with no DynamoDB sink the job keeps live bars off
        new PricefeedJob(config, new BenchTickInput(records), sinks).build(env);
    }

    /**
     * The bar path of {@link PricefeedJob#build} alone, from the job's own operators with the job's
     * names and defaults: route, 1m bars, final 1m bars, rollups, the lake sinks (discarding). What
     * it leaves out is the anomaly operator (a second shuffle of every tick, keyed by symbol) and
     * the live bars, which the job turns on only with a DynamoDB sink. This is the like-for-like
     * counterpart of the SQL pipeline; it mirrors {@code build} as of this writing, so re-read
     * that method when the job's topology changes.
     */
    static void buildPricefeedBarsOnly(StreamExecutionEnvironment env, long records) {
        JobConfig config = JobConfig.defaults();
        long lateness = config.get(JobConfig.ALLOWED_LATENESS_MS);
        TradingCalendar calendar = TradingCalendar.nse();
        SingleOutputStreamOperator<Tick> ticks = new BenchTickInput(records).open(env)
                .process(new RouteTickStream()).name("Route ticks, heartbeats and rejects");
        SingleOutputStreamOperator<Bar> minuteBars = ticks
                .keyBy(new TickSymbol())
                .process(new MinuteBarFunction(lateness, config.get(JobConfig.FILL_GAPS), calendar)).name("1m bars");
        DataStream<Bar> finalMinuteBars = minuteBars.filter(new FinalBars()).name("Final 1m bars");
        DataStream<Bar> rollups = finalMinuteBars
                .keyBy(new BarSymbol()).process(new RollupFunction(lateness, calendar)).name("5m, 15m, 1h, 1d bars");
        ticks.sinkTo(new DiscardingSink<>()).name("Lake: ticks");
        finalMinuteBars.union(rollups).sinkTo(new CountingSink<>(new BarTimeframe(), new BarTicks())).name("Lake: bars");
        ticks.getSideOutput(RouteTickStream.REJECTS).union(minuteBars.getSideOutput(MinuteBarFunction.REJECTS))
                .sinkTo(new DiscardingSink<>()).name("Lake: rejects");
    }

    static final class TickSymbol implements KeySelector<Tick, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Tick tick) {
            return tick.getSymbol();
        }
    }

    static final class BarSymbol implements KeySelector<Bar, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Bar bar) {
            return bar.getSymbol();
        }
    }

    static final class FinalBars implements FilterFunction<Bar> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(Bar bar) {
            return bar.isFinalBar();
        }
    }

    /** The pre-encoded records, decoded where they are read, with the job's watermark rule. */
    static final class BenchTickInput implements TickInput {
        private final long records;

        BenchTickInput(long records) {
            this.records = records;
        }

        @Override
        public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
            return rawRecords(env, records)
                    .map(new DecodeRecord()).name("Decode")
                    .assignTimestampsAndWatermarks(TickWatermarks.strategy(2000, 0)).name("Event time");
        }
    }

    static DataStream<byte[]> rawRecords(StreamExecutionEnvironment env, long records) {
        return env.fromSequence(0, records - 1).name("Records")
                .map(new ReadRecord()).name("Wire bytes");
    }

    static final class ReadRecord implements MapFunction<Long, byte[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public byte[] map(Long index) {
            return input[index.intValue()];
        }
    }

    static final class DecodeRecord implements MapFunction<byte[], TickStreamRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public TickStreamRecord map(byte[] raw) {
            long now = System.currentTimeMillis();
            return TickStreamRecord.decode(raw, now, now);
        }
    }

    // ---- pipeline B: Flink SQL ----------------------------------------------------------------

    record SqlPlan(StreamTableEnvironment tableEnv, Table bars) {
    }

    static final TypeInformation<Row> TICK_ROW = Types.ROW_NAMED(
            new String[] {"symbol", "ts", "ltp", "cumVolume", "atp"},
            Types.STRING, Types.LONG, Types.DOUBLE, Types.LONG, Types.DOUBLE);

    /**
     * The same bytes decoded by the same codec into rows, then 1m bars by a 1-minute TUMBLE window
     * TVF per symbol, the volume baseline by LAG over the 1m bars, and 5m/15m/1h/1d rollups by
     * further TUMBLEs over the 1m bars' window time, all in one statement (so the planner shares
     * the 1m bars between the rollups), 1m and rollup bars in one output.
     */
    static SqlPlan buildSql(StreamExecutionEnvironment env, long records) {
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
        // Window TVFs over TIMESTAMP_LTZ align to the session time zone: IST hours and days.
        tEnv.getConfig().setLocalTimeZone(TradingCalendar.IST);
        DataStream<Row> rows = rawRecords(env, records)
                .flatMap(new DecodeToRow()).returns(TICK_ROW).name("Decode to rows");
        Table ticks = tEnv.fromDataStream(rows, Schema.newBuilder()
                .columnByExpression("rowtime", "TO_TIMESTAMP_LTZ(ts, 3)")
                .watermark("rowtime", "rowtime - INTERVAL '2' SECOND")
                .build());
        tEnv.createTemporaryView("ticks", ticks);
        tEnv.createTemporaryView("m1raw", tEnv.sqlQuery(
                "SELECT symbol, window_start, window_end, window_time,\n"
                + "  FIRST_VALUE(ltp) AS o, MAX(ltp) AS h, MIN(ltp) AS l, LAST_VALUE(ltp) AS c,\n"
                + "  FIRST_VALUE(cumVolume) AS cum_first, LAST_VALUE(cumVolume) AS cum_last,\n"
                + "  FIRST_VALUE(atp * cumVolume) AS turn_first, LAST_VALUE(atp * cumVolume) AS turn_last,\n"
                + "  COUNT(*) AS n\n"
                + "FROM TABLE(TUMBLE(TABLE ticks, DESCRIPTOR(rowtime), INTERVAL '1' MINUTE))\n"
                + "GROUP BY symbol, window_start, window_end, window_time"));
        // Baseline: the previous bar's last cumVolume/turnover; the day's first bar starts from its
        // own first tick (DESIGN.md §4's mid-session start).
        tEnv.createTemporaryView("m1vol", tEnv.sqlQuery(
                "SELECT symbol, window_start, window_end, window_time, o, h, l, c, n,\n"
                + "  cum_last - COALESCE(LAG(cum_last) OVER w, cum_first) AS vol,\n"
                + "  turn_last - COALESCE(LAG(turn_last) OVER w, turn_first) AS turnover\n"
                + "FROM m1raw\n"
                + "WINDOW w AS (PARTITION BY symbol ORDER BY window_time)"));
        tEnv.createTemporaryView("m1", tEnv.sqlQuery(
                "SELECT symbol, window_start AS bar_start, window_end AS bar_end, window_time AS bar_time,\n"
                + "  o, h, l, c, vol, n, CASE WHEN vol > 0 THEN turnover / vol ELSE c END AS vwap\n"
                + "FROM m1vol"));
        StringBuilder sql = new StringBuilder(
                "SELECT symbol, '1m' AS tf, bar_start, bar_end, o, h, l, c, vwap, vol, n FROM m1");
        String[][] rollups = {
            {"5m", "INTERVAL '5' MINUTE"},
            {"15m", "INTERVAL '15' MINUTE"},
            {"1h", "INTERVAL '1' HOUR, INTERVAL '15' MINUTE"}, // offset: 09:15-10:15 ... like the job
            {"1d", "INTERVAL '1' DAY"}, // the IST date; window_start is 00:00 IST, not 09:15 (nominal)
        };
        for (String[] r : rollups) {
            sql.append("\nUNION ALL\nSELECT symbol, '").append(r[0]).append("' AS tf, window_start, window_end,\n"
                    + "  FIRST_VALUE(o), MAX(h), MIN(l), LAST_VALUE(c),\n"
                    + "  CASE WHEN SUM(vol) > 0 THEN SUM(vwap * vol) / SUM(vol) ELSE LAST_VALUE(c) END,\n"
                    + "  SUM(vol), SUM(n)\n"
                    + "FROM TABLE(TUMBLE(TABLE m1, DESCRIPTOR(bar_time), ").append(r[1]).append("))\n"
                    + "GROUP BY symbol, window_start, window_end");
        }
        return new SqlPlan(tEnv, tEnv.sqlQuery(sql.toString()));
    }

    static final class DecodeToRow implements FlatMapFunction<byte[], Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public void flatMap(byte[] raw, Collector<Row> out) {
            DecodeResult result = WireCodec.decode(raw, System.currentTimeMillis());
            if (result.isTick()) { // heartbeats and rejects: no rows (the SQL watermark comes from ticks)
                Tick t = result.tick();
                out.collect(Row.of(t.getSymbol(), t.getTs(), t.getLtp(), t.getCumVolume(), t.getAtp()));
            }
        }
    }

    // ---- counting the bars --------------------------------------------------------------------

    /** Bars per timeframe and the 1m bars' tick count, over one run (one JVM: static counters). */
    static final class Counts {
        private static final LongAdder[] BARS = new LongAdder[Timeframe.values().length];
        private static final LongAdder MINUTE_TICKS = new LongAdder();

        static {
            for (int i = 0; i < BARS.length; i++) {
                BARS[i] = new LongAdder();
            }
        }

        final long[] bars;
        final long minuteTicks;

        private Counts(long[] bars, long minuteTicks) {
            this.bars = bars;
            this.minuteTicks = minuteTicks;
        }

        static void reset() {
            for (LongAdder a : BARS) {
                a.reset();
            }
            MINUTE_TICKS.reset();
        }

        static Counts snapshot() {
            return new Counts(Arrays.stream(BARS).mapToLong(LongAdder::sum).toArray(), MINUTE_TICKS.sum());
        }

        static void add(int timeframe, long tickCount) {
            BARS[timeframe].increment();
            if (timeframe == Timeframe.M1.ordinal()) {
                MINUTE_TICKS.add(tickCount);
            }
        }
    }

    interface TimeframeOf<T> extends Serializable {
        int of(T bar);
    }

    interface TicksOf<T> extends Serializable {
        long of(T bar);
    }

    static final class BarTimeframe implements TimeframeOf<Bar> {
        private static final long serialVersionUID = 1L;

        @Override
        public int of(Bar bar) {
            return bar.getTimeframe().ordinal();
        }
    }

    static final class BarTicks implements TicksOf<Bar> {
        private static final long serialVersionUID = 1L;

        @Override
        public long of(Bar bar) {
            return bar.getTickCount();
        }
    }

    static final class SqlBarTimeframe implements TimeframeOf<Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public int of(Row bar) {
            return Timeframe.parse((String) bar.getField(1)).ordinal();
        }
    }

    static final class SqlBarTicks implements TicksOf<Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public long of(Row bar) {
            return (Long) bar.getField(10);
        }
    }

    /** Counts what it receives by timeframe, keeps nothing. */
    static final class CountingSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;
        private final TimeframeOf<T> timeframe;
        private final TicksOf<T> ticks;

        CountingSink(TimeframeOf<T> timeframe, TicksOf<T> ticks) {
            this.timeframe = timeframe;
            this.ticks = ticks;
        }

        @Override
        @SuppressWarnings("deprecation")
        public SinkWriter<T> createWriter(InitContext context) {
            return new SinkWriter<T>() {
                @Override
                public void write(T element, Context context) {
                    Counts.add(timeframe.of(element), ticks.of(element));
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    // ---- the input ----------------------------------------------------------------------------

    /** One session stretch, encoded: ticks in ts order with their symbol index, and heartbeats. */
    static final class Dataset {
        final int symbols;
        final long from;
        final long to;
        final byte[][] ticksJson;
        final int[] tickSymbol;
        final long[] tickTs;
        final long ticks;
        final long heartbeats;
        final long bytes;

        private Dataset(int symbols, long from, long to, byte[][] ticksJson, int[] tickSymbol, long[] tickTs, long heartbeats) {
            this.symbols = symbols;
            this.from = from;
            this.to = to;
            this.ticksJson = ticksJson;
            this.tickSymbol = tickSymbol;
            this.tickTs = tickTs;
            this.ticks = ticksJson.length;
            this.heartbeats = heartbeats;
            this.bytes = Arrays.stream(ticksJson).mapToLong(b -> b.length).sum();
        }

        /**
         * {@code symbols} symbols from 09:15 IST for {@code minutes}: each a {@link QuoteWalk} ticking
         * once a second at its own offset into the second (0-899 ms, plus 0-99 ms of jitter), so ticks
         * of one symbol are in order and the stream as a whole is in ts order. One {@link Random} for
         * all (the same input as before the walk moved to test-fixtures), where
         * {@link SessionTickGenerator} gives each symbol its own for parallel writers.
         */
        static Dataset generate(int symbols, int minutes, int dupEvery, long seed) {
            Random random = new Random(seed);
            long from = DAY.atTime(LocalTime.of(9, 15)).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
            long to = from + minutes * 60_000L;
            int seconds = minutes * 60;
            QuoteWalk[] walks = new QuoteWalk[symbols];
            int[] offsetMs = new int[symbols];
            for (int s = 0; s < symbols; s++) {
                offsetMs[s] = random.nextInt(900);
                walks[s] = QuoteWalk.open(SessionTickGenerator.symbol(s), random);
            }
            List<byte[]> json = new ArrayList<>(symbols * seconds + symbols * seconds / Math.max(dupEvery, 1));
            // Second by second, symbols by their offset into the second: one global ts order.
            Integer[] order = new Integer[symbols];
            for (int s = 0; s < symbols; s++) {
                order[s] = s;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(offsetMs[a], offsetMs[b]));
            int[] symbolOf = new int[symbols * seconds * 2];
            long[] tsOf = new long[symbols * seconds * 2];
            int n = 0;
            for (int sec = 0; sec < seconds; sec++) {
                long base = from + sec * 1000L;
                long[] tsThisSecond = new long[symbols];
                for (int s = 0; s < symbols; s++) {
                    tsThisSecond[s] = base + offsetMs[s] + random.nextInt(100);
                }
                Integer[] bySecond = order.clone();
                Arrays.sort(bySecond, (a, b) -> Long.compare(tsThisSecond[a], tsThisSecond[b]));
                for (int s : bySecond) {
                    Tick tick = walks[s].next(tsThisSecond[s], random);
                    byte[] encoded = WireCodec.encode(tick);
                    int copies = dupEvery > 0 && random.nextInt(dupEvery) == 0 ? 2 : 1; // a redelivery
                    for (int c = 0; c < copies; c++) {
                        if (n == symbolOf.length) {
                            symbolOf = Arrays.copyOf(symbolOf, n * 2);
                            tsOf = Arrays.copyOf(tsOf, n * 2);
                        }
                        json.add(encoded);
                        symbolOf[n] = s;
                        tsOf[n] = tick.getTs();
                        n++;
                    }
                }
            }
            long heartbeats = (to + 5 * 60_000L - from) / 1000 + 1;
            return new Dataset(symbols, from, to, json.toArray(new byte[0][]), Arrays.copyOf(symbolOf, n),
                    Arrays.copyOf(tsOf, n), heartbeats);
        }

        /**
         * The records as {@code shards} equal-length shard runs, shard k holding symbols i with
         * i mod shards == k and a heartbeat every second until 5 minutes after the stretch, in ts
         * order; a shorter shard is padded with repeats of its last heartbeat. Flink's number
         * sequence source gives each subtask one contiguous run, that is one shard.
         */
        byte[][] layout(int shards) {
            List<List<byte[]>> perShard = new ArrayList<>();
            for (int k = 0; k < shards; k++) {
                perShard.add(new ArrayList<>((int) (ticks / shards + heartbeats + 16)));
            }
            long nextBeat = from;
            byte[] beat = null;
            int i = 0;
            long end = to + 5 * 60_000L;
            while (i < ticks || nextBeat <= end) {
                if (nextBeat <= end && (i >= ticks || nextBeat <= tickTs[i])) {
                    beat = WireCodec.encode(new Heartbeat(nextBeat, "bench"));
                    for (List<byte[]> shard : perShard) {
                        shard.add(beat);
                    }
                    nextBeat += 1000;
                } else {
                    perShard.get(tickSymbol[i] % shards).add(ticksJson[i]);
                    i++;
                }
            }
            int length = perShard.stream().mapToInt(List::size).max().getAsInt();
            byte[][] out = new byte[length * shards][];
            for (int k = 0; k < shards; k++) {
                List<byte[]> shard = perShard.get(k);
                for (int j = 0; j < length; j++) {
                    out[k * length + j] = j < shard.size() ? shard.get(j) : beat;
                }
            }
            return out;
        }
    }
}
