package io.pricefeed.local.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.pricefeed.alerts.AlertDeduplicator;
import io.pricefeed.alerts.AlertsHandler;
import io.pricefeed.alerts.SmtpNotifier;
import io.pricefeed.dashboard.DashboardServer;
import io.pricefeed.flink.local.LocalJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.local.alerts.KclAlertsRunner;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.Producer;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersTokens;
import io.pricefeed.sim.FaultKind;
import io.pricefeed.sim.FaultPlan;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.MarketParameters;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.LocalAwsStack;
import io.pricefeed.standins.PipelineResources;
import io.pricefeed.standins.Ports;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline on one machine: kinesalite and DynamoDB Local, an SMTP server, fyers-sim,
 * the producer, the Flink job on a MiniCluster, the KCL alerts runner and the dashboard, started in that order
 * (each ready before the next) and stopped in the order that loses nothing: the producer flushes,
 * the job reads what was published and drains, the alerts runner mails what the job emitted.
 */
public final class LocalPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
    static final String ALERTS_APPLICATION = "pricefeed-demo-alerts";
    static final String MAIL_FROM = "pricefeed@localhost";
    static final String MAIL_TO = "trader@localhost";
    private static final int DIGEST_THRESHOLD = 5;
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    /**
     * A livelier market than an ordinary day, so that a short demo shows alerts: opening gaps
     * for about one symbol in five, a few price jumps and volume bursts per symbol and day.
     */
    public static final MarketParameters DEMO_MARKET = MarketParameters.DEFAULTS
            .withGapProbability(0.2).withJumpsPerDay(2).withBurstsPerDay(3);

    /**
     * Recoverable faults only: a Cloudflare 429 page would (rightly) make the producer pause for
     * the rest of the day, which is no demo.
     */
    static final FaultPlan DEMO_FAULTS = FaultPlan.NONE
            .withProbability(FaultKind.SERVER_ERROR, 0.03)
            .withProbability(FaultKind.HTML_PAGE, 0.01)
            .withProbability(FaultKind.TRUNCATED_JSON, 0.01)
            .withProbability(FaultKind.SLOW_RESPONSE, 0.01)
            .withSlowDelay(Duration.ofSeconds(3));

    private final DemoSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private LocalAwsStack stack;
    private GreenMail mail;
    private FyersSim sim;
    private Producer producer;
    private LocalJob job;
    private KclAlertsRunner alerts;
    private DashboardServer dashboard;
    private LocalJob.Progress finalProgress;
    private LocalJob.Progress lastProgress;
    private long emailsAtStop = -1;

    private LocalPipeline(DemoSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts every part, reporting each step to {@code steps}. If a part fails to start, the
     * parts already running are stopped again before the exception leaves.
     */
    public static LocalPipeline start(DemoSettings settings, Consumer<String> steps) throws Exception {
        LocalPipeline pipeline = new LocalPipeline(settings);
        try {
            pipeline.startAll(steps);
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.close();
            throw e;
        }
    }

    private void startAll(Consumer<String> steps) throws Exception {
        DemoFiles files = DemoFiles.prepare(settings);

        step(steps, "started kinesalite (streams ticks, anomalies) and DynamoDB Local (tables bars, alert-dedup)", () -> {
            stack = LocalAwsStack.start(settings.kinesisPort(), settings.dynamoPort(),
                    settings.tickShards(), settings.logDir());
            started.push(stack);
        });
        step(steps, "started SMTP server (GreenMail)", () -> {
            mail = new GreenMail(new ServerSetup(Ports.freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            mail.start();
            started.push(mail::stop);
        });
        SymbolUniverse universe = SymbolUniverse.named(settings.symbols(), settings.seed());
        step(steps, String.format("started fyers-sim (%d symbols, %s IST, %.0fx%s)", universe.size(),
                DemoClock.format(settings.start().toEpochMilli()), settings.speed(), settings.faults() ? ", faults on" : ""), () -> {
            sim = FyersSim.builder().port(0).seed(settings.seed()).symbols(universe).marketParameters(DEMO_MARKET)
                    .faults(settings.faults() ? DEMO_FAULTS : FaultPlan.NONE)
                    .clock(SimClock.accelerated(settings.start(), settings.speed()))
                    .build().start();
            started.push(sim);
        });
        step(steps, "started producer (" + settings.callsPerSimulatedMinute() + " quote calls per simulated minute)", () -> {
            new FileTokenStore(files.tokenFile()).save(FyersTokens.of(sim.issueAccessToken(), null));
            ProducerConfig config = ProducerConfig.load(files.writeProducerConfig(sim, stack));
            producer = Producer.builder(config).clock(PacedClock.scaled(sim.clock().asClock(), sim.clock().speed())).environment(Map.of()).build().start();
            started.push(producer);
        });
        step(steps, "started Flink job (MiniCluster, parallelism " + settings.parallelism() + ", lake " + settings.lakeDir() + ")", () -> {
            JobConfig config = JobConfig.fromJsonFile(files.writeJobConfig(stack));
            job = LocalJob.start(config, settings.parallelism(), files.flinkStateDir());
            started.push(job);
        });
        step(steps, "started alerts runner (KCL on stream anomalies, mails to " + settings.mailDir() + ")", () -> {
            AlertsHandler handler = new AlertsHandler(
                    new AlertDeduplicator(stack.dynamo().client(), PipelineResources.ALERT_DEDUP_TABLE, Duration.ofDays(7), Clock.systemUTC()),
                    new SmtpNotifier("127.0.0.1", mail.getSmtp().getPort(), MAIL_FROM, MAIL_TO, Optional.of(settings.mailDir())),
                    DIGEST_THRESHOLD, Clock.systemUTC());
            alerts = KclAlertsRunner.start(stack.kinesis().endpoint(), stack.dynamo().endpoint(),
                    PipelineResources.ANOMALIES_STREAM, ALERTS_APPLICATION, handler);
            started.push(alerts);
        });
        // Last: its bars come from DynamoDB Local and its anomalies from the job's lake.
        step(steps, "started the dashboard", () -> {
            dashboard = DashboardServer.start(DashboardServer.LOOPBACK, settings.dashboardPort(), stack.dynamo().client(),
                    PipelineResources.BARS_TABLE, settings.lakeDir());
            started.push(dashboard);
        });
    }

    /** A start-up or shutdown step that reports how long it took. */
    private interface Step {
        void run() throws Exception;
    }

    private static void step(Consumer<String> steps, String what, Step step) throws Exception {
        long t0 = System.nanoTime();
        step.run();
        String done = String.format("%s (%.1f s)", what, (System.nanoTime() - t0) / 1e9);
        LOG.info(done);
        steps.accept(done);
    }

    /** The simulated time now, epoch ms. */
    public long simulatedNow() {
        return sim.clock().now();
    }

    /** What every part has done so far. */
    public PipelineSnapshot snapshot() throws Exception {
        LocalJob.Progress p = finalProgress != null ? finalProgress : job.progress();
        lastProgress = p;
        return new PipelineSnapshot(System.nanoTime(), simulatedNow(), producer.metrics().quoteCallsOk.get(),
                producer.metrics().ticksPublished.get(), sim.stats().faultsTotal(), sim.stats().rateLimited(),
                p.ticks, p.rejects, p.finalMinuteBars, p.anomalies, p.eventTime, emails());
    }

    private long emails() {
        return emailsAtStop >= 0 ? emailsAtStop : mail.getReceivedMessages().length;
    }

    /**
     * Ends the session without losing anything: the producer stops and flushes; the job reads
     * what was published, then drains (every open bar final, the last files committed); the
     * alerts runner handles every anomaly. Then the sim, alerts runner and mail server stop;
     * the AWS stand-ins stay until {@link #close()}.
     *
     * @param progress told what the shutdown is waiting for
     */
    public PipelineSnapshot finish(Consumer<String> progress) throws Exception {
        step(progress, "stopped the producer (buffer flushed)", () -> {
            producer.close();
            started.remove(producer);
        });
        long published = producer.metrics().ticksPublished.get();
        awaitStep(progress, "the job read all " + published + " published ticks",
                "the job had not read every published tick; draining anyway", () -> {
                    LocalJob.Progress p = job.progress();
                    return p.ticks + p.rejects >= published;
                });
        try {
            step(progress, "drained the job (every bar final, last lake commit)", () -> finalProgress = job.drain(DRAIN_TIMEOUT));
        } catch (Exception e) {
            // The lake then holds what the last completed checkpoint committed; say so, and go on
            // stopping the rest in order rather than leaving it running.
            LOG.warn("the job could not drain", e);
            progress.accept("the job could not drain (" + e.getMessage() + "); the lake holds what its last "
                    + "checkpoint committed, the open bars were not finalised (see the log)");
            finalProgress = lastProgress;
            job.close();
        }
        started.remove(job);
        long anomalies = finalProgress.anomalies;
        awaitStep(progress, "the alerts runner handled all " + anomalies + " anomalies",
                "the alerts runner had not handled every anomaly; stopping anyway", () -> alerts.recordsHandled() >= anomalies);
        emailsAtStop = mail.getReceivedMessages().length;
        PipelineSnapshot last = snapshot();
        step(progress, "stopped the alerts runner, fyers-sim and the SMTP server", () -> {
            alerts.close();
            sim.close();
            mail.stop();
            started.clear();
            started.push(stack);
            // It shows the finished session's bars for as long as the stand-ins hold them.
            started.push(dashboard);
        });
        return last;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Waits up to {@link #CATCH_UP_TIMEOUT} for {@code check}, then reports which way it went. */
    private static void awaitStep(Consumer<String> progress, String done, String timedOut, Check check) throws Exception {
        long t0 = System.nanoTime();
        long deadline = t0 + CATCH_UP_TIMEOUT.toNanos();
        boolean holds;
        while (!(holds = check.holds()) && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling interval of a condition with no notification
        }
        String line = holds ? String.format("%s (%.1f s)", done, (System.nanoTime() - t0) / 1e9)
                : String.format("%s after %d s (see the log)", timedOut, CATCH_UP_TIMEOUT.toSeconds());
        if (holds) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        progress.accept(line);
    }

    /** The dashboard's page, up from the start until {@link #close()}. */
    public URI dashboardUrl() {
        return dashboard.url();
    }

    public LocalAwsStack stack() {
        return stack;
    }

    public DemoSettings settings() {
        return settings;
    }

    /** Stops whatever still runs, newest first; after {@link #finish} that is the AWS stand-ins. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", part, e.toString());
            } catch (Error e) {
                LOG.warn("stopping {} failed: {}", part, e.toString());
            }
        }
    }
}
