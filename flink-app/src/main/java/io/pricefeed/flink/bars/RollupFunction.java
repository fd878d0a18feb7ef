package io.pricefeed.flink.bars;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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

    private final long allowedLatenessMs;
    private final TradingCalendar calendar;
    private transient Map<Timeframe, ValueState<RollupAccumulator>> open;

    public RollupFunction(long allowedLatenessMs, TradingCalendar calendar) {
        this.allowedLatenessMs = allowedLatenessMs;
        this.calendar = calendar;
    }

    @Override
    public void open(Configuration parameters) {
        open = new EnumMap<>(Timeframe.class);
        for (Timeframe tf : ROLLUPS) {
            open.put(tf, getRuntimeContext().getState(
                    new ValueStateDescriptor<>("rollup-" + tf.label(), TypeInformation.of(RollupAccumulator.class))));
        }
    }

    @Override
    public void processElement(Bar minute, Context ctx, Collector<Bar> out) throws Exception {
        if (!minute.isFinalBar() || minute.getTimeframe() != Timeframe.M1) {
            throw new IllegalArgumentException("rollups take final 1m bars only, got " + minute);
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
