package io.pricefeed.flink.ingest;

import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import org.apache.flink.api.common.accumulators.LongCounter;
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
    /** Accumulators, so a finished (replay) job can report what it read. */
    public static final String TICKS_ACCUMULATOR = "ticks";
    public static final String REJECTS_ACCUMULATOR = "rejects";

    private transient Counter ticks;
    private transient Counter heartbeats;
    private transient Counter rejects;
    private transient LongCounter ticksTotal;
    private transient LongCounter rejectsTotal;

    @Override
    public void open(Configuration parameters) {
        ticks = getRuntimeContext().getMetricGroup().counter("ticksIn");
        heartbeats = getRuntimeContext().getMetricGroup().counter("heartbeatsIn");
        rejects = getRuntimeContext().getMetricGroup().counter("recordsRejected");
        ticksTotal = getRuntimeContext().getLongCounter(TICKS_ACCUMULATOR);
        rejectsTotal = getRuntimeContext().getLongCounter(REJECTS_ACCUMULATOR);
    }

    @Override
    public void processElement(TickStreamRecord record, Context ctx, Collector<Tick> out) {
        if (record.tick != null) {
            ticks.inc();
            ticksTotal.add(1);
            out.collect(record.tick);
        } else if (record.heartbeat != null) {
            heartbeats.inc();
        } else {
            rejects.inc();
            rejectsTotal.add(1);
            ctx.output(REJECTS, record.rejection);
        }
    }
}
