package io.pricefeed.flink.ingest;

import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * The first operator after the source: ticks go on, rejections go to {@link #REJECTS} (and from
 * there to the lake's {@code rejects/}), and heartbeats end here: they have already done their
 * work, moving the watermark in the source. Bad input never fails the job.
 */
public class RouteTickStream extends ProcessFunction<TickStreamRecord, Tick> {
    private static final long serialVersionUID = 1L;

    public static final OutputTag<Rejection> REJECTS = new OutputTag<Rejection>("rejects") { };

    private transient Counter ticks;
    private transient Counter heartbeats;
    private transient Counter rejects;

    @Override
    public void open(Configuration parameters) {
        ticks = getRuntimeContext().getMetricGroup().counter("ticksIn");
        heartbeats = getRuntimeContext().getMetricGroup().counter("heartbeatsIn");
        rejects = getRuntimeContext().getMetricGroup().counter("recordsRejected");
    }

    @Override
    public void processElement(TickStreamRecord record, Context ctx, Collector<Tick> out) {
        if (record.tick != null) {
            ticks.inc();
            out.collect(record.tick);
        } else if (record.heartbeat != null) {
            heartbeats.inc();
        } else {
            rejects.inc();
            ctx.output(REJECTS, record.rejection);
        }
    }
}
