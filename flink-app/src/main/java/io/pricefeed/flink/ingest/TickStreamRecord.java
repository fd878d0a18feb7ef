package io.pricefeed.flink.ingest;

import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One record of the {@code ticks} stream, decoded where it is read: exactly one of a tick, a
 * heartbeat or a rejection. Decoding in the source (not in a later operator) is what lets the
 * source keep one watermark per shard from the ticks' and heartbeats' own timestamps.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so it travels without Kryo.
 */
public class TickStreamRecord {
    /** Anything but a tick or heartbeat on the ticks stream (an anomaly, say) is refused. */
    static final String UNEXPECTED_TYPE = "unexpected_type";

    public Tick tick;
    public Heartbeat heartbeat;
    public Rejection rejection;
    /** The Kinesis shard it was read from; null for archived input. */
    public String shard;

    public TickStreamRecord() {
    }

    public static TickStreamRecord of(Tick tick) {
        TickStreamRecord record = new TickStreamRecord();
        record.tick = Objects.requireNonNull(tick, "tick");
        return record;
    }

    public static TickStreamRecord of(Heartbeat heartbeat) {
        TickStreamRecord record = new TickStreamRecord();
        record.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        return record;
    }

    public static TickStreamRecord of(Rejection rejection) {
        TickStreamRecord record = new TickStreamRecord();
        record.rejection = Objects.requireNonNull(rejection, "rejection");
        return record;
    }

    /**
     * Decodes one raw record with the model's codec; never throws.
     *
     * @param arrivalMillis when the record reached the stream: a rejection has no trustworthy
     *                      event time of its own, so it is filed under this
     * @param nowMillis     the processing clock, for the codec's future-timestamp check
     */
    public static TickStreamRecord decode(byte[] raw, long arrivalMillis, long nowMillis) {
        DecodeResult result = WireCodec.decode(raw, nowMillis);
        if (result.isTick()) {
            return of(result.tick());
        }
        if (result.isHeartbeat()) {
            return of(result.heartbeat());
        }
        if (result.isAccepted()) {
            return of(new Rejection(UNEXPECTED_TYPE, "a " + result.record().getClass().getSimpleName()
                    + " does not belong on the ticks stream", new String(raw, StandardCharsets.UTF_8), arrivalMillis));
        }
        return of(result.rejection().at(arrivalMillis));
    }

    /** The event time: the tick's or heartbeat's {@code ts}, a rejection's arrival. */
    public long eventTime() {
        if (tick != null) {
            return tick.getTs();
        }
        return heartbeat != null ? heartbeat.getTs() : rejection.getTs();
    }

    /** Ticks and heartbeats move the watermark; a rejection's arrival time says nothing about event time. */
    public boolean carriesEventTime() {
        return tick != null || heartbeat != null;
    }

    /** The same record, marked with the shard it came from. */
    public TickStreamRecord fromShard(String shardId) {
        this.shard = shardId;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TickStreamRecord)) {
            return false;
        }
        TickStreamRecord other = (TickStreamRecord) o;
        return Objects.equals(tick, other.tick) && Objects.equals(heartbeat, other.heartbeat)
                && Objects.equals(rejection, other.rejection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tick, heartbeat, rejection);
    }

    @Override
    public String toString() {
        return tick != null ? tick.toString() : heartbeat != null ? heartbeat.toString() : rejection.toString();
    }
}
