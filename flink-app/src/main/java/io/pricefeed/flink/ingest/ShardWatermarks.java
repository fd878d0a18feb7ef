package io.pricefeed.flink.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Event time for the Kinesis input: one bounded-out-of-orderness clock per shard
 * ({@link TickWatermarks#watermarkFor}), and a watermark that is the minimum over the shards this
 * subtask reads, so a shard that lags (its backlog after a restart, say) holds the watermark back
 * instead of having its ticks declared late. The producer heartbeats every shard once a second,
 * so every shard's clock keeps moving even when its symbols stop trading.
 *
 * <p>Startup: at {@code open()} the operator asks {@link AssignedShards} which shards its source
 * subtask reads, and emits no watermark until every one of them has delivered a record. Why not
 * the minimum over the shards seen so far (the consumer's own per-shard watermarks, or a fixed
 * grace after the first record): when a job starts or restarts with a backlog, the first shard to
 * answer carries the watermark past everything still unread on the others, and on a loaded
 * machine a shard's first read can come many seconds after another's (seen in
 * {@code PricefeedJobITCase}: half the session's ticks rejected as late). The same holds after a
 * restore from a checkpoint: the operator keeps no state, and the consumer reassigns the same
 * shards to the same subtask indexes.
 *
 * <p>Invariant: this operator runs with the source's parallelism behind a forward edge, chained
 * to it, so its subtask index is the source subtask's and the assignment it asks about is the one
 * that subtask reads ({@link KinesisTickInput} builds it so; {@code KinesisTickInputTest} checks).
 *
 * <p>A shard silent for longer than the idleness interval leaves the minimum (the safety net if
 * the producer stops); an assigned shard counts as heard from at the subtask's first record, so one
 * that never delivers holds the watermark for at most that interval, and is then named in a WARN
 * and left out until it delivers. When all are silent the subtask is marked idle. Shards that
 * appear later (a resharding) join the minimum when they first deliver.
 */
public final class ShardWatermarks extends AbstractStreamOperator<TickStreamRecord>
        implements OneInputStreamOperator<TickStreamRecord, TickStreamRecord>, ProcessingTimeCallback {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ShardWatermarks.class);

    private final long outOfOrdernessMs;
    private final long idlenessMs;
    private final AssignedShards assignedShards;

    private transient Set<String> assigned;
    private transient String subtask;
    private transient Map<String, ShardClock> shards;
    private transient long firstRecordAt;
    private transient long emitted;
    private transient boolean idle;
    private transient long emitIntervalMs;

    /**
     * @param idlenessMs     how long a shard may stay silent (or, at startup, not answer at all)
     *                       before the watermark goes on without it; 0 waits for ever
     * @param assignedShards the shards the source subtask with this operator's index reads
     */
    public ShardWatermarks(long outOfOrdernessMs, long idlenessMs, AssignedShards assignedShards) {
        this.outOfOrdernessMs = outOfOrdernessMs;
        this.idlenessMs = idlenessMs;
        this.assignedShards = assignedShards;
        // An AbstractStreamOperator heads its own chain by default: chained to the source, records
        // reach it without being serialised between tasks, as a timestamp assigner's would.
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        subtask = index + "/" + parallelism;
        assigned = new TreeSet<>(assignedShards.of(index, parallelism));
        LOG.info("Source subtask {} reads shards {}: no watermark until each has delivered a record", subtask, assigned);
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
            for (String shard : assigned) {
                shards.put(shard, new ShardClock(now));
            }
        }
        if (idle) {
            idle = false;
            output.emitWatermarkStatus(WatermarkStatus.ACTIVE);
        }
        String shard = record.shard == null ? "" : record.shard;
        ShardClock clock = shards.get(shard);
        if (clock == null) {
            if (!assigned.isEmpty()) {
                LOG.info("Source subtask {} reads shard {}, which was not among its shards at startup (a resharding?)",
                        subtask, shard);
            }
            clock = new ShardClock(now);
            shards.put(shard, clock);
        }
        clock.lastSeen = now;
        clock.delivered = true;
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

    /**
     * Emits the minimum over the active shards; none while an active shard has no event time yet
     * (an assigned shard that has not answered), idle when no shard is active.
     */
    void advance(long now) {
        if (firstRecordAt == Long.MIN_VALUE) {
            return;
        }
        long min = Long.MAX_VALUE;
        for (Map.Entry<String, ShardClock> shard : shards.entrySet()) {
            ShardClock clock = shard.getValue();
            if (idlenessMs <= 0 || now - clock.lastSeen <= idlenessMs) {
                min = Math.min(min, clock.maxEventTime);
            } else if (!clock.delivered && !clock.reportedSilent) {
                clock.reportedSilent = true;
                LOG.warn("Shard {} (source subtask {}) delivered nothing within bars.idlenessMs={} of the subtask's "
                        + "first record; the watermark goes on without it until it does", shard.getKey(), subtask, idlenessMs);
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
        boolean delivered;
        boolean reportedSilent;

        ShardClock(long lastSeen) {
            this.lastSeen = lastSeen;
        }
    }
}
