package io.pricefeed.dashboard;

import com.sun.net.httpserver.HttpServer;
import io.pricefeed.barstable.BarsTableReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The dashboard: one page (live candlesticks with volume and anomaly markers, and the daily
 * metrics) and its JSON API, on the JDK's HTTP server.
 *
 * <pre>
 * GET /                         the page (and its scripts, the charting library among them)
 * GET /api/symbols              known symbols
 * GET /api/bars?symbol=&amp;tf=&amp;from=&amp;to=   final bars and the forming one, from DynamoDB
 * GET /api/anomalies?symbol=&amp;date=  anomalies, from the lake
 * GET /api/daily?symbol=&amp;days=90  daily metrics, from the lake's daily_metrics view
 * </pre>
 *
 * It binds to loopback unless told otherwise: the API has no authentication.
 */
public final class DashboardServer implements AutoCloseable {
    public static final String LOOPBACK = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LakeReader lake;
    private final String bind;

    private DashboardServer(HttpServer server, ExecutorService executor, LakeReader lake, String bind) {
        this.server = server;
        this.executor = executor;
        this.lake = lake;
        this.bind = bind;
    }

    /**
     * Starts serving on {@code bind:port} (port 0: any free one) over the DynamoDB table
     * {@code table} and the lake folder {@code lake}. The client stays the caller's to close.
     *
     * @throws IllegalStateException with a one-line message when the address is taken or invalid
     */
    public static DashboardServer start(String bind, int port, DynamoDbClient dynamo, String table, Path lake) {
        BarsTableReader bars = new BarsTableReader(dynamo, table);
        LakeReader lakeReader = new LakeReader(lake);
        SymbolDirectory symbols = new SymbolDirectory(bars, lakeReader, Clock.systemUTC());
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (BindException e) {
            throw new IllegalStateException("port " + port + " on " + bind + " (dashboard) is already in use or not "
                    + "available: choose another port", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the dashboard on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", new StaticFiles());
        server.createContext("/api/symbols", new ApiHandler(new SymbolsEndpoint(symbols)));
        server.createContext("/api/bars", new ApiHandler(new BarsEndpoint(bars, symbols)));
        server.createContext("/api/anomalies", new ApiHandler(new AnomaliesEndpoint(lakeReader, symbols)));
        server.createContext("/api/daily", new ApiHandler(new DailyMetricsEndpoint(lakeReader, symbols)));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "dashboard-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        DashboardServer dashboard = new DashboardServer(server, executor, lakeReader, bind);
        LOG.info("dashboard at {} (table {}, lake {})", dashboard.url(), table, lake);
        return dashboard;
    }

    /** The page's address; a wildcard bind is shown as loopback, where a browser on this machine finds it. */
    public URI url() {
        String host = "0.0.0.0".equals(bind) || "::".equals(bind) ? LOOPBACK : bind;
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        lake.close();
    }
}
