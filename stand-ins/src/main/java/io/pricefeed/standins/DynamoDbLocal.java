package io.pricefeed.standins;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * Amazon DynamoDB on this machine: AWS's DynamoDB Local, in this JVM, in memory, on a port.
 *
 * <p>DynamoDB Local stores tables in SQLite through the sqlite4java JNI library. The build
 * copies the natives into this jar; {@link #start(int)} extracts them once per JVM and points
 * {@code sqlite4java.library.path} at them, so no setup is needed by the caller.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLocal.class);
    private static final String NATIVES = "/io/pricefeed/standins/sqlite4java/";
    private static final List<String> NATIVE_FILES = List.of(
            "libsqlite4java-linux-amd64.so", "libsqlite4java-linux-i386.so", "libsqlite4java-osx.dylib",
            "sqlite4java-win32-x64.dll", "sqlite4java-win32-x86.dll");
    private static Path nativeDir;

    private final int port;
    private final DynamoDBProxyServer server;
    private DynamoDbClient client;

    private DynamoDbLocal(int port, DynamoDBProxyServer server) {
        this.port = port;
        this.server = server;
    }

    /** Starts an in-memory server on {@code port} (0 = a random free port). */
    public static DynamoDbLocal start(int port) {
        int chosen = Ports.claim(port, "DynamoDB Local");
        prepareNatives();
        long started = System.nanoTime();
        try {
            DynamoDBProxyServer server = quietly(() -> {
                DynamoDBProxyServer s = ServerRunner.createServerFromCommandLineArgs(
                        new String[] {"-inMemory", "-port", Integer.toString(chosen), "-disableTelemetry"});
                s.start();
                return s;
            });
            LOG.info("DynamoDB Local ready on http://127.0.0.1:{} in {} ms", chosen,
                    (System.nanoTime() - started) / 1_000_000);
            return new DynamoDbLocal(chosen, server);
        } catch (Exception e) {
            throw new StandInException("DynamoDB Local could not start on port " + chosen + ": " + e.getMessage(), e);
        }
    }

    /** What a server start does, with stdout held back. */
    private interface Startup {
        DynamoDBProxyServer run() throws Exception;
    }

    /**
     * DynamoDB Local prints a configuration banner to stdout, which would break the launcher's
     * clean terminal output; it goes to the log instead. Starts are serialised so the swap of
     * {@code System.out} cannot interleave with another start.
     */
    private static synchronized DynamoDBProxyServer quietly(Startup startup) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        System.setOut(new PrintStream(banner, true, StandardCharsets.UTF_8));
        try {
            return startup.run();
        } finally {
            System.setOut(stdout);
            LOG.debug("DynamoDB Local: {}", banner.toString(StandardCharsets.UTF_8).trim());
        }
    }

    public URI endpoint() {
        return LocalAwsSettings.loopback(port);
    }

    public int port() {
        return port;
    }

    /** A synchronous client for this server, closed with it. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = newClient(endpoint());
        }
        return client;
    }

    /** A synchronous client for any DynamoDB Local endpoint. */
    public static DynamoDbClient newClient(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(LocalAwsSettings.REGION)
                .credentialsProvider(LocalAwsSettings.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a table and waits until it exists. */
    public void createTable(CreateTableRequest request) {
        client().createTable(request);
        client().waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local on port {} did not stop cleanly: {}", port, e.toString());
        }
    }

    private static synchronized void prepareNatives() {
        if (nativeDir != null || System.getProperty("sqlite4java.library.path") != null) {
            return;
        }
        try {
            Path dir = Files.createTempDirectory("pricefeed-sqlite4java-");
            for (String file : NATIVE_FILES) {
                try (InputStream in = DynamoDbLocal.class.getResourceAsStream(NATIVES + file)) {
                    if (in != null) {
                        Files.copy(in, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                        dir.resolve(file).toFile().deleteOnExit();
                    }
                }
            }
            dir.toFile().deleteOnExit();
            System.setProperty("sqlite4java.library.path", dir.toString());
            nativeDir = dir;
        } catch (IOException e) {
            throw new StandInException("could not unpack DynamoDB Local's SQLite natives: " + e.getMessage(), e);
        }
    }
}
