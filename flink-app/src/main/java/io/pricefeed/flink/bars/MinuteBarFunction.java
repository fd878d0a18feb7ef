package io.pricefeed.flink.bars;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Session ticks of one symbol (keyed by symbol) to 1m bars in event time. The bar rules live in
 * {@link MinuteBarFolder}; this operator decides <em>when</em>:
 * <ul>
 *   <li>a bar <b>closes</b> when the watermark reaches its end: it is emitted with revision 0,
 *       not final;</li>
 *   <li>a tick for a closed bar within the allowed lateness <b>revises</b> it: re-emitted at once
 *       with revision + 1;</li>
 *   <li>a bar is <b>final</b> when the watermark passes its end plus the allowed lateness: emitted
 *       once more with {@code finalBar = true}, and its ticks leave state;</li>
 *   <li>a tick for a final bar goes to {@link #REJECTS} as {@code late}; a duplicate (same ts)
 *       counts once.</li>
 * </ul>
 * With gap filling on, minutes without ticks between the day's first tick and 15:30 become flat
 * final bars at the previous close. Timers use the bar's last millisecond, as Flink's windows do.
 *
 * <p>When the watermark passes the day's end (15:30 plus the allowed lateness) and no bar is
 * pending, the symbol's state is cleared and a deferred live update cancelled: a finished day
 * leaves no keyed state and no timer behind (a later tick of that day is {@code late} anyway).
 * Every bar registers that day-end timer, so a symbol that stops trading mid-session is cleared too.
 */
public class MinuteBarFunction extends KeyedProcessFunction<String, Tick, Bar> {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = Timeframe.M1.nominalMillis();

    public static final OutputTag<Rejection> REJECTS = new OutputTag<Rejection>("bar-rejects") { };
    /** Accumulators, for a running job's progress: final 1m bars, and the event time the timers have reached. */
    public static final String FINAL_BARS_ACCUMULATOR = "finalMinuteBars";
    public static final String EVENT_TIME_ACCUMULATOR = "eventTime";
    /** No live bars: a replay has nowhere to show them. */
    public static final long LIVE_OFF = -1;
    public static final String VOLUME_REGRESSED = "volume_regressed";

    private final long allowedLatenessMs;
    private final boolean fillGaps;
    private final TradingCalendar calendar;
    private final long liveIntervalMs;

    /**
     * Ticks of bars that are not final yet, by bar start, each list in ts order without
     * duplicates. Keyed by bar so a timer touches only its bar: in a batch replay a whole day is
     * pending when the timers start to fire.
     */
    private transient MapState<Long, List<Tick>> pending;
    /** Closed, not yet final bars and their current revision. */
    private transient MapState<Long, Integer> closed;
    /** The day as of the last final bar. */
    private transient ValueState<SessionState> day;
    /** Processing time of the last live emission, and whether a deferred one is scheduled. */
    private transient ValueState<Long> lastLive;
    private transient ValueState<Boolean> liveScheduled;
    private transient LongCounter finalBars;
    private transient LongMaximum eventTime;
    private transient Counter lateTicks;
    private transient Counter duplicateTicks;

    public MinuteBarFunction(long allowedLatenessMs, boolean fillGaps, TradingCalendar calendar) {
        this(allowedLatenessMs, fillGaps, calendar, LIVE_OFF);
    }

    /**
     * With live bars: the forming bar, not final and at its current revision, at most every
     * {@code liveIntervalMs} of processing time ({@link #LIVE_OFF}: none). They share the main
     * output with the closed and final bars, so one channel keeps each minute's versions in order.
     */
    public MinuteBarFunction(long allowedLatenessMs, boolean fillGaps, TradingCalendar calendar, long liveIntervalMs) {
        if (allowedLatenessMs < 0) {
            throw new IllegalArgumentException("allowed lateness must be >= 0, got " + allowedLatenessMs);
        }
        this.allowedLatenessMs = allowedLatenessMs;
        this.fillGaps = fillGaps;
        this.calendar = calendar;
        this.liveIntervalMs = liveIntervalMs;
    }

    @Override
    public void open(Configuration parameters) {
        pending = getRuntimeContext().getMapState(
                new MapStateDescriptor<>("pending", Types.LONG, Types.LIST(TypeInformation.of(Tick.class))));
        closed = getRuntimeContext().getMapState(new MapStateDescriptor<>("closed", Types.LONG, Types.INT));
        day = getRuntimeContext().getState(new ValueStateDescriptor<>("day", TypeInformation.of(SessionState.class)));
        lastLive = getRuntimeContext().getState(new ValueStateDescriptor<>("last-live", Types.LONG));
        liveScheduled = getRuntimeContext().getState(new ValueStateDescriptor<>("live-scheduled", Types.BOOLEAN));
        lateTicks = getRuntimeContext().getMetricGroup().counter("lateTicks");
        finalBars = getRuntimeContext().getLongCounter(FINAL_BARS_ACCUMULATOR);
        // One per task: a test harness may open the function twice on the same context.
        eventTime = (LongMaximum) getRuntimeContext().<Long, Long>getAccumulator(EVENT_TIME_ACCUMULATOR);
        if (eventTime == null) {
            eventTime = new LongMaximum();
            getRuntimeContext().addAccumulator(EVENT_TIME_ACCUMULATOR, eventTime);
        }
        duplicateTicks = getRuntimeContext().getMetricGroup().counter("duplicateTicks");
    }

    @Override
    public void processElement(Tick tick, Context ctx, Collector<Bar> out) throws Exception {
        if (!calendar.isSessionTime(tick.getTs())) {
            return; // only session ticks make bars; the job routes the rest to the archive alone
        }
        long barStart = calendar.bucketStart(Timeframe.M1, tick.getTs());
        long watermark = ctx.timerService().currentWatermark();
        if (finalAt(barStart) <= watermark) {
            lateTicks.inc();
            ctx.output(REJECTS, reject(Rejection.LATE, "tick for the final bar starting "
                    + TradingCalendar.formatIst(barStart) + " arrived after its allowed lateness of "
                    + allowedLatenessMs + " ms", tick));
            return;
        }
        List<Tick> ticks = pending.get(barStart);
        boolean newBar = ticks == null;
        if (newBar) {
            ticks = new ArrayList<>();
        }
        int at = insertionPoint(ticks, tick.getTs());
        if (at < 0) {
            duplicateTicks.inc();
            return;
        }
        ticks.add(at, tick);
        pending.put(barStart, ticks);
        if (newBar) {
            // Once per bar, not per tick: registering is idempotent but not free on the hot path.
            ctx.timerService().registerEventTimeTimer(closeAt(barStart));
            ctx.timerService().registerEventTimeTimer(finalAt(barStart));
            // Gap filling up to 15:30 and the day's clean-up; for the 15:29 bar it is its final timer.
            ctx.timerService().registerEventTimeTimer(dayEndAt(TradingCalendar.tradeDate(barStart)));
        }
        if (closeAt(barStart) <= watermark) {
            // The bar has closed already: this tick revises it.
            int revision = closed.contains(barStart) ? closed.get(barStart) + 1 : 0;
            closed.put(barStart, revision);
            emitNonFinal(ctx.getCurrentKey(), barStart, revision, out);
        } else if (liveIntervalMs >= 0) {
            offerLive(ctx, barStart, out);
        }
    }

    /** Shows the forming bar now, or schedules it for when the live interval since the last one is up. */
    private void offerLive(Context ctx, long barStart, Collector<Bar> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        Long last = lastLive.value();
        if (last == null || now - last >= liveIntervalMs) {
            emitLive(ctx.getCurrentKey(), barStart, now, out);
        } else if (liveScheduled.value() == null) {
            liveScheduled.update(true);
            ctx.timerService().registerProcessingTimeTimer(last + liveIntervalMs);
        }
    }

    private void emitLive(String symbol, long barStart, long now, Collector<Bar> out) throws Exception {
        Bar bar = rebuild(symbol, barStart);
        if (bar != null) {
            out.collect(bar);
        }
        lastLive.update(now);
    }

    /** A deferred live update: the newest bar that is still open, if any. */
    private void onLiveTimer(OnTimerContext ctx, Collector<Bar> out) throws Exception {
        liveScheduled.clear();
        long watermark = ctx.timerService().currentWatermark();
        Long newest = null;
        for (Long barStart : pending.keys()) {
            if (closeAt(barStart) > watermark && (newest == null || barStart > newest)) {
                newest = barStart;
            }
        }
        if (newest != null) {
            emitLive(ctx.getCurrentKey(), newest, ctx.timerService().currentProcessingTime(), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Bar> out) throws Exception {
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            onLiveTimer(ctx, out);
            return;
        }
        String symbol = ctx.getCurrentKey();
        eventTime.add(timestamp);
        TreeMap<Long, List<Tick>> byBar = pendingByBar();

        // Finalise, oldest first, every bar whose lateness has run out.
        SessionState state = day.value();
        for (Iterator<Map.Entry<Long, List<Tick>>> it = byBar.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, List<Tick>> bar = it.next();
            if (finalAt(bar.getKey()) > timestamp) {
                break;
            }
            state = fillGapsUpTo(symbol, bar.getKey(), state, out);
            MinuteBarFolder.Result r = MinuteBarFolder.fold(symbol, bar.getKey(), bar.getValue(), state);
            for (Tick t : r.regressed()) {
                ctx.output(REJECTS, reject(VOLUME_REGRESSED, "cumVolume " + t.getCumVolume()
                        + " is below an earlier tick's of the same day", t));
            }
            if (r.bar() != null) {
                Bar finalBar = r.bar();
                finalBar.setRevision(closed.contains(bar.getKey()) ? closed.get(bar.getKey()) : 0);
                finalBar.setFinalBar(true);
                finalBars.add(1);
                out.collect(finalBar);
            }
            state = r.after();
            closed.remove(bar.getKey());
            pending.remove(bar.getKey());
            it.remove();
        }
        if (fillGaps && state != null && state.isStarted()) {
            LocalDate date = LocalDate.ofEpochDay(state.getEpochDay());
            if (dayEndAt(date) <= timestamp) {
                state = fillGapsUpTo(symbol, TradingCalendar.sessionClose(date), state, out);
            }
        }
        if (byBar.isEmpty() && (state == null || dayEndAt(LocalDate.ofEpochDay(state.getEpochDay())) <= timestamp)) {
            clearDay(ctx);
            return;
        }
        day.update(state);

        // Close the bars whose end the watermark has reached.
        for (Long barStart : byBar.keySet()) {
            if (closeAt(barStart) <= timestamp && !closed.contains(barStart)) {
                closed.put(barStart, 0);
                emitNonFinal(symbol, barStart, 0, out);
            }
        }
    }

    /**
     * The day is over and nothing is pending: forget the symbol until its next tick. The day's state
     * only serves that day's bars (a tick of another day starts afresh); the live throttle restarts
     * with the next tick, and a deferred live update would find no open bar.
     */
    private void clearDay(OnTimerContext ctx) throws Exception {
        day.clear();
        closed.clear();
        Long last = lastLive.value();
        if (liveScheduled.value() != null && last != null) {
            ctx.timerService().deleteProcessingTimeTimer(last + liveIntervalMs);
        }
        liveScheduled.clear();
        lastLive.clear();
    }

    /** A closed (not yet final) bar, at the given revision. */
    private void emitNonFinal(String symbol, long barStart, int revision, Collector<Bar> out) throws Exception {
        Bar result = rebuild(symbol, barStart);
        if (result != null) {
            result.setRevision(revision);
            out.collect(result);
        }
    }

    /** Rebuilds a bar that is not final from the final state plus the pending ticks of earlier bars. */
    private Bar rebuild(String symbol, long barStart) throws Exception {
        SessionState state = day.value();
        Bar result = null;
        for (Map.Entry<Long, List<Tick>> bar : pendingByBar().headMap(barStart, true).entrySet()) {
            MinuteBarFolder.Result r = MinuteBarFolder.fold(symbol, bar.getKey(), bar.getValue(), state);
            state = r.after();
            result = bar.getKey() == barStart ? r.bar() : null;
        }
        return result;
    }

    /** Flat final bars for the minutes between the day's last bar and {@code untilBarStart}. */
    private SessionState fillGapsUpTo(String symbol, long untilBarStart, SessionState state, Collector<Bar> out) {
        if (!fillGaps || state == null || !state.isStarted()
                || TradingCalendar.tradeDate(untilBarStart - 1).toEpochDay() != state.getEpochDay()) {
            return state;
        }
        SessionState s = state;
        for (long m = s.getLastBarStart() + MINUTE; m < untilBarStart; m += MINUTE) {
            Bar flat = MinuteBarFolder.flatBar(symbol, m, s);
            flat.setFinalBar(true);
            out.collect(flat);
            s = s.copy();
            s.setLastBarStart(m);
        }
        return s;
    }

    private TreeMap<Long, List<Tick>> pendingByBar() throws Exception {
        TreeMap<Long, List<Tick>> byBar = new TreeMap<>();
        for (Map.Entry<Long, List<Tick>> e : pending.entries()) {
            byBar.put(e.getKey(), e.getValue());
        }
        return byBar;
    }

    /** Where a tick of this ts goes in a ts-ordered list, or -1 when that ts is there already. */
    private static int insertionPoint(List<Tick> ticks, long ts) {
        int i = ticks.size();
        while (i > 0 && ticks.get(i - 1).getTs() > ts) {
            i--; // ticks arrive nearly in order: scan from the end
        }
        return i > 0 && ticks.get(i - 1).getTs() == ts ? -1 : i;
    }

    private static long closeAt(long barStart) {
        return barStart + MINUTE - 1;
    }

    private long finalAt(long barStart) {
        return barStart + MINUTE - 1 + allowedLatenessMs;
    }

    /** When the day's 15:29 bar is final: nothing of that day can change after it. */
    private long dayEndAt(LocalDate date) {
        return TradingCalendar.sessionClose(date) - 1 + allowedLatenessMs;
    }

    private static Rejection reject(String reason, String detail, Tick tick) {
        return new Rejection(reason, detail, new String(WireCodec.encode(tick), StandardCharsets.UTF_8), tick.getTs());
    }
}
