package io.pricefeed.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;

class StandInLifecycleTest {

    @Test
    void closingKinesaliteStopsNodeAndFreesItsPort() throws Exception {
        Kinesalite kinesis = Kinesalite.builder().start();
        List<Long> pids = kinesis.pids();
        assertThat(pids).as("watchdog shell and node").hasSizeGreaterThanOrEqualTo(2);
        assertThat(Ports.isFree(kinesis.port())).isFalse();

        kinesis.close();

        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid " + pid).isFalse();
        }
        assertThat(Ports.isFree(kinesis.port())).isTrue();
    }

    @Test
    void closingDynamoDbLocalFreesItsPort() {
        DynamoDbLocal dynamo = DynamoDbLocal.start(0);
        assertThat(dynamo.client().listTables().tableNames()).isEmpty();
        assertThat(Ports.isFree(dynamo.port())).isFalse();
        dynamo.close();
        assertThat(Ports.isFree(dynamo.port())).isTrue();
    }

    @Test
    void aTakenPortIsAOneLineErrorNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Kinesalite.builder().port(port).start())
                    .isInstanceOf(StandInException.class)
                    .hasMessageStartingWith("port " + port + " (kinesalite) is already in use");
            assertThatThrownBy(() -> DynamoDbLocal.start(port))
                    .isInstanceOf(StandInException.class)
                    .hasMessageStartingWith("port " + port + " (DynamoDB Local) is already in use");
        }
    }

    @Test
    void aMissingNodeSaysWhatToInstall() {
        assertThatThrownBy(() -> Kinesalite.builder().nodeCommand("/nonexistent/node").start())
                .isInstanceOf(StandInException.class)
                .hasMessageContaining("Node.js is required")
                .hasMessageContaining("install Node.js 18 or newer");
    }

    @Test
    void aMissingPackageSaysHowToInstallIt(@TempDir Path empty) {
        assertThatThrownBy(() -> Kinesalite.builder().packageDir(empty).start())
                .isInstanceOf(StandInException.class)
                .hasMessageContaining("kinesalite is not installed")
                .hasMessageContaining("npm ci --prefix stand-ins");
    }

    @Test
    void aServerThatDiesAtStartupReportsItsLog(@TempDir Path dir) throws IOException {
        Path pkg = dir.resolve("broken");
        java.nio.file.Files.createDirectories(pkg);
        java.nio.file.Files.writeString(pkg.resolve("cli.js"), "console.error('boom: cannot start'); process.exit(3);");

        assertThatThrownBy(() -> Kinesalite.builder().packageDir(pkg).start())
                .isInstanceOf(StandInException.class)
                .hasMessageContaining("kinesalite exited with code")
                .hasMessageContaining("boom: cannot start");
    }

    // ---- the extension stops what it started even when the tests fail -----------------------

    static final List<Long> PIDS_SEEN = new ArrayList<>();
    static final List<Integer> PORTS_SEEN = new ArrayList<>();
    static volatile boolean insideTestKit;

    @LocalAws
    static class FailingTestsUsingStandIns {
        @Test
        void failsWhileKinesisRuns(Kinesalite kinesis, DynamoDbLocal dynamo) {
            Assumptions.assumeTrue(insideTestKit, "only run through EngineTestKit");
            PIDS_SEEN.addAll(kinesis.pids());
            PORTS_SEEN.add(kinesis.port());
            PORTS_SEEN.add(dynamo.port());
            throw new AssertionError("deliberate failure");
        }
    }

    @Test
    void theExtensionStopsEverythingWhenTestsFail() throws Exception {
        insideTestKit = true;
        try {
            EngineTestKit.engine("junit-jupiter")
                    .selectors(selectClass(FailingTestsUsingStandIns.class))
                    .execute().testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        } finally {
            insideTestKit = false;
        }
        assertThat(PIDS_SEEN).isNotEmpty();
        for (long pid : PIDS_SEEN) {
            ProcessHandle.of(pid).ifPresent(h -> {
                try {
                    h.onExit().get(15, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("process " + pid + " still running", e);
                }
            });
        }
        for (int port : PORTS_SEEN) {
            assertThat(Ports.isFree(port)).as("port " + port + " freed").isTrue();
        }
    }
}
