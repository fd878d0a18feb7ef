package io.pricefeed.bench.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load generator's and the observers' threads (daemons, named {@code bench-<name>}): each loops while
 * {@link #running()}, all stop together. A loop that fails is logged, reported on stderr and counted
 * ({@link #errors()}); the others go on.
 */
final class Workers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Workers.class);

    /** A worker's body: loops while {@code running} says so. */
    interface Loop {
        void run(BooleanSupplier running) throws Exception;
    }

    private volatile boolean running = true;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();

    void start(String name, Loop body) {
        Thread t = new Thread(() -> {
            try {
                body.run(() -> running);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.error("{} failed", name, e);
                System.err.println(name + " failed: " + e);
                errors.incrementAndGet();
            }
        }, "bench-" + name);
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    /** Tells every worker to stop, and waits up to {@code millisEach} for each. */
    void stopAndJoin(long millisEach) throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(millisEach);
        }
    }

    /** Workers that failed. */
    long errors() {
        return errors.get();
    }

    /** Tells every worker to stop, without waiting. */
    @Override
    public void close() {
        running = false;
    }
}
