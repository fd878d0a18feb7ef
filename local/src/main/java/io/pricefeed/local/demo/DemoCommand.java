package io.pricefeed.local.demo;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.dashboard.DashboardServer;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.LocalAwsStack;
import io.pricefeed.standins.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code ./pricefeed demo}: the whole pipeline on a simulated trading day, with one live progress
 * line and a closing summary. Ctrl-C ends the session early, with the same ordered shutdown.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline locally on a simulated NSE session: kinesalite, DynamoDB Local, "
                + "an SMTP server, fyers-sim, the producer, the Flink job (lake under <data-dir>/lake) and the "
                + "alerts runner. Logs go to <data-dir>/logs; Ctrl-C stops early and still flushes everything."})
public final class DemoCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DemoCommand.class);
    private static final Duration INTERACTIVE_REFRESH = Duration.ofSeconds(1);
    private static final Duration PLAIN_REFRESH = Duration.ofSeconds(10);
    private static final Duration LAG_SAMPLE = Duration.ofSeconds(1);

    @Spec
    private CommandSpec spec;

    static final class SymbolChoice {
        @Option(names = "--symbols", paramLabel = "N",
                description = "simulate the first N NIFTY 50 names, then synthetic ones (default 50)")
        Integer count;

        @Option(names = "--symbols-file", paramLabel = "FILE",
                description = "simulate these symbols instead: one per line (NSE:SBIN-EQ), '#' starts a comment")
        Path file;
    }

    @ArgGroup(exclusive = true)
    private SymbolChoice symbols = new SymbolChoice();

    @Option(names = "--speed", description = "simulated seconds per real second (default ${DEFAULT-VALUE})")
    private double speed = DemoSettings.DEFAULT_SPEED;

    @Option(names = "--minutes", paramLabel = "N", description = "stop after N simulated minutes (default: at the 15:30 close)")
    private Integer minutes;

    @Option(names = "--start", paramLabel = "yyyy-MM-ddTHH:mm",
            description = "simulated start, IST (default: 09:14 of the last trading day before today)")
    private String start;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "lake, logs, mails and state (default ${DEFAULT-VALUE})")
    private Path dataDir = Path.of("data");

    @Option(names = "--faults", description = "make fyers-sim fail some calls (5xx, HTML pages, truncated and slow replies) to watch recovery")
    private boolean faults;

    @Option(names = "--keep-running", description = "leave kinesalite and DynamoDB Local up after the session for 'bars'; Ctrl-C stops them")
    private boolean keepRunning;

    @Option(names = "--kinesis-port", description = "kinesalite port (default ${DEFAULT-VALUE})")
    private int kinesisPort = LocalAwsStack.DEFAULT_KINESIS_PORT;


    @Option(names = "--dynamodb-port", description = "DynamoDB Local port (default ${DEFAULT-VALUE})")
    private int dynamoPort = LocalAwsStack.DEFAULT_DYNAMODB_PORT;

    @Option(names = "--dashboard-port", description = "the dashboard's port on 127.0.0.1 (default ${DEFAULT-VALUE})")
    private int dashboardPort = DashboardServer.DEFAULT_PORT;

    @Option(names = "--parallelism", description = "Flink job parallelism (default ${DEFAULT-VALUE})")
    private int parallelism = 2;

    @Option(names = "--seed", description = "the simulated market's seed (default ${DEFAULT-VALUE})")
    private long seed = DemoSettings.DEFAULT_SEED;

    /** Set by Ctrl-C; the main thread then ends the session and shuts down in order. */
    private volatile boolean stopRequested;

    @Override
    public Integer call() throws Exception {
        DemoSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        boolean interactive = System.console() != null;
        // Ctrl-C (and TERM) end the session through the ordered shutdown on this thread. As JVM
        // shutdown hooks they would run concurrently with Flink's and the stand-ins' own hooks,
        // which tear down what the drain still needs. A second Ctrl-C stops at once.
        SignalHandler onStop = signal -> {
            if (stopRequested) {
                System.err.println(System.lineSeparator() + "pricefeed: stopping at once (the last bars may be lost)");
                System.exit(130);
            }
            stopRequested = true;
        };
        SignalHandler previousInt = Signal.handle(new Signal("INT"), onStop);
        SignalHandler previousTerm = Signal.handle(new Signal("TERM"), onStop);
        try (InstanceLock lock = InstanceLock.acquire(settings.dataDir())) {
            // Checked before anything starts, so a taken port is one clear line, not a half-started stack.
            Ports.claim(settings.kinesisPort(), "kinesalite");
            Ports.claim(settings.dynamoPort(), "DynamoDB Local");
            Ports.claim(settings.dashboardPort(), "dashboard");
            return run(settings, out, interactive);
        } finally {
            Signal.handle(new Signal("INT"), previousInt);
            Signal.handle(new Signal("TERM"), previousTerm);
        }
    }

    private int run(DemoSettings settings, PrintWriter out, boolean interactive) throws Exception {
        long t0 = System.nanoTime();
        out.printf("Pricefeed demo: %d symbols, %s IST at %.0fx; logs in %s%n", settings.symbols().size(),
                DemoClock.formatDay(settings.start().toEpochMilli()), settings.speed(), settings.logDir());
        if (settings.end().isAfter(Instant.now())) {
            throw new IllegalArgumentException("--start: the simulated session would run past the present, and the job "
                    + "rejects ticks from the future; choose an earlier day");
        }
        if (settings.start().isBefore(Instant.now().minus(Duration.ofDays(30)))) {
            say(out, "note: this day is over 30 days old, so DynamoDB Local's TTL sweep deletes its 1m (and after "
                    + "90 days its 5m) bars from the bars table as it goes; the lake keeps them all");
        }
        out.flush();
        try (LocalPipeline pipeline = LocalPipeline.start(settings, line -> say(out, line))) {
            say(out, "dashboard: " + pipeline.dashboardUrl() + " (live candlesticks; open it in a browser)");
            say(out, "running until " + DemoClock.format(settings.end().toEpochMilli()) + " IST simulated; Ctrl-C stops early");
            PipelineSnapshot previous = pipeline.snapshot();
            long lastPrinted = 0;
            long lastSampled = 0;
            long maxLagRealMs = -1;
            Duration refresh = interactive ? INTERACTIVE_REFRESH : PLAIN_REFRESH;
            while (!stopRequested && pipeline.simulatedNow() < settings.end().toEpochMilli()) {
                Thread.sleep(200); // the progress line's refresh tick
                boolean print = System.nanoTime() - lastPrinted >= refresh.toNanos();
                if (!print && System.nanoTime() - lastSampled < LAG_SAMPLE.toNanos()) {
                    continue;
                }
                // The lag is sampled every second even when the line is printed every 10 s, so the
                // summary's largest lag does not depend on the terminal.
                PipelineSnapshot now = pipeline.snapshot();
                lastSampled = System.nanoTime();
                maxLagRealMs = Math.max(maxLagRealMs, now.watermarkLagRealMs(settings.speed()));
                if (print) {
                    String line = ProgressLine.of(previous, now, settings.speed());
                    if (interactive) {
                        out.print("\r" + line + "\u001B[K");
                    } else {
                        out.println(line);
                    }
                    out.flush();
                    previous = now;
                    lastPrinted = System.nanoTime();
                }
            }
            if (interactive) {
                out.println();
            }
            boolean interrupted = stopRequested;
            long sessionEnd = Math.min(pipeline.simulatedNow(), settings.end().toEpochMilli());
            say(out, interrupted ? "stopping early, in order (Ctrl-C again stops at once)" : "the session is over; shutting down in order");
            PipelineSnapshot last = pipeline.finish(line -> say(out, line));
            List<String> coverage = coverage(settings, sessionEnd, maxLagRealMs);
            out.print(DemoSummary.render(settings, last, sessionEnd, Duration.ofNanos(System.nanoTime() - t0), interrupted,
                    coverage));
            out.flush();
            if (settings.keepRunning() && !stopRequested) {
                out.printf("%nkinesalite %s, DynamoDB Local %s and the dashboard %s keep running; Ctrl-C stops them.%n",
                        pipeline.stack().kinesis().endpoint(), pipeline.stack().dynamo().endpoint(), pipeline.dashboardUrl());
                out.flush();
                while (!stopRequested) {
                    Thread.sleep(200); // waiting for Ctrl-C
                }
            }
        }
        say(out, "all stopped");
        return 0;
    }

    /** The summary's coverage lines, read back from the drained lake. */
    private static List<String> coverage(DemoSettings settings, long sessionEnd, long maxLagRealMs) {
        try (LakeQueryEngine lake = LakeQueryEngine.open(settings.lakeDir())) {
            return DemoCoverage.read(lake, settings, sessionEnd, maxLagRealMs).lines();
        } catch (RuntimeException e) {
            LOG.warn("could not read the demo's coverage from the lake", e);
            return List.of("  WARNING: coverage unknown: the lake could not be read (" + e.getMessage() + ")");
        }
    }

    private static void say(PrintWriter out, String line) {
        out.println("pricefeed: " + line);
        out.flush();
    }

    /** Asks a running demo to end its session early, as Ctrl-C does (for tests and embedding). */
    public void stop() {
        stopRequested = true;
    }

    DemoSettings settings() throws IOException {
        List<String> names;
        if (symbols.file != null) {
            names = readSymbols(symbols.file);
        } else {
            int count = symbols.count == null ? DemoSettings.DEFAULT_SYMBOLS : symbols.count;
            if (count < 1 || count > 10_000) {
                throw new IllegalArgumentException("--symbols must be between 1 and 10000, got " + count);
            }
            SymbolUniverse nifty = SymbolUniverse.nifty50();
            names = new ArrayList<>(nifty.names().subList(0, Math.min(count, nifty.size())));
            if (count > nifty.size()) {
                names.addAll(SymbolUniverse.synthetic(count - nifty.size(), seed).names());
            }
        }
        Instant startAt = DemoSettings.defaultStart(TradingCalendar.nse(), Clock.systemUTC());
        if (start != null) {
            try {
                startAt = SimClock.ist(start);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--start: cannot read '" + start + "' as yyyy-MM-ddTHH:mm (IST)");
            }
        }
        if (dashboardPort < 1 || dashboardPort > 65_535) {
            throw new IllegalArgumentException("--dashboard-port must be between 1 and 65535, got " + dashboardPort);
        }
        return new DemoSettings(names, startAt, speed, minutes, dataDir, faults, keepRunning, kinesisPort,
                dynamoPort, dashboardPort, DemoSettings.DEFAULT_TICK_SHARDS, parallelism, seed);
    }

    private static List<String> readSymbols(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("--symbols-file: cannot read " + file);
        }
        List<String> names = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            String s = line.replaceAll("#.*", "").trim();
            if (s.isEmpty()) {
                continue;
            }
            if (!ProducerConfig.isFyersSymbol(s)) {
                throw new IllegalArgumentException("--symbols-file " + file + " line " + lineNo
                        + ": '" + s + "' is not an NSE symbol such as NSE:SBIN-EQ");
            }
            if (!names.contains(s)) {
                names.add(s);
            }
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("--symbols-file " + file + " lists no symbols");
        }
        return names;
    }
}
