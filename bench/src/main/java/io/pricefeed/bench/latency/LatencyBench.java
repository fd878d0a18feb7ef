package io.pricefeed.bench.latency;

import io.pricefeed.flink.local.LocalJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAwsStack;
import io.pricefeed.standins.PipelineResources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * End-to-end latency of the running job on the local stack: kinesalite and DynamoDB Local
 * ({@link LocalAwsStack}, random ports) and the real job ({@link LocalJob}: Kinesis source,
 * lake, DynamoDB and anomalies sinks) in this JVM, with this harness as the producer. Goals:
 * a tick shows in its live bar within 1.5 s (p99); the final 1m bar and a bar anomaly are out
 * within 3 s of the minute's end (p99).
 *
 * <p>How it measures (all times are this machine's wall clock, the clock the event times come from):
 * <ul>
 *   <li><b>Producer.</b> {@code --symbols} symbols, {@code --rate} ticks/s in all (default one per
 *       symbol per second), spread evenly over 100 ms slots and put with PutRecords into the
 *       {@code ticks} stream (partition key = symbol), as wire JSON ({@link WireCodec#encode}).
 *       A tick's {@code ts} is the wall clock when the slot is built: the wire format's
 *       receive-time field (DESIGN.md §3), hence its event time, so minute ends are real minute
 *       ends. One heartbeat per shard per second (explicit hash key = the shard's starting hash
 *       key), as the producer's {@code HeartbeatSender} does. Prices walk ±0.01 % per tick around a
 *       {@code prevClose} that no band is near; {@code cumVolume} rises 100-500 per tick.</li>
 *   <li><b>Warm-up, measured minutes, tail.</b> Ticks flow for at least {@code --warmup-seconds},
 *       up to a minute boundary; then {@code --minutes} whole minutes are measured; then ticks and
 *       heartbeats continue until every measured minute's final bar and anomaly is seen (or 30 s
 *       after they were due), and the job is drained.</li>
 *   <li><b>(a) tick -> live bar.</b> Every {@code --poll-ms}, one BatchGetItem reads the
 *       {@code <symbol>#1m#live} items (sk = bar start) that still owe a tick, for the
 *       {@code --sample} symbols (default all). The k-th tick of a symbol's minute is visible when
 *       that item's {@code tickCount} reaches k; its latency is the time that response came back
 *       minus the tick's {@code ts}, so it includes the put, and is an upper bound by up to one
 *       poll.</li>
 *   <li><b>(b) minute end -> final 1m bar.</b> The same poll reads {@code <symbol>#1m} (sk = bar
 *       start) of each measured minute once the minute has ended, until it is there; latency =
 *       response time minus the bar's end. Its {@code tickCount} is checked against the ticks sent.</li>
 *   <li><b>(c) minute end -> anomaly.</b> From the second measured minute on, {@code --surges}
 *       symbols a minute (rotating) trade 20x their usual volume: a VOLUME_SURGE at a known bar.
 *       The job's surge window is set to 1 bar ({@code anomaly.surgeWindow=1}; the default 20
 *       would need a 20-minute warm-up). The {@code anomalies} stream is read with GetRecords
 *       every 50 ms; latency = the response time minus the bar's end.</li>
 *   <li><b>Baselines, in the same run and under the same load:</b> once a second, a record of a
 *       tick's size is put (PutRecords) into a 1-shard stream {@code bench-probe} and read back with
 *       GetRecords polled every 5 ms; and an item of a bar's size is put into a table
 *       {@code bench-probe} and read back with GetItem. Those are what the stand-ins cost; the rest
 *       of each figure is the job and its configured waits.</li>
 * </ul>
 *
 * <p>Needs a live NSE session: the job only makes bars from ticks inside [09:15, 15:30) IST on a
 * trading day, and the event times here are now. It refuses to start when the run would not fit.
 */
public final class LatencyBench {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBench.class);
    private static final long MINUTE = 60_000L;
    private static final long LIVE_GOAL_MS = 1_500;
    private static final long MINUTE_END_GOAL_MS = 3_000;
    private static final long SLOT_MS = 100;
    private static final long ANOMALY_POLL_MS = 50;
    private static final long PROBE_POLL_MS = 5;
    private static final long TAIL_GRACE_MS = 30_000;
    private static final int SURGE_FACTOR = 20;
    private static final String PROBE = "bench-probe";
    private static final String SOURCE = "latency-bench";
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(TradingCalendar.IST);

    private LatencyBench() {
    }

    // ---- options ------------------------------------------------------------------------------

    static final class Options {
        int symbols = 20;
        int minutes = 4;
        double rate = -1; // ticks/s in all; default one per symbol per second
        int shards = 4;
        int parallelism = 2;
        int warmupSeconds = 30;
        long pollMs = 50;
        int sample = 0; // 0 = every symbol
        int surges = 4;
        long getRecordsMs = 200;
        long outOfOrdernessMs = Long.parseLong(JobConfig.OUT_OF_ORDERNESS_MS.defaultValue());
        long allowedLatenessMs = Long.parseLong(JobConfig.ALLOWED_LATENESS_MS.defaultValue());
        long checkpointMs = Long.parseLong(JobConfig.CHECKPOINT_INTERVAL_MS.defaultValue());
        long liveUpdateMs = Long.parseLong(JobConfig.LIVE_UPDATE_INTERVAL_MS.defaultValue());
        long seed = 42;

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--symbols": o.symbols = Integer.parseInt(args[++i]); break;
                    case "--minutes": o.minutes = Integer.parseInt(args[++i]); break;
                    case "--rate": o.rate = Double.parseDouble(args[++i]); break;
                    case "--shards": o.shards = Integer.parseInt(args[++i]); break;
                    case "--parallelism": o.parallelism = Integer.parseInt(args[++i]); break;
                    case "--warmup-seconds": o.warmupSeconds = Integer.parseInt(args[++i]); break;
                    case "--poll-ms": o.pollMs = Long.parseLong(args[++i]); break;
                    case "--sample": o.sample = Integer.parseInt(args[++i]); break;
                    case "--surges": o.surges = Integer.parseInt(args[++i]); break;
                    case "--get-records-ms": o.getRecordsMs = Long.parseLong(args[++i]); break;
                    case "--out-of-orderness-ms": o.outOfOrdernessMs = Long.parseLong(args[++i]); break;
                    case "--allowed-lateness-ms": o.allowedLatenessMs = Long.parseLong(args[++i]); break;
                    case "--checkpoint-ms": o.checkpointMs = Long.parseLong(args[++i]); break;
                    case "--live-update-ms": o.liveUpdateMs = Long.parseLong(args[++i]); break;
                    case "--seed": o.seed = Long.parseLong(args[++i]); break;
                    case "-h":
                    case "--help":
                        System.out.println("LatencyBench [--symbols 20] [--minutes 4] [--rate <ticks/s in all; default one per"
                                + " symbol per second>] [--shards 4] [--parallelism 2] [--warmup-seconds 30] [--poll-ms 50]"
                                + " [--sample <symbols polled for live bars; 0 = all>] [--surges 4 (planted volume surges a"
                                + " minute)] [--get-records-ms 200] [--out-of-orderness-ms 2000] [--allowed-lateness-ms 5000]"
                                + " [--live-update-ms 1000] [--checkpoint-ms 60000] [--seed 42]");
                        System.exit(0);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
                }
            }
            if (o.rate < 0) {
                o.rate = o.symbols;
            }
            if (o.symbols < 1 || o.symbols > 999 || o.minutes < 1 || o.rate <= 0 || o.shards < 1 || o.parallelism < 1
                    || o.warmupSeconds < 10 || o.pollMs < 1 || o.sample < 0 || o.surges < 0 || o.surges * 2 > o.symbols) {
                throw new IllegalArgumentException("need 1 <= --symbols <= 999, --minutes >= 1, --rate > 0, --shards >= 1,"
                        + " --parallelism >= 1, --warmup-seconds >= 10, --poll-ms >= 1, --sample >= 0 and"
                        + " 0 <= --surges <= symbols / 2");
            }
            if (o.sample == 0 || o.sample > o.symbols) {
                o.sample = o.symbols;
            }
            return o;
        }
    }

    // ---- main ---------------------------------------------------------------------------------

    /** The connector's shaded SDK v1 warns on stderr through java.util.logging that JAXB is missing; held so it stays quiet. */
    private static final java.util.logging.Logger SHADED_SDK_BASE64 =
            java.util.logging.Logger.getLogger("org.apache.flink.kinesis.shaded.com.amazonaws.util.Base64");
    /**
     * DynamoDB Local's SQLite layer warns on stderr (java.util.logging), with a stack trace each, when KCL 3
     * writes lease items carrying a lease-table index attribute it did not create a column for; KCL still
     * takes its leases (the warm-up probe proves it). Held at SEVERE so the progress lines stay readable.
     */
    private static final java.util.logging.Logger DYNAMODB_LOCAL_SQLITE = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    public static void main(String[] args) {
        int code;
        try {
            code = run(Options.parse(args));
        } catch (Exception e) {
            LOG.error("LatencyBench failed", e);
            System.err.println("LatencyBench failed: " + e + " (details in data/logs/bench.log)");
            code = 1;
        }
        System.out.flush();
        System.exit(code); // the SDK clients and Flink leave non-daemon threads behind
    }

    private static int run(Options o) throws Exception {
        SHADED_SDK_BASE64.setLevel(java.util.logging.Level.SEVERE);
        DYNAMODB_LOCAL_SQLITE.setLevel(java.util.logging.Level.SEVERE);
        TradingCalendar calendar = TradingCalendar.nse();
        long now = System.currentTimeMillis();
        // About 30 s to start the stand-ins and the job, then the warm-up up to a minute boundary.
        long runEnd = ceilMinute(now + 30_000 + o.warmupSeconds * 1000L) + o.minutes * MINUTE
                + o.outOfOrdernessMs + o.allowedLatenessMs + TAIL_GRACE_MS + 60_000;
        LocalDate today = TradingCalendar.tradeDate(now);
        if (!calendar.isTradingDay(today) || now < TradingCalendar.sessionOpen(today) + MINUTE
                || runEnd >= TradingCalendar.sessionClose(today)) {
            System.err.printf(Locale.ROOT, "LatencyBench: the run needs a live NSE session (09:16-15:30 IST on a trading day)"
                    + " until about %s IST; it is %s IST on %s (%s). The job makes bars only from session ticks, and the"
                    + " event times here are now.%n", HMS.format(Instant.ofEpochMilli(runEnd)),
                    HMS.format(Instant.ofEpochMilli(now)), today, calendar.isTradingDay(today) ? "a trading day" : "no trading day");
            return 2;
        }
        System.out.printf(Locale.ROOT, "LatencyBench: %d symbols, %.1f ticks/s, %d shards, job parallelism %d, %d measured"
                + " minute(s) after a warm-up of at least %d s; live items of %d symbol(s) polled every %d ms;"
                + " %d planted volume surge(s) a minute%n", o.symbols, o.rate, o.shards, o.parallelism, o.minutes,
                o.warmupSeconds, o.sample, o.pollMs, o.surges);
        System.out.printf(Locale.ROOT, "job settings: kinesis.initialPosition=TRIM_HORIZON kinesis.getRecordsIntervalMs=%d"
                + " kinesis.shardDiscoveryIntervalMs=1000 bars.outOfOrdernessMs=%d bars.allowedLatenessMs=%d"
                + " bars.liveUpdateIntervalMs=%d job.checkpointIntervalMs=%d anomaly.surgeWindow=1 (others default)%n",
                o.getRecordsMs, o.outOfOrdernessMs, o.allowedLatenessMs, o.liveUpdateMs, o.checkpointMs);
        System.out.printf(Locale.ROOT, "machine: %d CPUs, max heap %d MB, load average %.2f at start; %s IST%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(TradingCalendar.IST).format(Instant.ofEpochMilli(now)));

        Path work = Paths.get("data", "bench", "latency-" + now);
        Path logDir = Paths.get("data", "logs");
        Files.createDirectories(work);
        Files.createDirectories(logDir);
        Result result;
        List<Long> nodePids;
        long t0 = System.nanoTime();
        try (LocalAwsStack stack = LocalAwsStack.start(0, 0, o.shards, logDir)) {
            nodePids = stack.kinesis().pids();
            System.out.printf(Locale.ROOT, "stand-ins up in %.1f s: kinesalite %s, DynamoDB Local %s (logs in %s)%n",
                    (System.nanoTime() - t0) / 1e9, stack.kinesis().endpoint(), stack.dynamo().endpoint(), logDir);
            stack.kinesis().createStream(PROBE, 1);
            stack.dynamo().createTable(PipelineResources.barsTable(PROBE));
            result = new Run(o, stack, work).execute();
        }
        deleteTree(work); // the run's lake and checkpoints: nothing in them is a figure
        List<Long> left = new ArrayList<>();
        for (long pid : nodePids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                left.add(pid);
            }
        }
        System.out.printf(Locale.ROOT, "stand-ins stopped; kinesalite processes left running: %s%n",
                left.isEmpty() ? "none" : left.toString());
        result.print(o);
        System.out.printf(Locale.ROOT, "%nload average %.2f at the end (a shared 2-core machine moves these figures:"
                + " compare the rows of one run)%n", loadAverage());
        return 0;
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException | RuntimeException e) {
            LOG.warn("could not delete {}: {}", dir, e.toString());
        }
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static long ceilMinute(long millis) {
        return (millis + MINUTE - 1) / MINUTE * MINUTE;
    }

    // ---- the run ------------------------------------------------------------------------------

    /** One symbol's ticks in one minute, as sent, and how far the live item has shown them. */
    static final class BarTrack {
        final int symbol;
        final long barStart;
        final long barEnd;
        final boolean measured;
        private final List<Long> ts = new ArrayList<>();
        private int visible;
        private long allVisibleAt = Long.MIN_VALUE;
        volatile long finalAt = Long.MIN_VALUE;

        BarTrack(int symbol, long barStart, boolean measured) {
            this.symbol = symbol;
            this.barStart = barStart;
            this.barEnd = barStart + MINUTE;
            this.measured = measured;
        }

        synchronized void add(long tickTs) {
            ts.add(tickTs);
        }

        synchronized int sent() {
            return ts.size();
        }

        synchronized boolean owesTicks() {
            return visible < ts.size();
        }

        /** The live item shows {@code tickCount} ticks at {@code observedAt}: the newly visible ticks' latencies. */
        synchronized void seen(long tickCount, long observedAt, Samples live, List<long[]> overGoal) {
            int upTo = (int) Math.min(tickCount, ts.size());
            for (; visible < upTo; visible++) {
                long t = ts.get(visible);
                if (measured) {
                    long latency = observedAt - t;
                    live.add(latency);
                    if (latency > LIVE_GOAL_MS) {
                        synchronized (overGoal) {
                            overGoal.add(new long[] {latency, barEnd - t});
                        }
                    }
                }
            }
            if (upTo > 0 && visible == ts.size()) {
                allVisibleAt = observedAt; // the minute's last tick so far is visible: overwritten while ticks come
            }
        }

        /** When the live item first held every tick of the minute, once the minute is over; MIN_VALUE if never. */
        synchronized long completeAt() {
            return visible == ts.size() && !ts.isEmpty() ? allVisibleAt : Long.MIN_VALUE;
        }

        synchronized int unseen() {
            return ts.size() - visible;
        }
    }

    /** Latency samples in ms. */
    static final class Samples {
        private final List<Long> values = new ArrayList<>();

        synchronized void add(long ms) {
            values.add(ms);
        }

        synchronized int size() {
            return values.size();
        }

        synchronized List<Long> sorted() {
            List<Long> s = new ArrayList<>(values);
            Collections.sort(s);
            return s;
        }

        /** Nearest rank. */
        static long percentile(List<Long> sorted, double q) {
            if (sorted.isEmpty()) {
                return Long.MIN_VALUE;
            }
            int rank = (int) Math.ceil(q * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }

    record BarKey(int symbol, long barStart) {
    }

    static final class Run {
        private final Options o;
        private final LocalAwsStack stack;
        private final Path work;
        /** Set once the job runs, before any observer starts. */
        private long firstMeasured;
        private long measuredEnd;
        private final String[] symbols;
        private final Map<BarKey, BarTrack> bars = new ConcurrentHashMap<>();
        /** Planted surges: bar start -> symbol indexes. */
        private final Map<Long, Set<Integer>> surges = new HashMap<>();
        /** Anomalies seen: id -> arrival; planted ones also by bar key. */
        private final Map<BarKey, Long> surgeSeen = new ConcurrentHashMap<>();
        /** The planted surges' anomaly ids, to find their alert mails. */
        private final Map<BarKey, String> surgeIds = new ConcurrentHashMap<>();
        private AlertMailPath alerts;
        private long kclWarmupMs;
        private final Map<String, Long> anomaliesSeen = new ConcurrentHashMap<>();
        private final AtomicLong unexpectedAnomalies = new AtomicLong();
        private final AtomicLong duplicateAnomalies = new AtomicLong();
        private final Samples live = new Samples();
        private final List<long[]> overGoal = new ArrayList<>();
        private final Samples kinesisProbe = new Samples();
        private final Samples dynamoProbe = new Samples();
        private final Samples putCalls = new Samples();
        private final Samples pollRounds = new Samples();
        private final AtomicLong ticksSent = new AtomicLong();
        private final AtomicLong heartbeatsSent = new AtomicLong();
        private final AtomicLong putRetries = new AtomicLong();
        private final AtomicLong finalMismatches = new AtomicLong();
        private final AtomicLong errors = new AtomicLong();
        private volatile boolean producing = true;
        private volatile boolean observing = true;
        private long productionStart;

        Run(Options o, LocalAwsStack stack, Path work) {
            this.o = o;
            this.stack = stack;
            this.work = work;
            this.symbols = new String[o.symbols];
            for (int i = 0; i < o.symbols; i++) {
                symbols[i] = String.format(Locale.ROOT, "NSE:LAT%03d-EQ", i + 1);
            }
        }

        /** The measured minutes start at the first minute boundary after the warm-up; surges are planned in them. */
        private void plan(long productionStart) {
            firstMeasured = ceilMinute(productionStart + o.warmupSeconds * 1000L);
            measuredEnd = firstMeasured + o.minutes * MINUTE;
            // From the second measured minute on: a symbol's first bar (in the warm-up) is never judged and the
            // first measured one fills the 1-bar window, so the second is the first a surge can be found in.
            int next = 0;
            for (long m = firstMeasured + MINUTE; m < measuredEnd; m += MINUTE) {
                Set<Integer> chosen = new HashSet<>();
                for (int s = 0; s < o.surges; s++) {
                    chosen.add(next % o.symbols);
                    next++;
                }
                surges.put(m, chosen);
            }
        }

        Result execute() throws Exception {
            JobConfig config = JobConfig.fromPropertyGroups(Map.of(
                    "kinesis", props("endpoint", stack.kinesis().endpoint().toString(), "initialPosition", "TRIM_HORIZON",
                            "getRecordsIntervalMs", Long.toString(o.getRecordsMs), "shardDiscoveryIntervalMs", "1000"),
                    "dynamodb", props("endpoint", stack.dynamo().endpoint().toString()),
                    "lake", props("path", work.resolve("lake").toAbsolutePath().toString()),
                    "bars", props("outOfOrdernessMs", Long.toString(o.outOfOrdernessMs),
                            "allowedLatenessMs", Long.toString(o.allowedLatenessMs), "liveUpdateIntervalMs", Long.toString(o.liveUpdateMs)),
                    "anomaly", props("surgeWindow", "1"),
                    "job", props("checkpointIntervalMs", Long.toString(o.checkpointMs))));
            LOG.info("job config: {}", config);
            // The alerts path first, and its warm-up out of the way before the job starts: KCL takes its
            // first lease 10-30 s after start, which no measured minute should pay.
            long a0 = System.nanoTime();
            alerts = AlertMailPath.start(stack);
            try {
                kclWarmupMs = alerts.awaitFirstMail(Duration.ofSeconds(180));
            } catch (Exception e) {
                alerts.close();
                throw e;
            }
            System.out.printf(Locale.ROOT, "alerts path up: KCL consumer + AlertsHandler + GreenMail SMTP; the warm-up probe"
                    + " anomaly was mailed %,d ms after it was put (KCL's first lease; excluded: the job starts only now)%n",
                    kclWarmupMs);
            System.out.printf(Locale.ROOT, "(alerts path start-up in all: %.1f s)%n", (System.nanoTime() - a0) / 1e9);
            long t0 = System.nanoTime();
            LocalJob job;
            try {
                job = LocalJob.start(config, o.parallelism, work.resolve("state").toAbsolutePath());
            } catch (Exception e) {
                alerts.close();
                throw e;
            }
            List<Thread> threads = new ArrayList<>();
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (job.status() != JobStatus.RUNNING) {
                    if (job.status().isGloballyTerminalState() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the job did not start: " + job.status());
                    }
                    Thread.sleep(100); // polling the job's status for RUNNING
                }
                productionStart = System.currentTimeMillis();
                plan(productionStart);
                System.out.printf(Locale.ROOT, "job RUNNING in %.1f s; producing from %s, measuring the minutes %s-%s IST%n",
                        (System.nanoTime() - t0) / 1e9, HMS.format(Instant.ofEpochMilli(productionStart)),
                        HMS.format(Instant.ofEpochMilli(firstMeasured)), HMS.format(Instant.ofEpochMilli(measuredEnd)));
                threads.add(start("producer", this::produce));
                threads.add(start("live-poller", this::pollTable));
                threads.add(start("anomaly-reader", this::readAnomalies));
                threads.add(start("probe", this::probe));
                threads.add(start("mail-poller", this::pollMail));
                watch(job);
                observing = false;
                producing = false;
                for (Thread t : threads) {
                    t.join(10_000);
                }
                System.out.println("draining the job (stop with savepoint, drain)...");
                long drainStart = System.nanoTime();
                job.drain(Duration.ofSeconds(120));
                System.out.printf(Locale.ROOT, "job drained in %.1f s%n", (System.nanoTime() - drainStart) / 1e9);
            } finally {
                observing = false;
                producing = false;
                try {
                    job.close();
                } finally {
                    alerts.close();
                }
            }
            return new Result(this);
        }

        private Thread start(String name, ThrowingRunnable body) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    LOG.error("{} failed", name, e);
                    System.err.println(name + " failed: " + e);
                    errors.incrementAndGet();
                }
            }, "bench-" + name);
            t.setDaemon(true);
            t.start();
            return t;
        }

        interface ThrowingRunnable {
            void run() throws Exception;
        }

        /** Progress every 10 s until every final bar and planted anomaly is in, or their grace runs out. */
        private void watch(LocalJob job) throws Exception {
            long tailDeadline = measuredEnd + o.outOfOrdernessMs + o.allowedLatenessMs + TAIL_GRACE_MS;
            int expectedFinals = o.sample * o.minutes;
            int expectedSurges = surges.values().stream().mapToInt(Set::size).sum();
            long nextReport = System.currentTimeMillis();
            while (true) {
                long now = System.currentTimeMillis();
                long finals = bars.values().stream().filter(b -> b.measured && b.finalAt != Long.MIN_VALUE).count();
                long mailed = surgeIds.values().stream().filter(id -> alerts.firstMailContaining(id) != null).count();
                boolean done = now >= measuredEnd && finals >= expectedFinals && surgeSeen.size() >= expectedSurges
                        && mailed >= expectedSurges;
                if (now >= nextReport || done || now >= tailDeadline) {
                    String phase = now < firstMeasured ? "warm-up"
                            : now < measuredEnd ? String.format(Locale.ROOT, "minute %d/%d", (now - firstMeasured) / MINUTE + 1, o.minutes)
                            : "tail";
                    LocalJob.Progress p = job.progress();
                    List<Long> sorted = live.sorted();
                    System.out.printf(Locale.ROOT, "[%4d s] %-11s sent %,d ticks | job: %,d ticks, %,d final 1m bars, %,d anomalies,"
                            + " bar timers at %s | live: %,d measured (p99 %s) | finals %d/%d | surges %d/%d, mailed %d | load %.1f%n",
                            (now - productionStart) / 1000, phase, ticksSent.get(), p.ticks, p.finalMinuteBars, p.anomalies,
                            p.eventTime == Long.MIN_VALUE ? "-" : HMS.format(Instant.ofEpochMilli(p.eventTime)),
                            sorted.size(), sorted.isEmpty() ? "-" : ms(Samples.percentile(sorted, 0.99)), finals, expectedFinals,
                            surgeSeen.size(), expectedSurges, mailed, loadAverage());
                    nextReport += 10_000;
                    if (job.status().isGloballyTerminalState()) {
                        throw new IllegalStateException("the job ended early: " + job.status() + " (see data/logs/bench.log)");
                    }
                }
                if (done || now >= tailDeadline) {
                    return;
                }
                Thread.sleep(200); // polling the observers' counters for the end condition
            }
        }

        // ---- producer -----------------------------------------------------------------------

        private void produce() throws Exception {
            try (KinesisClient kinesis = Kinesalite.newClient(stack.kinesis().endpoint())) {
                List<String> hashKeys = new ArrayList<>();
                for (Shard s : kinesis.listShards(b -> b.streamName(ResourceNames.TICKS_STREAM)).shards()) {
                    hashKeys.add(s.hashKeyRange().startingHashKey());
                }
                Random random = new Random(o.seed);
                int n = o.symbols;
                double[] ltp = new double[n];
                double[] prevClose = new double[n];
                double[] atp = new double[n];
                double[] high = new double[n];
                double[] low = new double[n];
                long[] cum = new long[n];
                long[] lastTs = new long[n];
                for (int i = 0; i < n; i++) {
                    prevClose[i] = Math.round((100 + random.nextDouble() * 2_900) * 20) / 20.0;
                    ltp[i] = prevClose[i];
                    atp[i] = prevClose[i];
                    high[i] = prevClose[i] * 1.005;
                    low[i] = prevClose[i] * 0.995;
                    cum[i] = 1_000_000 + random.nextInt(1_000_000);
                }
                long start = productionStart;
                long nextHeartbeat = start;
                long tickIndex = 0;
                for (long slot = 1; producing; slot++) {
                    long now = System.currentTimeMillis();
                    List<PutRecordsRequestEntry> batch = new ArrayList<>();
                    long due = (long) Math.floor((now - start) * o.rate / 1000.0) + 1;
                    for (; tickIndex < due; tickIndex++) {
                        int i = (int) (tickIndex % n);
                        long ts = Math.max(now, lastTs[i] + 1);
                        lastTs[i] = ts;
                        long barStart = ts - Math.floorMod(ts, MINUTE);
                        boolean surge = surges.getOrDefault(barStart, Set.of()).contains(i);
                        long traded = (100 + random.nextInt(401)) * (surge ? SURGE_FACTOR : 1);
                        double price = Math.round(ltp[i] * (1 + (random.nextDouble() - 0.5) * 0.0002) * 20) / 20.0;
                        atp[i] = (atp[i] * cum[i] + price * traded) / (cum[i] + traded);
                        cum[i] += traded;
                        ltp[i] = price;
                        high[i] = Math.max(high[i], price);
                        low[i] = Math.min(low[i], price);
                        Tick tick = new Tick(symbols[i], ts, price, cum[i], Math.round(atp[i] * 100) / 100.0, prevClose[i],
                                high[i], low[i], prevClose[i], price - 0.05, price);
                        bars.computeIfAbsent(new BarKey(i, barStart),
                                k -> new BarTrack(k.symbol(), k.barStart(), k.barStart() >= firstMeasured && k.barStart() < measuredEnd))
                                .add(ts);
                        batch.add(PutRecordsRequestEntry.builder().partitionKey(symbols[i])
                                .data(SdkBytes.fromByteArrayUnsafe(WireCodec.encode(tick))).build());
                    }
                    if (now >= nextHeartbeat) {
                        byte[] beat = WireCodec.encode(new Heartbeat(now, SOURCE));
                        for (String key : hashKeys) {
                            batch.add(PutRecordsRequestEntry.builder().partitionKey(SOURCE).explicitHashKey(key)
                                    .data(SdkBytes.fromByteArrayUnsafe(beat)).build());
                        }
                        heartbeatsSent.addAndGet(hashKeys.size());
                        nextHeartbeat = Math.max(nextHeartbeat + 1_000, now + 1); // keep the grid, never catch up
                    }
                    put(kinesis, batch);
                    long next = start + slot * SLOT_MS;
                    long sleep = next - System.currentTimeMillis();
                    if (sleep > 0) {
                        Thread.sleep(sleep); // pacing to the next 100 ms slot
                    }
                }
            }
        }

        /** PutRecords in chunks of 500, the failed entries retried until they are in. */
        private void put(KinesisClient kinesis, List<PutRecordsRequestEntry> batch) throws InterruptedException {
            for (int from = 0; from < batch.size(); from += 500) {
                List<PutRecordsRequestEntry> pending = batch.subList(from, Math.min(batch.size(), from + 500));
                while (!pending.isEmpty()) {
                    long t0 = System.nanoTime();
                    List<PutRecordsRequestEntry> send = pending;
                    PutRecordsResponse r = kinesis.putRecords(b -> b.streamName(ResourceNames.TICKS_STREAM).records(send));
                    putCalls.add((System.nanoTime() - t0) / 1_000_000);
                    List<PutRecordsRequestEntry> failed = new ArrayList<>();
                    for (int i = 0; i < r.records().size(); i++) {
                        PutRecordsResultEntry e = r.records().get(i);
                        if (e.errorCode() != null) {
                            failed.add(send.get(i));
                        } else if (e.shardId() != null && send.get(i).explicitHashKey() == null) {
                            ticksSent.incrementAndGet();
                        }
                    }
                    if (!failed.isEmpty()) {
                        putRetries.addAndGet(failed.size());
                        Thread.sleep(20); // brief back-off before retrying throttled entries
                    }
                    pending = failed;
                }
            }
        }

        // ---- DynamoDB poller ----------------------------------------------------------------

        private void pollTable() throws Exception {
            Map<String, String> names = Map.of("#pk", BarItem.PK, "#sk", BarItem.SK, "#tc", "tickCount", "#f", "final");
            try (DynamoDbClient dynamo = DynamoDbLocal.newClient(stack.dynamo().endpoint())) {
                long start = System.currentTimeMillis();
                for (long round = 1; observing; round++) {
                    long now = System.currentTimeMillis();
                    Map<Map<String, AttributeValue>, BarTrack> live = new LinkedHashMap<>();
                    Map<Map<String, AttributeValue>, BarTrack> finals = new LinkedHashMap<>();
                    for (BarTrack b : bars.values()) {
                        if (b.symbol >= o.sample) {
                            continue;
                        }
                        if (b.owesTicks()) {
                            live.put(key(BarItem.partitionKey(symbols[b.symbol], Timeframe.M1, true), b.barStart), b);
                        }
                        if (b.measured && now >= b.barEnd && b.finalAt == Long.MIN_VALUE) {
                            finals.put(key(BarItem.partitionKey(symbols[b.symbol], Timeframe.M1, false), b.barStart), b);
                        }
                    }
                    List<Map<String, AttributeValue>> keys = new ArrayList<>(live.keySet());
                    keys.addAll(finals.keySet());
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
                            BarTrack l = live.get(k);
                            if (l != null) {
                                l.seen(tickCount, observed, this.live, overGoal);
                            }
                            BarTrack f = finals.get(k);
                            if (f != null && Boolean.TRUE.equals(item.get("final").bool())) {
                                if (tickCount != f.sent()) {
                                    finalMismatches.incrementAndGet();
                                }
                                f.finalAt = observed;
                            }
                        }
                        // Unprocessed keys (DynamoDB may return some) are simply asked again next round.
                    }
                    long sleep = start + round * o.pollMs - System.currentTimeMillis();
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

        // ---- anomalies reader ---------------------------------------------------------------

        private void readAnomalies() throws Exception {
            try (KinesisClient kinesis = Kinesalite.newClient(stack.kinesis().endpoint())) {
                List<String> iterators = new ArrayList<>();
                for (Shard s : kinesis.listShards(b -> b.streamName(ResourceNames.ANOMALIES_STREAM)).shards()) {
                    iterators.add(kinesis.getShardIterator(b -> b.streamName(ResourceNames.ANOMALIES_STREAM)
                            .shardId(s.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                }
                while (observing) {
                    for (int i = 0; i < iterators.size(); i++) {
                        String it = iterators.get(i);
                        GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(it).limit(1000));
                        long observed = System.currentTimeMillis();
                        for (Record record : r.records()) {
                            onAnomaly(record.data().asByteArray(), observed);
                        }
                        iterators.set(i, r.nextShardIterator());
                    }
                    Thread.sleep(ANOMALY_POLL_MS); // polling the stream is the measurement
                }
            }
        }

        private void onAnomaly(byte[] data, long observed) {
            DecodeResult d = WireCodec.decode(data, observed);
            if (!d.isAnomaly()) {
                LOG.warn("not an anomaly on the anomalies stream: {}", d.rejection());
                unexpectedAnomalies.incrementAndGet();
                return;
            }
            Anomaly a = d.anomaly();
            if (a.getId().startsWith(AlertMailPath.PROBE_ID_PREFIX)) {
                return; // the alerts path's warm-up probe, put by this harness
            }
            if (anomaliesSeen.putIfAbsent(a.getId(), observed) != null) {
                duplicateAnomalies.incrementAndGet(); // at-least-once: a redelivery of the same id
                return;
            }
            int symbol = indexOf(a.getSymbol());
            boolean planted = a.getRule() == AnomalyRule.VOLUME_SURGE && symbol >= 0
                    && surges.getOrDefault(a.getBarStart(), Set.of()).contains(symbol);
            if (planted) {
                surgeSeen.putIfAbsent(new BarKey(symbol, a.getBarStart()), observed);
                surgeIds.putIfAbsent(new BarKey(symbol, a.getBarStart()), a.getId());
            } else {
                unexpectedAnomalies.incrementAndGet();
                LOG.info("anomaly not planted: {} {} {} {}", a.getSymbol(), a.getRule(), TradingCalendar.formatIst(a.getBarStart()),
                        a.getMessage());
            }
        }

        private int indexOf(String symbol) {
            for (int i = 0; i < symbols.length; i++) {
                if (symbols[i].equals(symbol)) {
                    return i;
                }
            }
            return -1;
        }

        // ---- alert mails --------------------------------------------------------------------

        private void pollMail() throws Exception {
            while (observing) {
                alerts.poll();
                Thread.sleep(ANOMALY_POLL_MS); // polling the inbox is the measurement
            }
        }

        // ---- baselines ----------------------------------------------------------------------

        /** Once a second: a tick-sized record through a 1-shard stream, and a bar-sized item through a table. */
        private void probe() throws Exception {
            try (KinesisClient kinesis = Kinesalite.newClient(stack.kinesis().endpoint());
                 DynamoDbClient dynamo = DynamoDbLocal.newClient(stack.dynamo().endpoint())) {
                String shard = kinesis.listShards(b -> b.streamName(PROBE)).shards().get(0).shardId();
                String iterator = kinesis.getShardIterator(b -> b.streamName(PROBE).shardId(shard)
                        .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
                long start = System.currentTimeMillis() + 500; // half a second off the producer's heartbeat grid
                for (long n = 0; observing; n++) {
                    long sleep = start + n * 1_000 - System.currentTimeMillis();
                    if (sleep > 0) {
                        Thread.sleep(sleep); // one probe a second
                    }
                    long now = System.currentTimeMillis();
                    boolean measured = now >= firstMeasured && now < measuredEnd;
                    // Kinesis: PutRecords, then GetRecords until it is there.
                    byte[] data = WireCodec.encode(new Tick("NSE:PROBE-EQ", now, 1234.5, 1_234_567, 1233.25, 1230, 1240.5,
                            1228.05, 1229.9, 1234.45, 1234.5));
                    long t0 = System.nanoTime();
                    PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(PROBE).records(
                            PutRecordsRequestEntry.builder().partitionKey("probe").data(SdkBytes.fromByteArrayUnsafe(data)).build()));
                    String seq = put.records().get(0).sequenceNumber();
                    boolean found = false;
                    while (!found && observing) {
                        String it = iterator;
                        GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(it));
                        iterator = r.nextShardIterator();
                        for (Record record : r.records()) {
                            found |= record.sequenceNumber().equals(seq);
                        }
                        if (!found) {
                            Thread.sleep(PROBE_POLL_MS); // polling for the probe record
                        }
                    }
                    if (found && measured) {
                        kinesisProbe.add((System.nanoTime() - t0) / 1_000_000);
                    }
                    // DynamoDB: PutItem, then GetItem (strongly consistent) until it is there.
                    Bar bar = new Bar("NSE:PROBE-EQ", Timeframe.M1, now, now + MINUTE, 1234.5, 1240.5, 1228.05, 1239.9, 1235.12,
                            12_345, 60, 0, false);
                    Map<String, AttributeValue> item = new HashMap<>(BarItem.toItem(bar));
                    Map<String, AttributeValue> key = Map.of(BarItem.PK, item.get(BarItem.PK), BarItem.SK, item.get(BarItem.SK));
                    t0 = System.nanoTime();
                    dynamo.putItem(b -> b.tableName(PROBE).item(item));
                    boolean there = false;
                    while (!there && observing) {
                        there = dynamo.getItem(b -> b.tableName(PROBE).key(key).consistentRead(true)).hasItem();
                    }
                    if (there && measured) {
                        dynamoProbe.add((System.nanoTime() - t0) / 1_000_000);
                    }
                }
            }
        }
    }

    static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    static String ms(long ms) {
        return ms == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d ms", ms);
    }

    // ---- results ------------------------------------------------------------------------------

    static final class Result {
        final List<Long> live;
        final List<Long> finals;
        final List<Long> complete;
        final List<Long> anomalies;
        final List<Long> mails;
        final int mailsMissing;
        final int mailCount;
        final long kclWarmupMs;
        final long alertRecordsHandled;
        final List<Long> kinesis;
        final List<Long> dynamo;
        final List<Long> putCalls;
        final List<Long> pollRounds;
        final int liveMissing;
        final int finalsMissing;
        final int completeMissing;
        final int anomaliesMissing;
        final long unexpected;
        final long duplicates;
        final long finalMismatches;
        final long ticksSent;
        final long heartbeats;
        final long retries;
        final long errors;
        final int overGoal;
        final int overGoalNearEnd;
        final long firstMeasured;
        final long measuredEnd;

        Result(Run run) {
            this.live = run.live.sorted();
            List<Long> f = new ArrayList<>();
            List<Long> c = new ArrayList<>();
            int liveMissing = 0;
            int finalsMissing = 0;
            int completeMissing = 0;
            for (BarTrack b : run.bars.values()) {
                if (!b.measured || b.symbol >= run.o.sample) {
                    continue;
                }
                liveMissing += b.unseen();
                if (b.finalAt == Long.MIN_VALUE) {
                    finalsMissing++;
                } else {
                    f.add(b.finalAt - b.barEnd);
                }
                long completeAt = b.completeAt();
                if (completeAt == Long.MIN_VALUE) {
                    completeMissing++;
                } else {
                    c.add(completeAt - b.barEnd);
                }
            }
            Collections.sort(f);
            Collections.sort(c);
            this.finals = f;
            this.complete = c;
            List<Long> a = new ArrayList<>();
            int planted = 0;
            for (Map.Entry<Long, Set<Integer>> e : run.surges.entrySet()) {
                for (int symbol : e.getValue()) {
                    planted++;
                    Long seen = run.surgeSeen.get(new BarKey(symbol, e.getKey()));
                    if (seen != null) {
                        a.add(seen - (e.getKey() + MINUTE));
                    }
                }
            }
            Collections.sort(a);
            this.anomalies = a;
            List<Long> m = new ArrayList<>();
            for (Map.Entry<Long, Set<Integer>> e : run.surges.entrySet()) {
                for (int symbol : e.getValue()) {
                    String id = run.surgeIds.get(new BarKey(symbol, e.getKey()));
                    Long mailed = id == null ? null : run.alerts.firstMailContaining(id);
                    if (mailed != null) {
                        m.add(mailed - (e.getKey() + MINUTE));
                    }
                }
            }
            Collections.sort(m);
            this.mails = m;
            this.mailsMissing = planted - m.size();
            this.mailCount = run.alerts.mails();
            this.kclWarmupMs = run.kclWarmupMs;
            this.alertRecordsHandled = run.alerts.recordsHandled();
            this.liveMissing = liveMissing;
            this.finalsMissing = finalsMissing;
            this.completeMissing = completeMissing;
            this.anomaliesMissing = planted - a.size();
            this.kinesis = run.kinesisProbe.sorted();
            this.dynamo = run.dynamoProbe.sorted();
            this.putCalls = run.putCalls.sorted();
            this.pollRounds = run.pollRounds.sorted();
            this.unexpected = run.unexpectedAnomalies.get();
            this.duplicates = run.duplicateAnomalies.get();
            this.finalMismatches = run.finalMismatches.get();
            this.ticksSent = run.ticksSent.get();
            this.heartbeats = run.heartbeatsSent.get();
            this.retries = run.putRetries.get();
            this.errors = run.errors.get();
            synchronized (run.overGoal) {
                this.overGoal = run.overGoal.size();
                this.overGoalNearEnd = (int) run.overGoal.stream().filter(x -> x[1] <= 2_000).count();
            }
            this.firstMeasured = run.firstMeasured;
            this.measuredEnd = run.measuredEnd;
        }

        void print(Options o) {
            System.out.println();
            System.out.printf(Locale.ROOT, "LatencyBench: measured minutes %s-%s IST; %,d ticks and %,d heartbeats put in all"
                    + " (%,d entries retried); p99 = nearest rank%n", HMS.format(Instant.ofEpochMilli(firstMeasured)),
                    HMS.format(Instant.ofEpochMilli(measuredEnd)), ticksSent, heartbeats, retries);
            String header = String.format(Locale.ROOT, "%-50s | %6s | %7s | %8s | %8s | %8s | %-13s | %s",
                    "figure", "n", "missing", "p50 ms", "p99 ms", "max ms", "goal", "met");
            System.out.println(header);
            System.out.println(header.replaceAll("[^|]", "-"));
            row("tick -> live bar in DynamoDB (<sym>#1m#live)", live, liveMissing, "p99 < 1500 ms", LIVE_GOAL_MS);
            row("minute end -> final 1m bar in DynamoDB (<sym>#1m)", finals, finalsMissing, "p99 < 3000 ms", MINUTE_END_GOAL_MS);
            row("minute end -> VOLUME_SURGE on anomalies stream", anomalies, anomaliesMissing, "p99 < 3000 ms", MINUTE_END_GOAL_MS);
            row("minute end -> VOLUME_SURGE alert email received", mails, mailsMissing, "-", -1);
            row("minute end -> live item holds the whole minute", complete, completeMissing, "-", -1);
            row("baseline: kinesalite PutRecords -> GetRecords", kinesis, 0, "-", -1);
            row("baseline: DynamoDB Local PutItem -> GetItem", dynamo, 0, "-", -1);
            System.out.println();
            long wait = o.outOfOrdernessMs + o.allowedLatenessMs;
            System.out.printf(Locale.ROOT, "configured waits: a 1m bar is final when the watermark passes its end + the allowed"
                    + " lateness, and the watermark trails the newest event time by the out-of-orderness bound, so the minute-end"
                    + " figures hold %,d ms (out-of-orderness) + %,d ms (allowed lateness) = %,d ms by configuration, plus up to"
                    + " 1 s of heartbeat spacing; beyond those %,d ms: final bar p50 %s / p99 %s, anomaly p50 %s / p99 %s.%n",
                    o.outOfOrdernessMs, o.allowedLatenessMs, wait, wait, minus(finals, 0.5, wait), minus(finals, 0.99, wait),
                    minus(anomalies, 0.5, wait), minus(anomalies, 0.99, wait));
            System.out.printf(Locale.ROOT, "live path waits: GetRecords every %d ms per shard, live bar at most every %d ms per symbol,"
                    + " DynamoDB sink buffer up to 250 ms, this poll every %d ms (BatchGetItem p50 %s, p99 %s); PutRecords calls"
                    + " p50 %s, p99 %s.%n", o.getRecordsMs, o.liveUpdateMs, o.pollMs,
                    ms(Samples.percentile(pollRounds, 0.5)), ms(Samples.percentile(pollRounds, 0.99)),
                    ms(Samples.percentile(putCalls, 0.5)), ms(Samples.percentile(putCalls, 0.99)));
            System.out.printf(Locale.ROOT, "live ticks over %,d ms: %,d of %,d, of which %,d sent in the last 2 s of their minute"
                    + " (shown only when the bar closes, if the next minute's live update took their turn).%n",
                    LIVE_GOAL_MS, overGoal, live.size(), overGoalNearEnd);
            System.out.printf(Locale.ROOT, "alert mails: KCL (polling every 200 ms, as the demo) -> AlertsHandler (de-dup in"
                    + " DynamoDB Local, digest above %d new anomalies a batch) -> SMTP (GreenMail, inbox polled every %d ms);"
                    + " %d mails in all including the warm-up probe, %,d records handled; KCL warm-up (probe put -> mailed,"
                    + " before the job started, not in the figures) %,d ms; beyond the anomaly's own p50/p99, the mail"
                    + " took p50 %s / p99 %s more.%n", AlertMailPath.DIGEST_THRESHOLD, ANOMALY_POLL_MS, mailCount, alertRecordsHandled, kclWarmupMs,
                    diff(mails, anomalies, 0.5), diff(mails, anomalies, 0.99));
            System.out.printf(Locale.ROOT, "final bars whose tickCount differed from the ticks sent: %d; anomalies not planted: %d;"
                    + " redelivered anomalies: %d; observer errors: %d%n", finalMismatches, unexpected, duplicates, errors);
        }

        private static String diff(List<Long> later, List<Long> earlier, double q) {
            long a = Samples.percentile(later, q);
            long b = Samples.percentile(earlier, q);
            return a == Long.MIN_VALUE || b == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d ms", a - b);
        }

        private static String minus(List<Long> sorted, double q, long wait) {
            long v = Samples.percentile(sorted, q);
            return v == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d ms", v - wait);
        }

        private static void row(String figure, List<Long> sorted, int missing, String goal, long limit) {
            long p99 = Samples.percentile(sorted, 0.99);
            String met = limit < 0 ? "-" : sorted.isEmpty() ? "no data" : p99 < limit && missing == 0 ? "yes" : "NO";
            System.out.printf(Locale.ROOT, "%-50s | %,6d | %,7d | %8s | %8s | %8s | %-13s | %s%n", figure, sorted.size(), missing,
                    num(Samples.percentile(sorted, 0.5)), num(p99), num(sorted.isEmpty() ? Long.MIN_VALUE : sorted.get(sorted.size() - 1)),
                    goal, met);
        }

        private static String num(long v) {
            return v == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d", v);
        }
    }
}
