package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceLockTest {
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    private String busy(Path dataDir) {
        return "another demo is running on " + dataDir + " (pid " + PID + "); stop it first (Ctrl-C in its terminal)";
    }

    @Test
    void aSecondAcquireOnTheSameDirFailsNamingThePidAndAfterCloseANewOneWorks() throws IOException {
        try (InstanceLock first = InstanceLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve("demo.lock"))).isEqualTo(Long.toString(PID));
            assertThatIllegalStateException().isThrownBy(() -> InstanceLock.acquire(dir)).withMessage(busy(dir));
            // Refused again: the failed attempt changed nothing.
            assertThatIllegalStateException().isThrownBy(() -> InstanceLock.acquire(dir)).withMessage(busy(dir));
        }
        try (InstanceLock again = InstanceLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve("demo.lock"))).isEqualTo(Long.toString(PID));
        }
    }

    @Test
    void theSameDirSpelledDifferentlyIsStillTheSameLock() throws IOException {
        Path other = dir.resolve("sub").resolve("..");
        try (InstanceLock first = InstanceLock.acquire(dir)) {
            Files.createDirectories(dir.resolve("sub"));
            assertThatIllegalStateException().isThrownBy(() -> InstanceLock.acquire(other)).withMessage(busy(other));
        }
    }

    @Test
    void differentDataDirsAreLockedIndependentlyAndAMissingDirIsCreated() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("nested").resolve("b");
        try (InstanceLock lockA = InstanceLock.acquire(a); InstanceLock lockB = InstanceLock.acquire(b)) {
            assertThat(a.resolve("demo.lock")).isRegularFile();
            assertThat(b.resolve("demo.lock")).isRegularFile();
        }
    }

    @Test
    void aStalePidFromACrashedRunDoesNotBlockAndIsReplaced() throws IOException {
        // A process that died leaves its file (and pid) behind, but the OS released its lock.
        Files.writeString(dir.resolve("demo.lock"), "999999999");
        try (InstanceLock lock = InstanceLock.acquire(dir)) {
            assertThat(Files.readString(dir.resolve("demo.lock"))).isEqualTo(Long.toString(PID));
        }
    }

    /**
     * The lock is an OS lock, so it must hold against another process too, and a refused second
     * acquire in this JVM must not release it: on Linux, closing any channel of a file drops
     * every fcntl lock the process holds on it.
     */
    @Test
    void anotherProcessIsRefusedNamingThisPidEvenAfterARefusedAcquireHere() throws Exception {
        try (InstanceLock lock = InstanceLock.acquire(dir)) {
            assertThat(probe(dir)).as("another process while this one holds the lock").isEqualTo(busy(dir));
            assertThatIllegalStateException().isThrownBy(() -> InstanceLock.acquire(dir));
            assertThat(probe(dir)).as("another process after a refused acquire in this JVM").isEqualTo(busy(dir));
        }
        assertThat(probe(dir)).as("another process after close").isEqualTo("acquired");
    }

    /** Runs {@link Probe} in a fresh JVM and returns what it printed. */
    private static String probe(Path dataDir) throws Exception {
        String classpath = String.join(System.getProperty("path.separator"),
                location(InstanceLock.class), location(Probe.class));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, Probe.class.getName(), dataDir.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(new String(output, StandardCharsets.UTF_8)).isZero();
        return new String(output, StandardCharsets.UTF_8).trim();
    }

    private static String location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Another demo process, as far as the lock is concerned: tries to acquire and says how it went. */
    static final class Probe {
        public static void main(String[] args) throws IOException {
            try (InstanceLock lock = InstanceLock.acquire(Path.of(args[0]))) {
                System.out.println("acquired");
            } catch (IllegalStateException e) {
                System.out.println(e.getMessage());
            }
        }
    }
}
