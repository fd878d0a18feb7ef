package io.pricefeed.bench.latency;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.local.LocalJob;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.standins.LocalAwsStack;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * End-to-end latency of the running job on the local stack: kinesalite and DynamoDB Local
 * ({@link LocalAwsStack}, random ports) and the real job ({@link LocalJob}: Kinesis source, lake,
 * DynamoDB and anomalies sinks) in this JVM, with this harness as the producer. Goals: a tick shows in
 * its live bar within 1.5 s (p99); the final 1m bar and a bar anomaly are out within 3 s of the minute's
 * end (p99). All times are this machine's wall clock, the clock the event times come from.
 *
 * <p>The data flow: the {@link AlertMailPath} starts first and is warmed up (KCL's first lease is kept out
 * of the figures); then the job runs, and the {@link RunPlan} fixes the measured minutes and the planted
 * surges. The {@link LoadGenerator} puts ticks and heartbeats into {@code ticks} and notes every tick in
 * {@link SentTicks}; the observers read what came out: the {@link BarTableWatcher} (live and final items in
 * DynamoDB), the {@link AnomalyStreamReader} ({@code anomalies}), the alert mails' inbox, and the
 * {@link BaselineProbe} (the stand-ins' own round trips). The {@link ProgressMonitor} decides when the run
 * is over; the job is drained, and the {@link LatencyReport} prints the figures against the goals.
 *
 * <p>Needs a live NSE session: the job only makes bars from ticks inside [09:15, 15:30) IST on a trading
 * day, and the event times here are now. It refuses to start when the run would not fit.
 */
@Command(name = "LatencyBench", mixinStandardHelpOptions = true,
        description = {"End-to-end latency of the job on the local stack: tick -> live bar in DynamoDB, minute end ->"
                + " final 1m bar / anomaly on the stream / alert email, beside kinesalite and DynamoDB Local round trips.",
                "Needs a live NSE session (09:16-15:30 IST on a trading day); outside one it exits with status 2."})
public final class LatencyBench implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(LatencyBench.class);

    /** The connector's shaded SDK v1 warns on stderr through java.util.logging that JAXB is missing; held so it stays quiet. */
    private static final java.util.logging.Logger SHADED_SDK_BASE64 =
            java.util.logging.Logger.getLogger("org.apache.flink.kinesis.shaded.com.amazonaws.util.Base64");
    /**
     * DynamoDB Local's SQLite layer warns on stderr (java.util.logging), with a stack trace each, when KCL 3
     * writes lease items carrying a lease-table index attribute it did not create a column for; KCL still
     * takes its leases (the warm-up probe proves it). Held at SEVERE so the progress lines stay readable.
     */
    private static final java.util.logging.Logger DYNAMODB_LOCAL_SQLITE = java.util.logging.Logger.getLogger("com.almworks.sqlite4java");

    @Spec
    private CommandSpec spec;

    @Mixin
    private LatencyOptions o = new LatencyOptions();

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new LatencyBench());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            LOG.error("LatencyBench failed", e);
            System.err.println("LatencyBench failed: " + e + " (details in data/logs/bench.log)");
            return 1;
        });
        int code = cli.execute(args);
        System.out.flush();
        System.exit(code); // the SDK clients and Flink leave non-daemon threads behind
    }

    @Override
    public Integer call() throws Exception {
        o.validate(spec);
        SHADED_SDK_BASE64.setLevel(java.util.logging.Level.SEVERE);
        DYNAMODB_LOCAL_SQLITE.setLevel(java.util.logging.Level.SEVERE);
        long now = System.currentTimeMillis();
        if (!inSession(now)) {
            return 2;
        }
        System.out.printf(Locale.ROOT, "LatencyBench: %d symbols, %.1f ticks/s, %d shards, job parallelism %d, %d measured"
                + " minute(s) after a warm-up of at least %d s; live items of %d symbol(s) polled every %d ms;"
                + " %d planted volume surge(s) a minute%n", o.symbols, o.rate(), o.shards, o.parallelism, o.minutes,
                o.warmupSeconds, o.sample(), o.pollMs, o.surges);
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
        LatencyReport report;
        List<Long> nodePids;
        long t0 = System.nanoTime();
        try (LocalAwsStack stack = LocalAwsStack.start(0, 0, o.shards, logDir)) {
            nodePids = stack.kinesis().pids();
            System.out.printf(Locale.ROOT, "stand-ins up in %.1f s: kinesalite %s, DynamoDB Local %s (logs in %s)%n",
                    (System.nanoTime() - t0) / 1e9, stack.kinesis().endpoint(), stack.dynamo().endpoint(), logDir);
            BaselineProbe.createResources(stack);
            report = new LatencyReport(o, measure(stack, work));
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
        report.print();
        System.out.printf(Locale.ROOT, "%nload average %.2f at the end (a shared 2-core machine moves these figures:"
                + " compare the rows of one run)%n", loadAverage());
        return 0;
    }

    /** Whether the whole run fits in today's session; if not, says so on stderr. */
    private boolean inSession(long now) {
        TradingCalendar calendar = TradingCalendar.nse();
        // About 30 s to start the stand-ins and the job, then the warm-up up to a minute boundary.
        long runEnd = RunPlan.ceilMinute(now + 30_000 + o.warmupSeconds * 1000L) + o.minutes * RunPlan.MINUTE
                + o.outOfOrdernessMs + o.allowedLatenessMs + ProgressMonitor.TAIL_GRACE_MS + 60_000;
        LocalDate today = TradingCalendar.tradeDate(now);
        if (calendar.isTradingDay(today) && now >= TradingCalendar.sessionOpen(today) + RunPlan.MINUTE
                && runEnd < TradingCalendar.sessionClose(today)) {
            return true;
        }
        System.err.printf(Locale.ROOT, "LatencyBench: the run needs a live NSE session (09:16-15:30 IST on a trading day)"
                + " until about %s IST; it is %s IST on %s (%s). The job makes bars only from session ticks, and the"
                + " event times here are now.%n", RunPlan.hms(runEnd), RunPlan.hms(now), today,
                calendar.isTradingDay(today) ? "a trading day" : "no trading day");
        return false;
    }

    /**
     * The alerts path (warmed up), then the job; once it runs, the load and the observers until the
     * {@link ProgressMonitor} says the run is over; then the job is drained. Returns once the job and the
     * alerts path are shut down.
     */
    private MeasuredRun measure(LocalAwsStack stack, Path work) throws Exception {
        URI kinesis = stack.kinesis().endpoint();
        URI dynamo = stack.dynamo().endpoint();
        JobConfig config = o.jobConfig(kinesis, dynamo, work.resolve("lake"));
        LOG.info("job config: {}", config);
        // The alerts path first, and its warm-up out of the way before the job starts: KCL takes its
        // first lease 10-30 s after start, which no measured minute should pay.
        long a0 = System.nanoTime();
        try (AlertMailPath alerts = AlertMailPath.start(stack)) {
            long kclWarmupMs = alerts.awaitFirstMail(Duration.ofSeconds(180));
            System.out.printf(Locale.ROOT, "alerts path up: KCL consumer + AlertsHandler + GreenMail SMTP; the warm-up probe"
                    + " anomaly was mailed %,d ms after it was put (KCL's first lease; excluded: the job starts only now)%n",
                    kclWarmupMs);
            System.out.printf(Locale.ROOT, "(alerts path start-up in all: %.1f s)%n", (System.nanoTime() - a0) / 1e9);
            long t0 = System.nanoTime();
            LocalJob job = LocalJob.start(config, o.parallelism, work.resolve("state").toAbsolutePath());
            try {
                awaitRunning(job);
                RunPlan plan = RunPlan.of(o.symbols, System.currentTimeMillis(), o.warmupSeconds, o.minutes, o.surges);
                System.out.printf(Locale.ROOT, "job RUNNING in %.1f s; producing from %s, measuring the minutes %s-%s IST%n",
                        (System.nanoTime() - t0) / 1e9, RunPlan.hms(plan.productionStart()), RunPlan.hms(plan.firstMeasured()),
                        RunPlan.hms(plan.measuredEnd()));
                SentTicks sent = new SentTicks(plan);
                LoadGenerator load = new LoadGenerator(kinesis, plan, sent, o.rate(), o.seed);
                BarTableWatcher table = new BarTableWatcher(dynamo, plan, sent, o.sample(), o.pollMs);
                AnomalyStreamReader anomalies = new AnomalyStreamReader(kinesis, plan);
                BaselineProbe baselines = new BaselineProbe(kinesis, dynamo, plan);
                try (Workers workers = new Workers()) {
                    workers.start("producer", load::run);
                    workers.start("live-poller", table::run);
                    workers.start("anomaly-reader", anomalies::run);
                    workers.start("probe", baselines::run);
                    workers.start("mail-poller", alerts::pollWhile);
                    new ProgressMonitor(plan, sent, load, table, anomalies, alerts, o.outOfOrdernessMs + o.allowedLatenessMs)
                            .awaitEnd(job);
                    workers.stopAndJoin(10_000);
                    System.out.println("draining the job (stop with savepoint, drain)...");
                    long drainStart = System.nanoTime();
                    job.drain(Duration.ofSeconds(120));
                    System.out.printf(Locale.ROOT, "job drained in %.1f s%n", (System.nanoTime() - drainStart) / 1e9);
                    return new MeasuredRun(plan, sent, load, table, anomalies, alerts, kclWarmupMs, baselines, workers);
                }
            } finally {
                job.close(); // after a drain, nothing left to do; otherwise a cancel
            }
        }
    }

    private static void awaitRunning(LocalJob job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (job.status() != JobStatus.RUNNING) {
            if (job.status().isGloballyTerminalState() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the job did not start: " + job.status());
            }
            Thread.sleep(100); // polling the job's status for RUNNING
        }
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
}
