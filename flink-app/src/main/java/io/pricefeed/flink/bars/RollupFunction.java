package io.pricefeed.flink.bars;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Final 1m bars of one symbol (keyed by symbol) to final 5m, 15m, 1h and 1d bars. A rollup is
 * emitted when the watermark passes its end plus the allowed lateness: by then every 1m bar in
 * it is final, because the minute operator finalises each at its own end plus the same lateness
 * and emits it ahead of that watermark.
 */
public class RollupFunction extends KeyedProcessFunction<String, Bar, Bar> {
    private static final long serialVersionUID = 1L;
    static final List<Timeframe> ROLLUPS = List.of(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);
    /** Forming 5m, 15m, 1h and 1d bars: the final minutes so far plus the newer closed or forming ones. */
    public static final OutputTag<Bar> LIVE = new OutputTag<Bar>("live-rollups") { };

    private final long allowedLatenessMs;
    private final TradingCalendar calendar;
    private final boolean live;
    private transient Map<Timeframe, ValueState<RollupAccumulator>> open;
    /** The latest version of each minute that is not final yet, by bar start. */
    private transient MapState<Long, Bar> provisional;

    public RollupFunction(long allowedLatenessMs, TradingCalendar calendar) {
        this(allowedLatenessMs, calendar, false);
    }

    /** With {@code live}, non-final 1m bars are taken too, and each one emits the forming rollups to {@link #LIVE}. */
    public RollupFunction(long allowedLatenessMs, TradingCalendar calendar, boolean live) {
        this.allowedLatenessMs = allowedLatenessMs;
        this.calendar = calendar;
        this.live = live;
    }

    @Override
    public void open(Configuration parameters) {
        open = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : ROLLUPS) {
            open.put(tf, getRuntimeContext().getState(
                    new ValueStateDescriptor<>("rollup-" + tf.label(), TypeInformation.of(RollupAccumulator.class))));
        }
        provisional = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("provisional", Types.LONG, TypeInformation.of(Bar.class)));
    }

    @Override
    public void processElement(Bar minute, Context ctx, Collector<Bar> out) throws Exception {
        if (minute.getTimeframe() != Timeframe.M1 || (!minute.isFinalBar() && !live)) {
            throw new IllegalArgumentException("rollups take " + (live ? "" : "final ") + "1m bars only, got " + minute);
        }
        if (!minute.isFinalBar()) {
            provisional.put(minute.getBarStart(), minute);
            emitLive(minute.getBarStart(), ctx);
            return;
        }
        if (live) {
            provisional.remove(minute.getBarStart());
        }
        for (Timeframe tf : ROLLUPS) {
            long start = calendar.bucketStart(tf, minute.getBarStart());
            ValueState<RollupAccumulator> state = open.get(tf);
            RollupAccumulator acc = state.value();
            if (acc != null && acc.getBarStart() != start) {
                out.collect(acc.toBar(true)); // a bucket whose timer has not fired yet: never expected, never lost
                acc = null;
            }
            if (acc == null) {
                acc = new RollupAccumulator(minute.getSymbol(), tf, start);
                ctx.timerService().registerEventTimeTimer(TradingCalendar.bucketEnd(tf, start) - 1 + allowedLatenessMs);
            }
            acc.add(minute);
            state.update(acc);
        }
    }

    /** For each rollup, the bucket holding {@code minuteStart}: its final minutes plus the provisional ones. */
    private void emitLive(long minuteStart, Context ctx) throws Exception {
        TreeMap<Long, Bar> newer = new TreeMap<>();
        for (Map.Entry<Long, Bar> e : provisional.entries()) {
            newer.put(e.getKey(), e.getValue());
        }
        for (Timeframe tf : ROLLUPS) {
            long start = calendar.bucketStart(tf, minuteStart);
            RollupAccumulator acc = open.get(tf).value();
            RollupAccumulator forming = acc != null && acc.getBarStart() == start ? acc.copy()
                    : new RollupAccumulator(ctx.getCurrentKey(), tf, start);
            for (Bar m : newer.values()) {
                if (calendar.bucketStart(tf, m.getBarStart()) == start) {
                    forming.add(m);
                }
            }
            if (!forming.isEmpty()) {
                ctx.output(LIVE, forming.toBar(false));
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bar> out) throws Exception {
        for (Timeframe tf : ROLLUPS) {
            ValueState<RollupAccumulator> state = open.get(tf);
            RollupAccumulator acc = state.value();
            if (acc != null && TradingCalendar.bucketEnd(tf, acc.getBarStart()) - 1 + allowedLatenessMs <= timestamp) {
                out.collect(acc.toBar(true));
                state.clear();
            }
        }
    }
}
