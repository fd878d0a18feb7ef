package io.pricefeed.local.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.standins.LocalAwsStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The files of a demo run under the data directory: the lake, the mails, the logs, and in
 * {@code demo/} the configurations it generated (so a user can read exactly what ran), the
 * simulated Fyers token and the Flink state.
 *
 * <p>Each run simulates the same day again, so the previous run's lake, mails and run files are
 * replaced; a folder the demo did not write itself (no marker file, see {@link DemoFolder}) is
 * never touched.
 */
final class DemoFiles {
    static final String LAKE_MARKER = ".pricefeed-demo-lake";
    static final String MAIL_MARKER = ".pricefeed-demo-mail";
    static final String RUN_MARKER = ".pricefeed-demo-run";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DemoSettings settings;

    private DemoFiles(DemoSettings settings) {
        this.settings = settings;
    }

    /**
     * Creates the directories and empties the previous demo run's lake, mails and run files. Every
     * folder is checked before any is emptied, so a refusal leaves the data directory as it was.
     *
     * @throws IllegalStateException when the lake, mail or run folder holds files the demo did not write
     */
    static DemoFiles prepare(DemoSettings settings) throws IOException {
        List<DemoFolder> owned = List.of(
                new DemoFolder(settings.lakeDir(), LAKE_MARKER, "a lake"),
                new DemoFolder(settings.mailDir(), MAIL_MARKER, "files"),
                new DemoFolder(settings.runDir(), RUN_MARKER, "files"));
        for (DemoFolder folder : owned) {
            folder.checkOwned();
        }
        for (DemoFolder folder : owned) {
            folder.replace();
        }
        Files.createDirectories(settings.logDir());
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
        // No safety margin: the demo's budget is already a small fraction of the sim's Fyers limits,
        // and the progress line promises exactly this many calls a simulated minute.
        root.putObject("limits").put("perMinute", settings.callsPerSimulatedMinute()).put("safetyMargin", 0.0);
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
}
