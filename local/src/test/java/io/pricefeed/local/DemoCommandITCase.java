package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pricefeed.local.demo.DemoCommand;
import io.pricefeed.local.demo.DemoSettings;
import io.pricefeed.local.demo.LocalPipeline;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.sim.MarketModel;
import io.pricefeed.sim.SimQuote;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.LocalAwsSettings;
import io.pricefeed.standins.Ports;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * {@code ./pricefeed demo} itself, end to end: 20 symbols for 20 simulated minutes from the open
 * at 60x, every part real (kinesalite, DynamoDB Local, GreenMail, fyers-sim, producer, Flink
 * MiniCluster, KCL). Afterwards the lake has a 1m bar for every symbol and minute with ticks,
 * DynamoDB holds exactly the lake's final bars, a planted gap open arrived as an email, the
 * summary's example queries run, and nothing the demo started is left running.
 */
class DemoCommandITCase extends CliTestBase {
    private static final int SYMBOLS = 20;
    private static final int MINUTES = 20;

    @TempDir
    Path dataDir;

    @Test
    void runsTheWholePipelineAndLeavesConsistentDataAndNoProcesses() throws Exception {
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        Instant start = DemoSettings.defaultStart(TradingCalendar.nse(), Clock.systemUTC());
        List<String> symbols = SymbolUniverse.nifty50().names().subList(0, SYMBOLS);
        Gap planted = plantedGap(symbols, start);
        int kinesisPort = Ports.freePort();
        int dynamoPort = Ports.freePort();
        int dashboardPort = Ports.freePort();
        CommandLine cli = PricefeedCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        DemoCommand demo = cli.getSubcommands().get("demo").getCommand();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("demo",
                "--symbols", Integer.toString(SYMBOLS), "--minutes", Integer.toString(MINUTES), "--speed", "60",
                "--start", START.format(start), "--seed", Long.toString(planted.seed),
                "--data-dir", dataDir.toString(), "--keep-running", "--kinesis-port", Integer.toString(kinesisPort),
                "--dynamodb-port", Integer.toString(dynamoPort),
                "--dashboard-port", Integer.toString(dashboardPort)));

        // --keep-running: after the summary the AWS stand-ins stay up, so DynamoDB can be read.
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> exit.isDone() || out.toString().contains("keep running; Ctrl-C stops them"));
        assertThat(exit.isDone()).as("the demo ended before its summary: %s%s", out, err).isFalse();
        String summary = out.toString();

        List<String> minuteBarsInLake = lakeRows("SELECT symbol || ' ' || epoch_ms(bar_start) FROM "
                + parquet("bars") + " WHERE timeframe = '1m'");
        List<String> minutesWithTicks = lakeRows("SELECT DISTINCT symbol || ' ' || epoch_ms(date_trunc('minute', ts)) FROM "
                + parquet("ticks"));
        assertThat(minutesWithTicks).as("minutes with ticks").hasSizeGreaterThan(SYMBOLS * (MINUTES - 5));
        assertThat(minuteBarsInLake).as("one 1m bar per symbol and minute with ticks").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(minutesWithTicks);
        assertThat(lakeRows("SELECT DISTINCT symbol FROM " + parquet("bars"))).hasSize(SYMBOLS);
        // The summary's coverage is read back from that lake: from 09:14, 20 minutes cover the
        // session minutes 09:15 .. 09:33.
        assertThat(summary.lines().filter(l -> l.startsWith("  coverage  1m bars per symbol ")))
                .singleElement().asString().contains("of the session's " + (MINUTES - 1) + " (", "; last tick 09:3");

        List<String> lakeBars = lakeRows("SELECT symbol || '#' || timeframe || ' ' || epoch_ms(bar_start) || ' ' || open || ' '"
                + " || high || ' ' || low || ' ' || close || ' ' || volume FROM " + parquet("bars"));
        assertThat(finalBarsInDynamoDb(dynamoPort)).as("DynamoDB's final bars, every timeframe")
                .containsExactlyInAnyOrderElementsOf(lakeBars);

        assertThat(lakeRows("SELECT symbol || ' ' || rule FROM " + parquet("anomalies")))
                .as("anomalies in the lake").contains(planted.symbol + " GAP_OPEN");
        assertThat(mails()).as("the alert mails").contains(planted.symbol);

        // The dashboard, printed at the start and in the summary, serves the session's bars and anomalies.
        String dashboard = "http://127.0.0.1:" + dashboardPort + "/";
        assertThat(summary).contains("pricefeed: dashboard: " + dashboard, "  dashboard " + dashboard + " (up until Ctrl-C)");
        assertThat(httpGet(dashboard + "api/symbols")).contains(symbols.get(0), planted.symbol);
        assertThat(httpGet(dashboard + "api/bars?tf=5m&symbol=" + planted.symbol)).contains("\"final\":true");
        assertThat(httpGet(dashboard + "api/anomalies?symbol=" + planted.symbol)).contains("\"rule\":\"GAP_OPEN\"");

        demo.stop(); // what Ctrl-C does
        assertThat(exit.get()).as(err.toString()).isZero();
        assertThat(ProcessHandle.current().descendants().filter(p -> p.isAlive() && !before.contains(p.pid()))
                .map(p -> p.info().commandLine().orElse("pid " + p.pid())))
                .as("processes the demo started").isEmpty();
        assertThat(Stream.of(kinesisPort, dynamoPort, dashboardPort).filter(p -> !Ports.isFree(p)))
                .as("ports still bound").isEmpty();

        List<String> queries = examples(summary, "./pricefeed query ");
        assertThat(queries).hasSize(3);
        for (String query : queries) {
            out.getBuffer().setLength(0);
            assertThat(run(splitArgs(query))).as("%s: %s", query, err).isZero();
            assertThat(out.toString().lines().count()).as("%s printed rows", query).isGreaterThan(2);
        }
    }

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(TradingCalendar.IST);

    /** A seed and symbol whose simulated session opens at least 4% away from the previous close. */
    private static final class Gap {
        final long seed;
        final String symbol;

        Gap(long seed, String symbol) {
            this.seed = seed;
            this.symbol = symbol;
        }
    }

    /**
     * Plants the gap open: the demo market draws gaps at random per seed and day, so the test picks
     * the first seed whose market (the same model fyers-sim serves) opens one of the symbols 4% or
     * more away from its previous close, comfortably beyond the 3% rule, on the simulated day.
     */
    private static Gap plantedGap(List<String> symbols, Instant start) {
        TradingCalendar calendar = TradingCalendar.nse();
        long firstQuote = TradingCalendar.sessionOpen(TradingCalendar.tradeDate(start.toEpochMilli())) + 1_000;
        for (long seed = 42; seed < 142; seed++) {
            MarketModel market = new MarketModel(seed, SymbolUniverse.named(symbols, seed), calendar,
                    MarketModel.anchorFor(calendar, start), LocalPipeline.DEMO_MARKET);
            for (String symbol : symbols) {
                SimQuote q = market.quote(symbol, firstQuote);
                if (Math.abs(q.lp() / q.prevClose() - 1) >= 0.04) {
                    return new Gap(seed, symbol);
                }
            }
        }
        throw new IllegalStateException("no seed in 42..141 gaps a symbol on " + start);
    }

    private String parquet(String table) {
        return "read_parquet('" + dataDir.resolve("lake").resolve(table) + "/**/[!._]*.parquet', hive_partitioning = true)";
    }

    private static List<String> lakeRows(String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    /** The final (not {@code #live}) items as the lake query formats its rows. */
    private static List<String> finalBarsInDynamoDb(int port) {
        List<String> bars = new ArrayList<>();
        try (DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(LocalAwsSettings.loopback(port))
                .region(LocalAwsSettings.REGION).credentialsProvider(LocalAwsSettings.credentials()).build()) {
            dynamo.scanPaginator(ScanRequest.builder().tableName("bars").build()).items().forEach(item -> {
                String pk = item.get("pk").s();
                if (!pk.endsWith("#live")) {
                    bars.add(String.join(" ", pk, item.get("sk").n(), num(item, "open"), num(item, "high"),
                            num(item, "low"), num(item, "close"), item.get("volume").n()));
                }
            });
        }
        return bars;
    }

    /** A DynamoDB number as DuckDB prints a DOUBLE. */
    private static String num(java.util.Map<String, AttributeValue> item, String name) {
        double v = Double.parseDouble(item.get(name).n());
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }

    private String mails() throws Exception {
        try (Stream<Path> files = Files.list(dataDir.resolve("mail"))) {
            List<Path> eml = files.filter(f -> f.toString().endsWith(".eml")).collect(Collectors.toList());
            assertThat(eml).as("alert mails saved").isNotEmpty();
            StringBuilder all = new StringBuilder();
            for (Path f : eml) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }

    private static String httpGet(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> examples(String summary, String prefix) {
        return summary.lines().map(String::trim).filter(l -> l.startsWith(prefix)).collect(Collectors.toList());
    }

    /** Splits a printed shell command into its arguments (double-quoted strings are one). */
    private static String[] splitArgs(String command) {
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command.substring("./pricefeed ".length()));
        while (m.find()) {
            args.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return args.toArray(new String[0]);
    }
}
