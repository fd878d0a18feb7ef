package io.pricefeed.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.producer.sim.FyersSim;
import io.pricefeed.standins.LocalAwsStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The files of a demo run under the data directory: the lake, the mails, the logs, and in
 * {@code demo/} the configurations it generated (so a user can read exactly what ran), the
 * simulated Fyers token and the Flink state.
 *
 * <p>Each run simulates the same day again, so the previous run's lake and mails are replaced;
 * a lake the demo did not write itself (no marker file) is never touched.
 */
final class DemoFiles {
    static final String LAKE_MARKER = ".pricefeed-demo-lake";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoSettings settings;

    private DemoFiles(DemoSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates the directories and clears the previous demo run's lake, mails and state.
     *
     * @throws IllegalStateException when the lake directory holds data the demo did not write
     */
    static DemoFiles prepare(DemoSettings settings) throws IOException {
        Path lake = settings.lakeDir();
        if (Files.isDirectory(lake) && !isEmpty(lake) && !Files.exists(lake.resolve(LAKE_MARKER))) {
            throw new IllegalStateException(lake + " holds a lake the demo did not write; the demo would mix its "
                    + "bars into it. Choose another --data-dir, or move it away");
        }
        deleteTree(lake);
        deleteTree(settings.mailDir());
        deleteTree(settings.runDir());
        Files.createDirectories(lake);
        Files.writeString(lake.resolve(LAKE_MARKER), "written by ./pricefeed demo; the next demo run replaces this lake\n");
        Files.createDirectories(settings.mailDir());
        Files.createDirectories(settings.logDir());
        Files.createDirectories(settings.runDir());
        return new DemoFiles(settings);
    }

    Path tokenFile() {
        return settings.runDir().resolve("fyers-token.json");
    }

    Path flinkStateDir() {
        return settings.runDir().resolve("flink");
    }

    /** The producer's configuration (the same JSON {@code ./pricefeed produce --config} reads), pointed at the sim. */
    Path writeProducerConfig(FyersSim sim, LocalAwsStack stack) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("producerId", "demo-producer");
        ObjectNode fyers = root.putObject("fyers");
        fyers.put("clientId", sim.credentials().clientId());
        fyers.put("apiBaseUrl", sim.baseUrl() + "/api/v3");
        fyers.put("dataBaseUrl", sim.baseUrl() + "/data");
        // Real seconds: shorter than the sim's slow-reply fault, so --faults shows timeouts.
        fyers.put("requestTimeout", "PT2S");
        ObjectNode store = root.putObject("tokenStore");
        store.put("type", "file");
        store.put("file", tokenFile().toAbsolutePath().toString());
        settings.symbols().forEach(root.putArray("symbols")::add);
        ObjectNode kinesis = root.putObject("kinesis");
        kinesis.put("endpoint", stack.kinesis().endpoint().toString());
        kinesis.put("heartbeatInterval", settings.heartbeatInterval().toString());
        kinesis.put("flushTimeout", "PT60S");
        root.putObject("limits").put("perMinute", settings.callsPerSimulatedMinute());
        return write("producer.json", root);
    }

    /** The job's property groups as a JSON file, the local twin of Managed Flink's runtime properties. */
    Path writeJobConfig(LocalAwsStack stack) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode kinesis = root.putObject("kinesis");
        kinesis.put("endpoint", stack.kinesis().endpoint().toString());
        kinesis.put("initialPosition", "TRIM_HORIZON");
        kinesis.put("getRecordsIntervalMs", "200");
        kinesis.put("shardDiscoveryIntervalMs", "1000");
        root.putObject("dynamodb").put("endpoint", stack.dynamo().endpoint().toString());
        // Compacted at every checkpoint rather than every fifth (the job's default), so the lake
        // and the dashboard's anomaly markers lag the session by one checkpoint, not five: at 60x,
        // five would be almost an hour of the simulated day. A short run can afford the extra files.
        root.putObject("lake").put("path", settings.lakeDir().toAbsolutePath().toString())
                .put("checkpointsPerCompaction", "1");
        // Files become visible in the lake at each checkpoint.
        root.putObject("job").put("checkpointIntervalMs", "10000");
        return write("job.json", root);
    }

    private Path write(String name, ObjectNode root) throws IOException {
        Path file = settings.runDir().resolve(name);
        Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return file;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw new UncheckedIOException(e);
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
