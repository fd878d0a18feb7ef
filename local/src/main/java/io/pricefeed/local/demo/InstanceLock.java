package io.pricefeed.local.demo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One demo per data directory: an OS file lock, released by the OS if the process dies, so a
 * crashed run never leaves a stale lock behind.
 */
final class InstanceLock implements AutoCloseable {
    /**
     * The lock files this JVM holds. A second acquire of one of them must not even open it:
     * closing any channel (or stream) on a file releases every OS lock the process holds on it
     * (see {@link FileLock}), so a refused attempt would silently unlock the running demo.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws IllegalStateException naming the process that holds the lock
     */
    static InstanceLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.toRealPath().resolve("demo.lock");
        if (!HELD.add(file)) {
            throw running(dataDir, Long.toString(ProcessHandle.current().pid()));
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                // Another process holds it; this one holds no lock on the file, so reading it is harmless.
                String holder = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                throw running(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)), 0);
            return new InstanceLock(file, channel, lock);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            HELD.remove(file);
            throw e;
        }
    }

    private static IllegalStateException running(Path dataDir, String holder) {
        return new IllegalStateException("another demo is running on " + dataDir
                + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it first (Ctrl-C in its terminal)");
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
            channel.close();
        } finally {
            HELD.remove(file);
        }
    }
}
