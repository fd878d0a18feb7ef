package io.pricefeed.flink.ingest;

import java.time.Duration;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Bounded out-of-orderness over one ordered input (DESIGN.md §4): the watermark trails the
 * largest event time seen by the allowed disorder. Heartbeats count as event time, which is what
 * moves the watermark, and so closes bars, for symbols that stopped trading and after 15:30;
 * rejections do not, since their timestamp is an arrival time.
 *
 * <p>For archived and test inputs. Kinesis input, where several shards share a subtask, uses
 * {@link ShardWatermarks}, which applies this rule per shard.
 */
public final class TickWatermarks implements WatermarkGenerator<TickStreamRecord> {
    private final long outOfOrdernessMs;
    private long maxEventTime = Long.MIN_VALUE;

    public TickWatermarks(long outOfOrdernessMs) {
        if (outOfOrdernessMs < 0) {
            throw new IllegalArgumentException("out-of-orderness must be >= 0, got " + outOfOrdernessMs);
        }
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    /** The rule as a {@link WatermarkStrategy}, with idleness (when > 0) as the safety net for a silent input. */
    public static WatermarkStrategy<TickStreamRecord> strategy(long outOfOrdernessMs, long idlenessMs) {
        WatermarkStrategy<TickStreamRecord> strategy = WatermarkStrategy
                .<TickStreamRecord>forGenerator(context -> new TickWatermarks(outOfOrdernessMs))
                .withTimestampAssigner((SerializableTimestampAssigner<TickStreamRecord>) (record, previous) ->
                        record.eventTime());
        return idlenessMs > 0 ? strategy.withIdleness(Duration.ofMillis(idlenessMs)) : strategy;
    }

    /** The watermark for a largest event time: Flink's convention, everything at or before it has arrived. */
    static long watermarkFor(long maxEventTime, long outOfOrdernessMs) {
        return maxEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime - outOfOrdernessMs - 1;
    }

    @Override
    public void onEvent(TickStreamRecord record, long eventTimestamp, WatermarkOutput output) {
        if (record.carriesEventTime()) {
            maxEventTime = Math.max(maxEventTime, record.eventTime());
        }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (maxEventTime != Long.MIN_VALUE) {
            output.emitWatermark(new Watermark(watermarkFor(maxEventTime, outOfOrdernessMs)));
        }
    }
}
