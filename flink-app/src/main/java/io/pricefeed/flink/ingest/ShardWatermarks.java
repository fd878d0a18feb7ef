package io.pricefeed.flink.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
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
 * {@code PricefeedJobITCase}: half the session's ticks rejected as late).
 *
 * <p>Restore: each checkpoint keeps every shard's clock (union state, so a change of parallelism
 * still finds them), taken at the same barrier as the consumer's sequence numbers since the two
 * are chained. After a restore a shard whose clock came back counts as heard from at once: its
 * clock is exactly where the consumer resumes it. Without that, a shard the consumer had read to
 * its end would hold the watermark until the idleness interval (a finite stream in a test), and a
 * subtask with nothing left to read would never start its watermark at all.
 *
 * <p>Invariant: this operator runs with the source's parallelism behind a forward edge, chained
 * to it, so its subtask index is the source subtask's and the assignment it asks about is the one
 * that subtask reads ({@link KinesisTickInput} builds it so; {@code KinesisTickInputTest} checks).
 *
 * <p>A shard silent for longer than the idleness interval leaves the minimum (the safety net if
 * the producer stops); an assigned shard counts as heard from when the subtask starts (its first
 * record, or its restore), so one that never delivers holds the watermark for at most that
 * interval, and is then named in a WARN and left out until it delivers. When all are silent the
 * subtask is marked idle. Shards that appear later (a resharding) join the minimum when they first
 * deliver.
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
    private transient ListState<Tuple2<String, Long>> checkpointedClocks;
    /** Each shard's largest event time as of the checkpoint restored; empty on a fresh start. */
    private transient Map<String, Long> restored;
    private transient Map<String, ShardClock> shards;
    /** When the subtask's first record came or it was restored (processing time); MIN_VALUE before. */
    private transient long startedAt;
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
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        checkpointedClocks = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("shard-clocks", Types.TUPLE(Types.STRING, Types.LONG)));
        restored = new HashMap<>();
        if (context.isRestored()) {
            for (Tuple2<String, Long> clock : checkpointedClocks.get()) {
                restored.merge(clock.f0, clock.f1, Math::max);
            }
        }
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        List<Tuple2<String, Long>> clocks = new ArrayList<>();
        for (Map.Entry<String, ShardClock> shard : shards.entrySet()) {
            if (shard.getValue().maxEventTime != Long.MIN_VALUE) {
                clocks.add(Tuple2.of(shard.getKey(), shard.getValue().maxEventTime));
            }
        }
        checkpointedClocks.update(clocks);
    }

    @Override
    public void open() throws Exception {
        super.open();
        int index = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        subtask = index + "/" + parallelism;
        assigned = new TreeSet<>(assignedShards.of(index, parallelism));
        shards = new HashMap<>();
        startedAt = Long.MIN_VALUE;
        emitted = Long.MIN_VALUE;
        emitIntervalMs = Math.max(1, getExecutionConfig().getAutoWatermarkInterval());
        Set<String> resumed = new TreeSet<>(assigned);
        resumed.retainAll(restored.keySet());
        Set<String> awaited = new TreeSet<>(assigned);
        awaited.removeAll(resumed);
        LOG.info("Source subtask {} reads shards {}; resumes {} at their checkpointed clocks; no watermark until {} "
                + "have delivered a record", subtask, assigned, resumed, awaited);
        if (!resumed.isEmpty()) {
            start(getProcessingTimeService().getCurrentProcessingTime());
        }
        schedule();
    }

    /** From now on every assigned shard counts as heard from: each holds the watermark until it delivers, or for the idleness interval. */
    private void start(long now) {
        startedAt = now;
        for (String shard : assigned) {
            ShardClock clock = new ShardClock(now);
            Long resumedAt = restored.get(shard);
            if (resumedAt != null) {
                clock.maxEventTime = resumedAt;
                clock.delivered = true;
            }
            shards.put(shard, clock);
        }
    }

    @Override
    public void processElement(StreamRecord<TickStreamRecord> element) {
        TickStreamRecord record = element.getValue();
        long now = getProcessingTimeService().getCurrentProcessingTime();
        if (startedAt == Long.MIN_VALUE) {
            start(now);
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
        if (startedAt == Long.MIN_VALUE) {
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
                        + "start; the watermark goes on without it until it does", shard.getKey(), subtask, idlenessMs);
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
            if (emitted == Long.MIN_VALUE) {
                LOG.info("Source subtask {}: first watermark {} ms after its start, over shards {}", subtask,
                        now - startedAt, shards.keySet());
            }
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
