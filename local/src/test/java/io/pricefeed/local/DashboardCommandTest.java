package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import io.pricefeed.standins.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@LocalAws
class DashboardCommandTest extends CliTestBase {
    private static final String SBIN = "NSE:SBIN-EQ";

    @TempDir
    Path tmp;
    private DynamoDbLocal dynamo;
    private String table;

    @BeforeEach
    void createTable(DynamoDbLocal dynamo) {
        this.dynamo = dynamo;
        table = "bars-dashboard-" + System.nanoTime();
        dynamo.createTable(PipelineResources.barsTable(table));
        dynamo.client().putItem(b -> b.tableName(table).item(BarItem.toItem(
                new Bar(SBIN, Timeframe.M1, 1_773_114_300_000L, 1_773_114_360_000L, 100, 101, 99, 100.5, 100.2, 10, 2, 0, true))));
    }

    @Test
    void servesUntilStoppedAndPrintsItsUrl() throws Exception {
        CommandLine cli = PricefeedCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        DashboardCommand command = cli.getSubcommands().get("dashboard").getCommand();
        Path lake = tmp.resolve("lake");
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("dashboard", "--port", "0",
                "--endpoint", dynamo.endpoint().toString(), "--table", table, "--lake", lake.toString()));

        await().atMost(Duration.ofSeconds(30)).until(() -> exit.isDone() || out.toString().contains("Ctrl-C stops"));
        Matcher url = Pattern.compile("^pricefeed: dashboard at (http://127\\.0\\.0\\.1:\\d+/) \\(DynamoDB at "
                + Pattern.quote(dynamo.endpoint().toString()) + ", table '" + table + "', 1 symbol; lake "
                + Pattern.quote(lake.toString()) + ", not there yet\\); Ctrl-C stops$").matcher(out.toString().strip());
        assertThat(url.matches()).as("%s%s", out, err).isTrue();
        HttpResponse<String> symbols = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.group(1) + "api/symbols")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(symbols.body()).isEqualTo("{\"symbols\":[\"" + SBIN + "\"]}");

        command.stop();
        assertThat(exit.get()).isZero();
        assertThat(Ports.isFree(URI.create(url.group(1)).getPort())).isTrue();
    }

    @Test
    void aTakenPortIsOneLine() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThat(run("dashboard", "--port", Integer.toString(port), "--endpoint", dynamo.endpoint().toString(),
                    "--table", table)).isEqualTo(1);

            assertThat(err.toString()).isEqualTo("pricefeed: port " + port + " on 127.0.0.1 (dashboard) is already in use "
                    + "or not available: choose another port\n");
        }
    }

    @Test
    void aMissingTableIsOneLineBeforeItServes() {
        assertThat(run("dashboard", "--port", "0", "--endpoint", dynamo.endpoint().toString(), "--table", "no-such-table"))
                .isEqualTo(1);
        assertThat(err.toString()).isEqualTo("pricefeed: no table 'no-such-table' in DynamoDB at " + dynamo.endpoint() + "\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badFlagsAreUsageErrorsNamingTheFlag() {
        assertThat(run("dashboard", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--port must be between 0 and 65535, got 70000");

        err.getBuffer().setLength(0);
        assertThat(run("dashboard", "--bind", "no-such-host.invalid")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--bind: 'no-such-host.invalid' is not an address of this machine");
    }
}
