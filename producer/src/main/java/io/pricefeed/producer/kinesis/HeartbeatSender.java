package io.pricefeed.producer.kinesis;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.poll.MarketSchedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Sends a heartbeat to every open shard of the ticks stream once per interval while
 * {@link MarketSchedule#isHeartbeatTime} (the session and five minutes after the close), so the
 * job's event time advances on every shard even when its symbols stop trading (DESIGN.md §3). Each
 * heartbeat is routed to its shard by the shard's starting hash key. The shard list is read again
 * on a timer and as soon as a put lands on a shard it does not know (a resharding).
 */
public final class HeartbeatSender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatSender.class);

    private final KinesisPublisher publisher;
    private final ShardDirectory shards;
    private final MarketSchedule schedule;
    private final PacedClock pacer;
    private final String source;
    private final long intervalMs;
    private final long shardRefreshMs;
    private final Thread thread;
    private volatile boolean running;

    /**
     * @param source the producer id heartbeats carry
     */
    public HeartbeatSender(KinesisClient client, String stream, KinesisPublisher publisher, MarketSchedule schedule,
                           PacedClock pacer, String source, Duration interval, Duration shardRefreshInterval) {
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.shards = new ShardDirectory(client, stream);
        publisher.shardDirectory(shards);
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.source = Objects.requireNonNull(source, "source");
        this.intervalMs = interval.toMillis();
        this.shardRefreshMs = shardRefreshInterval.toMillis();
        if (intervalMs < 1) {
            throw new IllegalArgumentException("heartbeat interval must be at least 1 ms");
        }
        this.thread = new Thread(this::loop, "pricefeed-heartbeat");
        this.thread.setDaemon(true);
    }

    public HeartbeatSender start() {
        running = true;
        thread.start();
        return this;
    }

    /** Open shards known now. */
    public int shardCount() {
        return shards.openShards().size();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long nextRefresh = Long.MIN_VALUE;
        long next = pacer.millis();
        while (running) {
            try {
                pacer.sleepUntil(next);
                long now = pacer.millis();
                if (!schedule.isHeartbeatTime(now)) {
                    next = schedule.nextHeartbeatStart(now);
                    continue;
                }
                if (shards.isStale() || now >= nextRefresh) {
                    refreshShards();
                    nextRefresh = now + shardRefreshMs;
                }
                List<ShardDirectory.OpenShard> open = shards.openShards();
                for (ShardDirectory.OpenShard shard : open) {
                    publisher.offerHeartbeat(new Heartbeat(now, source), shard.startingHashKey());
                }
                // Keep to the interval grid, but never try to catch up on missed beats.
                next = Math.max(next + intervalMs, now + 1);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("heartbeat round failed; carrying on", e);
                next = pacer.millis() + intervalMs;
            }
        }
    }

    private void refreshShards() {
        try {
            shards.refresh();
        } catch (SdkException e) {
            LOG.warn("cannot list the shards ({}); heartbeats go to the {} shards known", e.toString(), shards.openShards().size());
        }
    }
}
