package io.pricefeed.local.backfill;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.local.options.DynamoDbOptions;
import io.pricefeed.local.options.DynamoDbTarget;
import io.pricefeed.local.options.ProducerConfigOption;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.history.FetchProgress;
import io.pricefeed.producer.history.HistoryFetch;
import io.pricefeed.producer.history.HistoryStage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ./pricefeed backfill}: Fyers history into the lake and DynamoDB. Parses flags and wires
 * the producer's fetch stage to the Flink load stage ({@link BackfillRun}).
 */
@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Fetch past days from the Fyers history API and load them as bars into the lake (bars/) and DynamoDB,",
                "through the Flink job in batch mode, so 5m, 15m, 1h and 1d bars come from the same code as live ones.",
                "Minute history (--resolution 1) gives every timeframe; daily history (D) gives 1d bars only.",
                "History has no vwap or tick count: vwap is null and tick_count 0 on backfilled bars.",
                "Only completed sessions are fetched. A (symbol, day) that already has bars in the lake is left alone",
                "unless --replace; running the same backfill twice changes nothing. Each fetched (symbol, chunk) is",
                "kept under --staging, so an interrupted backfill resumes where it stopped (delete it to fetch again).",
                "Examples:",
                "  ./pricefeed backfill --config producer.json --symbols NSE:SBIN-EQ,NSE:INFY-EQ --from 2026-01-01 --to 2026-03-31",
                "  ./pricefeed backfill --config producer.json --symbols nifty50.txt --from 2025-01-01 --to 2025-12-31 --resolution D --json"})
public final class BackfillCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;
    @Mixin
    private ProducerConfigOption config;

    @Option(names = "--symbols", required = true, paramLabel = "LIST|FILE",
            description = "comma-separated symbols (NSE:SBIN-EQ,...) or a file with one per line (# comments)")
    private String symbols;

    @Option(names = "--from", required = true, paramLabel = "yyyy-MM-dd", description = "first day (IST), inclusive")
    private String from;

    @Option(names = "--to", required = true, paramLabel = "yyyy-MM-dd",
            description = "last day (IST), inclusive; cut to the last session that has closed")
    private String to;

    @Option(names = "--resolution", paramLabel = "1|D", description = "1 (minute candles) or D (daily); default ${DEFAULT-VALUE}")
    private String resolution = "1";

    @Option(names = "--replace", description = "replace days that already have bars (their lake rows are rewritten)")
    private boolean replace;

    @Option(names = "--json", description = "print one JSON summary at the end instead of the progress bar and text")
    private boolean json;

    @Option(names = "--lake", paramLabel = "DIR", description = "the local lake folder (default ${DEFAULT-VALUE})")
    private Path lake = Path.of("data", "lake");

    @Option(names = "--staging", paramLabel = "DIR", description = "fetched chunks, the resumable progress (default ${DEFAULT-VALUE})")
    private Path staging = Path.of("data", "backfill");

    @CommandLine.Mixin
    private DynamoDbOptions dynamoDb = new DynamoDbOptions();

    @Option(names = "--no-dynamodb", description = "write the lake only")
    private boolean noDynamoDb;

    @Option(names = "--parallelism", paramLabel = "N", description = "Flink task slots (default: processors, here ${DEFAULT-VALUE})")
    private int parallelism = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        String res = "1D".equals(resolution) ? "D" : resolution;
        if (!"1".equals(res) && !"D".equals(res)) {
            throw bad("--resolution must be 1 or D, got '" + resolution + "'");
        }
        LocalDate first = date("--from", from);
        LocalDate last = date("--to", to);
        if (last.isBefore(first)) {
            throw bad("--to (" + last + ") is before --from (" + first + ")");
        }
        if (parallelism < 1) {
            throw bad("--parallelism must be at least 1, got " + parallelism);
        }
        List<String> list = symbolList(symbols);
        ProducerConfig producer = config.load(spec);
        HistoryStage stage = new HistoryStage(staging);
        HistoryFetch fetch = HistoryFetch.fromConfig(producer, stage, PacedClock.system(), TradingCalendar.nse(), System.getenv());
        BackfillRun.Settings settings = new BackfillRun.Settings(list, first, last, res, replace, lake.toAbsolutePath().normalize(),
                jobConfig(), !noDynamoDb, parallelism, Clock.systemUTC());
        BackfillReport report = run(new BackfillRun(settings, fetch, stage), fetch, out);
        out.println(json ? report.toJson() : report.toText().stripTrailing());
        out.flush();
        return 0;
    }

    /** Runs with the progress bar: redrawn in place on a terminal, a line every 10 s otherwise; none with --json. */
    private BackfillReport run(BackfillRun run, HistoryFetch fetch, PrintWriter out) throws Exception {
        FetchProgress progress = new FetchProgress();
        boolean tty = System.console() != null;
        Thread bar = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    String line = BackfillProgressLine.of(progress, fetch.calls(), fetch.rateLimitWaits());
                    out.print(tty ? "\r" + line + "\u001B[K" : line + System.lineSeparator());
                    out.flush();
                    Thread.sleep(tty ? 250 : 10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "backfill-progress");
        bar.setDaemon(true);
        if (!json) {
            bar.start();
        }
        try {
            return run.run(progress);
        } finally {
            bar.interrupt();
            bar.join();
            if (!json) {
                String line = BackfillProgressLine.of(progress, fetch.calls(), fetch.rateLimitWaits());
                out.println(tty ? "\r" + line + "\u001B[K" : line);
                out.flush();
            }
        }
    }

    private JobConfig jobConfig() {
        Map<String, Properties> groups = new java.util.HashMap<>();
        if (!noDynamoDb) {
            DynamoDbTarget target = dynamoDb.target();
            Properties kinesis = new Properties();
            kinesis.setProperty("region", target.region().id()); // the AWS region of every client of the job
            Properties dynamodb = new Properties();
            dynamodb.setProperty("endpoint", target.endpoint() == null ? "" : target.endpoint().toString());
            groups.put("kinesis", kinesis);
            groups.put("dynamodb", dynamodb);
        }
        return JobConfig.fromPropertyGroups(groups);
    }

    /** A list (a,b,c) or a file of one symbol per line; each checked like the producer checks its own. */
    static List<String> symbolList(String value) {
        List<String> raw = new ArrayList<>();
        Path file = Path.of(value);
        if (Files.isRegularFile(file)) {
            try {
                raw.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("--symbols: cannot read " + file, e);
            }
        } else {
            raw.addAll(List.of(value.split(",")));
        }
        Set<String> out = new LinkedHashSet<>();
        for (String s : raw) {
            String symbol = s.trim();
            if (symbol.isEmpty() || symbol.startsWith("#")) {
                continue;
            }
            if (!ProducerConfig.isFyersSymbol(symbol)) {
                throw new IllegalArgumentException("--symbols: '" + symbol + "' is not a Fyers symbol such as NSE:SBIN-EQ"
                        + (raw.size() == 1 && !value.contains(",") && value.contains("/") ? " (and no file " + value + " exists)" : ""));
            }
            out.add(symbol);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--symbols: no symbols in '" + value + "'");
        }
        return List.copyOf(out);
    }

    private static LocalDate date(String flag, String value) {
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw bad(flag + " must be a date yyyy-MM-dd, got '" + value + "'");
        }
    }

    /** One line ("pricefeed: ..."), like replay's errors, rather than picocli's message followed by the whole usage. */
    private static IllegalArgumentException bad(String message) {
        return new IllegalArgumentException(message);
    }
}
