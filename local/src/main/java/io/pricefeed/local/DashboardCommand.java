package io.pricefeed.local;

import io.pricefeed.barstable.BarsTableReader;
import io.pricefeed.dashboard.DashboardServer;
import io.pricefeed.local.options.DynamoDbOptions;
import io.pricefeed.local.options.DynamoDbTarget;
import io.pricefeed.model.ResourceNames;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** {@code ./pricefeed dashboard}: the dashboard module's page and API over a running stack, until Ctrl-C. */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Serve the dashboard page (live candlesticks, anomaly markers, daily",
                "metrics) and its JSON API until Ctrl-C. Bars come from DynamoDB; anomalies",
                "and daily metrics from a local lake folder. DynamoDB as for 'bars':",
                "  no --endpoint or --region  the local stack's DynamoDB Local",
                "                             (http://127.0.0.1:8000)",
                "  --region R alone           AWS in R, default credentials chain",
                "  --endpoint URL             that URL",
                "Examples:",
                "  ./pricefeed dashboard",
                "  ./pricefeed dashboard --port 9090 --lake data/replay",
                "  ./pricefeed dashboard --region ap-south-1 --lake lake-copy"})
final class DashboardCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "address to listen on (default ${DEFAULT-VALUE}: this machine only; the API has no login)")
    private String bind = DashboardServer.LOOPBACK;

    @Option(names = "--port", paramLabel = "N", description = "port to listen on (default ${DEFAULT-VALUE}; 0 = any free one)")
    private int port = DashboardServer.DEFAULT_PORT;

    @Option(names = "--lake", paramLabel = "DIR", description = "the lake folder for anomalies and daily metrics (default ${DEFAULT-VALUE})")
    private Path lake = Path.of("data", "lake");

    @CommandLine.Mixin
    private DynamoDbOptions dynamoDb = new DynamoDbOptions();

    @Option(names = "--table", paramLabel = "TABLE", description = "the bars table (default ${DEFAULT-VALUE})")
    private String table = ResourceNames.BARS_TABLE;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
        }
        checkBind();
        PrintWriter out = spec.commandLine().getOut();
        DynamoDbTarget target = dynamoDb.target();
        try (DynamoDbClient dynamo = target.client()) {
            int symbols;
            try {
                // Fails now, in one line, rather than on the page's first request.
                symbols = new BarsTableReader(dynamo, table).symbols().size();
            } catch (SdkException e) {
                throw target.explain(e, table);
            }
            try (DashboardServer server = DashboardServer.start(bind, port, dynamo, table, lake)) {
                Thread onCtrlC = new Thread(stopped::countDown, "dashboard-stop");
                Runtime.getRuntime().addShutdownHook(onCtrlC);
                out.printf("pricefeed: dashboard at %s (%s, table '%s', %s; lake %s%s); Ctrl-C stops%n",
                        server.url(), target.describe(), table, symbols == 1 ? "1 symbol" : symbols + " symbols", lake,
                        Files.isDirectory(lake) ? "" : ", not there yet");
                if (!InetAddress.getByName(bind).isLoopbackAddress()) {
                    out.println("pricefeed: note: listening on " + bind + ": anyone who can reach it can read the API");
                }
                out.flush();
                try {
                    stopped.await();
                } finally {
                    removeHook(onCtrlC);
                }
            }
        }
        return 0;
    }

    /** Ends a running dashboard as Ctrl-C does (for tests). */
    void stop() {
        stopped.countDown();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down (Ctrl-C): the hook is what got us here.
        }
    }

    private void checkBind() {
        try {
            InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bind: '" + bind + "' is not an address of this machine");
        }
    }
}
