package io.pricefeed.flink.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Event time for the Kinesis input: one bounded-out-of-orderness clock per shard
 * ({@link TickWatermarks#watermarkFor}), and a watermark that is the minimum over the shards this
 * subtask reads, so a shard that lags (its backlog after a restart, say) holds the watermark back
 * instead of having its ticks declared late. The producer heartbeats every shard once a second,
 * so every shard's clock keeps moving even when its symbols stop trading.
 *
 * <p>Why not the consumer's own per-shard watermarks: it leaves a shard out of the minimum until
 * that shard has emitted its first record, so when a job starts or restarts with a backlog, the
 * first shard to answer can carry the watermark past everything still unread on the others (seen
 * in {@code PricefeedJobITCase}: half the session's ticks rejected as late). This operator emits
 * no watermark until a startup grace period has passed since its first record, by which time
 * every shard's first read has answered; after that the minimum covers every shard seen.
 *
 * <p>A shard silent for longer than the idleness interval leaves the minimum (the safety net if
 * the producer stops); when all are silent the subtask is marked idle.
 */
public final class ShardWatermarks extends AbstractStreamOperator<TickStreamRecord>
        implements OneInputStreamOperator<TickStreamRecord, TickStreamRecord>, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;

    private final long outOfOrdernessMs;
    private final long idlenessMs;
    private final long startupGraceMs;

    private transient Map<String, ShardClock> shards;
    private transient long firstRecordAt;
    private transient long emitted;
    private transient boolean idle;
    private transient long emitIntervalMs;

    public ShardWatermarks(long outOfOrdernessMs, long idlenessMs, long startupGraceMs) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.idlenessMs = idlenessMs;
        this.startupGraceMs = startupGraceMs;
    }

    @Override
    public void open() throws Exception {
        super.open();
        shards = new HashMap<>();
        firstRecordAt = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        emitIntervalMs = Math.max(1, getExecutionConfig().getAutoWatermarkInterval());
        schedule();
    }

    @Override
    public void processElement(StreamRecord<TickStreamRecord> element) {
        TickStreamRecord record = element.getValue();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (firstRecordAt == Long.MIN_VALUE) {
            firstRecordAt = now;
        }
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        ShardClock clock = shards.computeIfAbsent(record.shard == null ? "" : record.shard, s -> new ShardClock());
        clock.lastSeen = now;
        if (record.carriesEventTime()) {
            clock.maxEventTime = Math.max(clock.maxEventTime, record.eventTime());
        }
        output.collect(element.replace(record, record.eventTime()));
    }

    /** Upstream watermarks are ignored (the consumer emits none), except the end of a bounded input. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() == Long.MAX_VALUE) {
            super.processWatermark(mark);
        }
    }

    @Override
    public void onProcessingTime(long time) {
        advance(getProcessingTimeService().getCurrentProcessingTime());
        schedule();
    }

    private void schedule() {
        getProcessingTimeService().registerTimer(
                getProcessingTimeService().getCurrentProcessingTime() + emitIntervalMs, this);
    }

    /** Emits the minimum over the active shards once the startup grace has passed; idle when none is active. */
    void advance(long now) {
        if (firstRecordAt == Long.MIN_VALUE || now - firstRecordAt < startupGraceMs) {
            return;
        }
        long min = Long.MAX_VALUE;
        for (ShardClock clock : shards.values()) {
            boolean active = idlenessMs <= 0 || now - clock.lastSeen <= idlenessMs;
            if (active) {
                min = Math.min(min, clock.maxEventTime);
            }
        }
        if (min == Long.MAX_VALUE) {
            if (!idle) {
                idle = true;
                output.emitWatermarkStatus(WatermarkStatus.IDLE);
            }
            return;
        }
        long watermark = TickWatermarks.watermarkFor(min, outOfOrdernessMs);
        if (watermark > emitted) {
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }

    /** One shard's largest event time and when it last delivered anything (processing time). */
    private static final class ShardClock {
        long maxEventTime = Long.MIN_VALUE;
        long lastSeen;
    }
}
