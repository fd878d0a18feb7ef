package io.pricefeed.standins;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Node.js server started for a stand-in, tied to this JVM's life: it runs under a small shell
 * watchdog that kills it when this JVM disappears, so even a crashed test run leaves no orphan
 * {@code node} process behind. {@link #close()} stops it and waits until it is gone.
 */
final class NodeProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);
    private static final int MIN_NODE_MAJOR = 18;
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);
    /** Runs node, polls the parent JVM, and takes node down with it. */
    private static final String WATCHDOG = "\"$0\" \"$@\" </dev/null & child=$!\n"
            + "trap 'kill $child 2>/dev/null; wait $child; exit 0' TERM INT\n"
            + "while kill -0 \"$PRICEFEED_JVM_PID\" 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done\n"
            + "kill $child 2>/dev/null; wait $child\n";

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private NodeProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Checks that {@code node} runs and is recent enough; the error says what to install. */
    static void requireNode(String nodeCommand) {
        String version;
        try {
            Process p = new ProcessBuilder(nodeCommand, "--version").redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new StandInException("'" + nodeCommand + " --version' did not answer within 20 s");
            }
            version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new StandInException("Node.js is required for kinesalite but '" + nodeCommand
                    + "' was not found: install Node.js " + MIN_NODE_MAJOR + " or newer (e.g. apt-get install nodejs)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StandInException("interrupted while checking for Node.js", e);
        }
        int major = parseMajor(version);
        if (major < MIN_NODE_MAJOR) {
            throw new StandInException("kinesalite needs Node.js " + MIN_NODE_MAJOR + " or newer, found '"
                    + version + "'");
        }
    }

    private static int parseMajor(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        int dot = v.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? v : v.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static NodeProcess start(String name, String nodeCommand, Path script, List<String> args, Map<String, String> env,
            Path logFile) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, nodeCommand, script.toString()));
        command.addAll(args);
        if (Files.isExecutable(SETSID)) {
            // A session of its own: a Ctrl-C in the terminal reaches the JVM, which stops the
            // stand-in when it is done with it, not node directly in the middle of a shutdown.
            command.add(0, SETSID.toString());
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().putAll(env);
        pb.environment().put("PRICEFEED_JVM_PID", Long.toString(ProcessHandle.current().pid()));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return new NodeProcess(name, pb.start(), logFile);
        } catch (IOException e) {
            throw new StandInException("could not start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Polls {@code ready} until it holds, failing fast if the process dies. */
    void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StandInException(name + " exited with code " + process.exitValue()
                        + " during startup; its log (" + logFile + ") ends with:\n" + logTail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50); // polling a server we just started: nothing to wait on but time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StandInException("interrupted while waiting for " + name, e);
            }
        }
        close();
        throw new StandInException(name + " did not become ready within " + timeout.toSeconds()
                + " s; its log (" + logFile + ") ends with:\n" + logTail());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** The node process itself (a child of the watchdog shell), if it is running. */
    List<ProcessHandle> nodeProcesses() {
        List<ProcessHandle> all = new ArrayList<>();
        process.toHandle().descendants().forEach(all::add);
        return all;
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * SIGTERM, then SIGKILL after a short grace: node's graceful shutdown waits for idle
     * keep-alive connections, which the JVM's URL-connection pool holds open indefinitely, and
     * the stand-ins keep no data worth a longer wait.
     */
    private void stop() {
        List<ProcessHandle> children = nodeProcesses();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle child : children) {
            awaitExit(child, STOP_GRACE);
        }
        awaitExit(process.toHandle(), STOP_GRACE);
    }

    private void awaitExit(ProcessHandle handle, Duration grace) {
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception stillThere) {
                LOG.warn("{} process {} did not exit after SIGKILL", name, handle.pid());
            }
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }
}
