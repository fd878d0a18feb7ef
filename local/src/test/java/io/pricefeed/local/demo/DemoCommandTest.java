package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.local.PricefeedCli;
import io.pricefeed.standins.Ports;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code ./pricefeed demo}'s refusals, in-process: each is one line on stderr before anything
 * starts. Every run gets random ports, and the DynamoDB port is held by the test, so a check
 * that stopped working ends in the port error (and fails the test) instead of starting the
 * pipeline.
 */
class DemoCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;
    private Path dataDir;
    private int kinesisPort;
    private int dynamoPort;
    private int dashboardPort;
    private ServerSocket heldDynamoPort;

    @BeforeEach
    void setUp() throws Exception {
        dataDir = tmp.resolve("data");
        kinesisPort = Ports.freePort();
        heldDynamoPort = hold();
        dynamoPort = heldDynamoPort.getLocalPort();
        dashboardPort = Ports.freePort();
    }

    @AfterEach
    void tearDown() throws Exception {
        heldDynamoPort.close();
    }

    private static ServerSocket hold() throws IOException {
        return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    /** As the launcher runs it (CliTestBase's twin, which is package-private in io.pricefeed.local). */
    private int run(String... args) {
        CommandLine cli = PricefeedCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** {@code demo} with this test's data dir and ports, then {@code args}. */
    private int demo(String... args) {
        List<String> all = new ArrayList<>(List.of("demo", "--data-dir", dataDir.toString(),
                "--kinesis-port", Integer.toString(kinesisPort),
                "--dynamodb-port", Integer.toString(dynamoPort), "--dashboard-port", Integer.toString(dashboardPort)));
        all.addAll(List.of(args));
        return run(all.toArray(String[]::new));
    }

    private List<String> errLines() {
        return err.toString().lines().collect(Collectors.toList());
    }

    private List<String> dataDirEntries() throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    // ---- ports and the instance lock --------------------------------------------------------

    @ParameterizedTest(name = "{0} taken")
    @CsvSource({"--kinesis-port, kinesalite", "--dynamodb-port, DynamoDB Local",
            "--dashboard-port, dashboard"})
    void aTakenPortIsOneLineNamingPortAndStandInBeforeAnythingIsCreated(String flag, String what) throws IOException {
        try (ServerSocket taken = hold()) {
            int port = taken.getLocalPort();
            switch (flag) {
                case "--kinesis-port" -> kinesisPort = port;
                case "--dynamodb-port" -> dynamoPort = port;
                default -> {
                    dynamoPort = Ports.freePort();
                    dashboardPort = port;
                }
            }
            // The ports are checked in this order, so the ones before the taken one are free.
            int exit = demo("--symbols", "3", "--minutes", "5");

            assertThat(exit).as("exit code; stdout: %s", out).isEqualTo(1);
            assertThat(errLines()).containsExactly("pricefeed: port " + port + " (" + what + ") is already in use: stop "
                    + "whatever listens there (ss -ltnp | grep :" + port + ") or choose another port");
            assertThat(out.toString()).isEmpty();
        }
        // The check runs once the lock is held, so only the lock file exists: no lake, logs, mail or run dir.
        assertThat(dataDirEntries()).containsExactly("demo.lock");
        // ... and the failed run released the lock.
        try (InstanceLock lock = InstanceLock.acquire(dataDir)) {
            assertThat(lock).isNotNull();
        }
    }

    @Test
    void aSecondDemoOnALockedDataDirIsOneLineNamingTheOtherDemo() throws IOException {
        try (InstanceLock running = InstanceLock.acquire(dataDir)) {
            int exit = demo("--symbols", "3", "--minutes", "5");

            assertThat(exit).isEqualTo(1);
            assertThat(errLines()).containsExactly("pricefeed: another demo is running on " + dataDir + " (pid "
                    + ProcessHandle.current().pid() + "); stop it first (Ctrl-C in its terminal)");
            assertThat(out.toString()).isEmpty();
        }
        assertThat(dataDirEntries()).containsExactly("demo.lock");
    }

    // ---- flags ------------------------------------------------------------------------------

    @Test
    void symbolsAndSymbolsFileTogetherAreAUsageError() throws IOException {
        Path file = Files.writeString(tmp.resolve("symbols.txt"), "NSE:SBIN-EQ\n");

        int exit = demo("--symbols", "3", "--symbols-file", file.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(errLines().get(0)).contains("--symbols=N", "--symbols-file=FILE", "mutually exclusive");
        assertThat(err.toString()).contains("Usage: pricefeed demo");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aBadLineInTheSymbolsFileIsNamedWithTheFileAndLineNumber() throws IOException {
        Path file = Files.writeString(tmp.resolve("symbols.txt"),
                "# my watchlist\nNSE:SBIN-EQ   # State Bank\n\nNSE:sbin-eq\nNSE:TCS-EQ\n");

        int exit = demo("--symbols-file", file.toString(), "--minutes", "5");

        assertThat(exit).isEqualTo(1);
        assertThat(errLines()).containsExactly("pricefeed: --symbols-file " + file
                + " line 4: 'NSE:sbin-eq' is not an NSE symbol such as NSE:SBIN-EQ");
        assertThat(dataDir).as("refused before the data dir is touched").doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--speed 0                   | pricefeed: --speed must be between 1 and 600 (simulated seconds per second), got 0.0",
            "--speed 601                 | pricefeed: --speed must be between 1 and 600 (simulated seconds per second), got 601.0",
            "--minutes 0                 | pricefeed: --minutes must be at least 1, got 0",
            "--symbols 0                 | pricefeed: --symbols must be between 1 and 10000, got 0",
            "--symbols 10001             | pricefeed: --symbols must be between 1 and 10000, got 10001",
            "--start 2026-03-10          | pricefeed: --start: cannot read '2026-03-10' as yyyy-MM-ddTHH:mm (IST)",
            "--symbols-file missing.txt  | pricefeed: --symbols-file: cannot read missing.txt",
    })
    void aBadFlagValueIsOneLineNamingTheFlag(String flagAndValue, String message) {
        int exit = demo(flagAndValue.split(" "));

        assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(1);
        assertThat(errLines()).containsExactly(message);
        assertThat(out.toString()).isEmpty();
        assertThat(dataDir).as("refused before the data dir is touched").doesNotExist();
    }

    @Test
    void aSymbolsFileWithOnlyCommentsIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("empty.txt"), "# nothing yet\n\n");

        int exit = demo("--symbols-file", file.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(errLines()).containsExactly("pricefeed: --symbols-file " + file + " lists no symbols");
    }

    @Test
    void aNonNumericSpeedIsAUsageErrorNamingTheFlag() {
        int exit = demo("--speed", "fast");

        assertThat(exit).isEqualTo(2);
        assertThat(errLines().get(0)).contains("--speed", "'fast'");
    }
}
