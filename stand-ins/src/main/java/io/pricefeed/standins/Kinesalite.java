package io.pricefeed.standins;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Amazon Kinesis Data Streams on this machine: the npm package {@code kinesalite} run with
 * {@code node}, in memory, on one plain HTTP/1.1 port. Its put and get times stay flat as shards
 * fill (bench/README.md, StandInBench), so it carries a whole trading day.
 *
 * <p>Differences from the service that our clients must respect: it addresses streams by
 * {@code StreamName} only (a request naming the stream by {@code StreamARN} alone is rejected),
 * speaks HTTP/1.1 only (async clients must not negotiate HTTP/2), does not implement
 * {@code UpdateShardCount} (reshard with {@code SplitShard}/{@code MergeShards}) and enforces no
 * per-shard write limit.
 *
 * <pre>{@code
 * try (Kinesalite kinesis = Kinesalite.builder().start()) {
 *     kinesis.createStream("ticks", 2);
 *     kinesis.client().putRecords(b -> b.streamName("ticks").records(...));
 * }
 * }</pre>
 */
public final class Kinesalite implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kinesalite.class);
    /** Where {@code npm ci --prefix stand-ins} puts the package, relative to the repository root. */
    static final Path PACKAGE_IN_REPO = Paths.get("stand-ins", "node_modules", "kinesalite");
    public static final String PACKAGE_DIR_ENV = "PRICEFEED_KINESALITE_DIR";
    /** kinesalite's own default is 10 shards per account; tests create a stream per case. */
    static final int SHARD_LIMIT = 10_000;

    private final int port;
    private final NodeProcess process;
    private KinesisClient client;

    private Kinesalite(int port, NodeProcess process) {
        this.port = port;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The HTTP endpoint for SDK clients (endpoint override). */
    public URI endpoint() {
        return LocalAwsSettings.loopback(port);
    }

    public int port() {
        return port;
    }

    /** A synchronous client for this stand-in, closed with it. */
    public synchronized KinesisClient client() {
        if (client == null) {
            client = newClient(endpoint());
        }
        return client;
    }

    /** A synchronous client for any kinesalite endpoint (e.g. one the local stack started). */
    public static KinesisClient newClient(URI endpoint) {
        disableCbor();
        return KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(LocalAwsSettings.REGION)
                .credentialsProvider(LocalAwsSettings.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * The pipeline's clients speak JSON to the stand-in (DESIGN.md §2): SDK v2 reads this switch
     * when a client is built, so set it before building any Kinesis client that talks to it.
     */
    public static void disableCbor() {
        System.setProperty("aws.cborEnabled", "false");
    }

    /** Creates a stream and waits until it is ACTIVE; returns its ARN. */
    public String createStream(String name, int shards) {
        client().createStream(b -> b.streamName(name).shardCount(shards));
        return awaitActive(name, Duration.ofSeconds(20));
    }

    public String streamArn(String name) {
        return client().describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary().streamARN();
    }

    private String awaitActive(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                DescribeStreamSummaryResponse r = client().describeStreamSummary(b -> b.streamName(name));
                if (r.streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE) {
                    return r.streamDescriptionSummary().streamARN();
                }
            } catch (ResourceNotFoundException e) {
                // creation not visible yet
            }
            if (System.nanoTime() > deadline) {
                throw new StandInException("stream '" + name + "' did not become ACTIVE within " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(20); // the stand-in offers no waiter; poll its status
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StandInException("interrupted while creating stream " + name, e);
            }
        }
    }

    /** True while the node process runs. */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Process ids of the watchdog and node, for tests that prove nothing is left behind. */
    public java.util.List<Long> pids() {
        java.util.List<Long> pids = new java.util.ArrayList<>();
        pids.add(process.pid());
        process.nodeProcesses().forEach(h -> pids.add(h.pid()));
        return pids;
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        process.close();
        LOG.debug("kinesalite on port {} stopped", port);
    }

    /** Options with named defaults; {@link #start()} validates and starts. */
    public static final class Builder {
        /** 0 = a random free port (tests); the local stack passes its fixed default. */
        private int port = 0;
        private String nodeCommand = "node";
        private Path packageDir;
        private Path logFile;
        private Duration startTimeout = Duration.ofSeconds(60);

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder nodeCommand(String nodeCommand) {
            this.nodeCommand = nodeCommand;
            return this;
        }

        /** The installed {@code kinesalite} package (the folder holding cli.js). */
        public Builder packageDir(Path packageDir) {
            this.packageDir = packageDir;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        public Kinesalite start() {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            Path dir = packageDir != null ? packageDir : locatePackage();
            Path cli = dir.resolve("cli.js");
            if (!Files.isRegularFile(cli)) {
                throw new StandInException("kinesalite is not installed at " + dir
                        + ": run 'npm ci --prefix stand-ins' in the repository");
            }
            NodeProcess.requireNode(nodeCommand);
            int claimed = Ports.claim(port, "kinesalite");
            Path log = logFile != null ? logFile : tempLog();
            // Streams become ACTIVE at once: the service's CREATING delay only slows tests down.
            List<String> args = List.of("--port", Integer.toString(claimed), "--createStreamMs", "0",
                    "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", Integer.toString(SHARD_LIMIT));
            long started = System.nanoTime();
            NodeProcess process = NodeProcess.start("kinesalite", nodeCommand, cli.toAbsolutePath(), args, Map.of(), log);
            Kinesalite kinesis = new Kinesalite(claimed, process);
            process.awaitReady(() -> answersListStreams(kinesis), startTimeout);
            LOG.info("kinesalite ready on http://127.0.0.1:{} in {} ms (log {})", claimed,
                    (System.nanoTime() - started) / 1_000_000, log);
            return kinesis;
        }

        /** Ready = the API answers, not merely the port being open. */
        private static boolean answersListStreams(Kinesalite kinesis) {
            if (!Ports.acceptsConnections(kinesis.port)) {
                return false;
            }
            try {
                kinesis.client().listStreams();
                return true;
            } catch (SdkException e) {
                return false;
            }
        }

        private static Path tempLog() {
            try {
                Path log = Files.createTempFile("kinesalite-", ".log");
                log.toFile().deleteOnExit();
                return log;
            } catch (java.io.IOException e) {
                throw new StandInException("could not create a log file for kinesalite: " + e.getMessage(), e);
            }
        }

        /** The env variable, else {@code stand-ins/node_modules/kinesalite} above the working directory. */
        static Path locatePackage() {
            String fromEnv = System.getenv(PACKAGE_DIR_ENV);
            if (fromEnv == null) {
                fromEnv = System.getProperty("pricefeed.kinesalite.dir");
            }
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Paths.get(fromEnv);
            }
            for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(PACKAGE_IN_REPO);
                if (Files.isRegularFile(candidate.resolve("cli.js"))) {
                    return candidate;
                }
            }
            throw new StandInException("kinesalite is not installed: run 'npm ci --prefix stand-ins' in the "
                    + "repository (or point " + PACKAGE_DIR_ENV + " at an installed kinesalite package)");
        }
    }
}
