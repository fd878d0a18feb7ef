package io.pricefeed.flink.ingest;

import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.metrics.Counter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The first operator of the job: raw Kinesis records in, ticks out. Heartbeats go to a side
 * output (they only advance the watermark) and every record the codec refuses goes to the
 * rejects side output with its reason and raw payload. Bad input never fails the job.
 */
public class DecodeRecords extends ProcessFunction<byte[], Tick> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Heartbeat> HEARTBEATS = new OutputTag<Heartbeat>("heartbeats") { };
    public static final OutputTag<Rejection> REJECTS = new OutputTag<Rejection>("rejects") { };
    static final String UNEXPECTED_TYPE = "unexpected_type";

    private transient Counter ticks;
    private transient Counter rejects;

    @Override
    public void open(Configuration parameters) {
        ticks = getRuntimeContext().getMetricGroup().counter("ticksDecoded");
        rejects = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<Tick> out) {
        // The future-timestamp check uses the processing clock; archived ticks are never ahead of it.
        long now = ctx.timerService().currentProcessingTime();
        DecodeResult result = WireCodec.decode(raw, now);
        // A reject has no trustworthy event time: it is filed under its arrival (the source's timestamp).
        long arrival = ctx.timestamp() != null ? ctx.timestamp() : now;
        if (result.isTick()) {
            ticks.inc();
            out.collect(result.tick());
        } else if (result.isHeartbeat()) {
            ctx.output(HEARTBEATS, result.heartbeat());
        } else if (result.isAccepted()) {
            rejects.inc();
            ctx.output(REJECTS, new Rejection(UNEXPECTED_TYPE, "a " + result.record().getClass().getSimpleName()
                    + " does not belong on the ticks stream", new String(raw, StandardCharsets.UTF_8), arrival));
        } else {
            rejects.inc();
            ctx.output(REJECTS, result.rejection().at(arrival));
        }
    }
}
