package io.pricefeed.standins;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryResponse;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * Amazon Kinesis Data Streams on this machine: the npm package {@code kinesis-local} (the
 * kinesis-mock engine) run with {@code node}. It serves the real Kinesis API (JSON, not CBOR)
 * on a plain HTTP port and a TLS port.
 *
 * <pre>{@code
 * try (KinesisLocal kinesis = KinesisLocal.builder().start()) {
 *     String arn = kinesis.createStream("ticks", 2);
 *     kinesis.client().putRecords(...);
 * }
 * }</pre>
 */
public final class KinesisLocal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisLocal.class);
    /** Where {@code npm ci --prefix stand-ins} puts the package, relative to the repository root. */
    static final Path PACKAGE_IN_REPO = Paths.get("stand-ins", "node_modules", "kinesis-local");
    public static final String PACKAGE_DIR_ENV = "PRICEFEED_KINESIS_LOCAL_DIR";

    private final int plainPort;
    private final int tlsPort;
    private final NodeProcess process;
    private KinesisClient client;

    private KinesisLocal(int plainPort, int tlsPort, NodeProcess process) {
        this.plainPort = plainPort;
        this.tlsPort = tlsPort;
        this.process = process;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The plain-HTTP endpoint for SDK clients (endpoint override). */
    public URI endpoint() {
        return LocalAwsSettings.loopback(plainPort);
    }

    public int plainPort() {
        return plainPort;
    }

    public int tlsPort() {
        return tlsPort;
    }

    /** A synchronous client for this stand-in, closed with it. */
    public synchronized KinesisClient client() {
        if (client == null) {
            client = newClient(endpoint());
        }
        return client;
    }

    /** A synchronous client for any kinesis-local endpoint (e.g. one the local stack started). */
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
     * kinesis-mock speaks JSON only. SDK v2 reads this switch when a client is built, so set it
     * before building any Kinesis client that talks to the stand-in.
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
                Thread.sleep(50); // the stand-in offers no waiter; poll its status
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
        LOG.debug("kinesis-local on port {} stopped", plainPort);
    }

    /** Options with named defaults; {@link #start()} validates and starts. */
    public static final class Builder {
        /** 0 = a random free port (tests); the local stack passes its fixed default. */
        private int plainPort = 0;
        private int tlsPort = 0;
        private String nodeCommand = "node";
        private Path packageDir;
        private Path logFile;
        private Duration startTimeout = Duration.ofSeconds(60);
        private String logLevel = "WARN";

        public Builder plainPort(int port) {
            this.plainPort = port;
            return this;
        }

        public Builder tlsPort(int port) {
            this.tlsPort = port;
            return this;
        }

        public Builder nodeCommand(String nodeCommand) {
            this.nodeCommand = nodeCommand;
            return this;
        }

        /** The installed {@code kinesis-local} package (the folder holding main.js and server.json). */
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

        public Builder logLevel(String logLevel) {
            this.logLevel = logLevel;
            return this;
        }

        public KinesisLocal start() {
            if (plainPort < 0 || tlsPort < 0 || plainPort > 65535 || tlsPort > 65535) {
                throw new IllegalArgumentException("ports must be in 0..65535, got " + plainPort + "/" + tlsPort);
            }
            Path dir = packageDir != null ? packageDir : locatePackage();
            Path main = dir.resolve("main.js");
            Path cert = dir.resolve("server.json");
            if (!Files.isRegularFile(main) || !Files.isRegularFile(cert)) {
                throw new StandInException("kinesis-local is not installed at " + dir
                        + ": run 'npm ci --prefix stand-ins' in the repository");
            }
            NodeProcess.requireNode(nodeCommand);
            int plain = Ports.claim(plainPort, "kinesis-local HTTP");
            int tls = Ports.claim(tlsPort, "kinesis-local TLS");
            if (tls == plain) {
                tls = Ports.claim(0, "kinesis-local TLS");
            }
            Path log = logFile != null ? logFile : tempLog();
            Map<String, String> env = new HashMap<>();
            env.put("KINESIS_MOCK_CERT_PATH", cert.toAbsolutePath().toString());
            env.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plain));
            env.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tls));
            env.put("LOG_LEVEL", logLevel);
            env.put("AWS_REGION", LocalAwsSettings.REGION.id());
            env.put("AWS_ACCOUNT_ID", LocalAwsSettings.ACCOUNT_ID);
            env.put("CREATE_STREAM_DURATION", "100ms");
            long started = System.nanoTime();
            NodeProcess process = NodeProcess.start("kinesis-local", nodeCommand, main.toAbsolutePath(), env, log);
            process.awaitHttpOk("http://127.0.0.1:" + plain + "/healthcheck", startTimeout);
            LOG.info("kinesis-local ready on http://127.0.0.1:{} in {} ms (log {})", plain,
                    (System.nanoTime() - started) / 1_000_000, log);
            return new KinesisLocal(plain, tls, process);
        }

        private static Path tempLog() {
            try {
                Path log = Files.createTempFile("kinesis-local-", ".log");
                log.toFile().deleteOnExit();
                return log;
            } catch (java.io.IOException e) {
                throw new StandInException("could not create a log file for kinesis-local: " + e.getMessage(), e);
            }
        }

        /** The env variable, else {@code stand-ins/node_modules/kinesis-local} above the working directory. */
        static Path locatePackage() {
            String fromEnv = System.getenv(PACKAGE_DIR_ENV);
            if (fromEnv == null) {
                fromEnv = System.getProperty("pricefeed.kinesisLocal.dir");
            }
            if (fromEnv != null && !fromEnv.isBlank()) {
                return Paths.get(fromEnv);
            }
            for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(PACKAGE_IN_REPO);
                if (Files.isRegularFile(candidate.resolve("main.js"))) {
                    return candidate;
                }
            }
            throw new StandInException("kinesis-local is not installed: run 'npm ci --prefix stand-ins' in the "
                    + "repository (or point " + PACKAGE_DIR_ENV + " at an installed kinesis-local package)");
        }
    }
}
