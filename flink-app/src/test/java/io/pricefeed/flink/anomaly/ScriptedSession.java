package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;

import io.pricefeed.flink.PlantedAnomalySession;
import io.pricefeed.flink.bars.MinuteBarFolder;
import io.pricefeed.flink.bars.SessionState;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two full, deterministic sessions of one symbol (no randomness: fixed zero-sum patterns), as the
 * anomaly operator would see them: six ticks a minute, and each minute's final 1m bar (built by the
 * real MinuteBarFolder) right after the next minute's first tick, as a watermark would finalise it.
 * The producer is up at the open both days, so each 09:15 bar carries the pre-open auction volume.
 *
 * <p>Day one is quiet. Day two has four planted events and nothing else:
 * <ol>
 *   <li>a 3.5 % gap open (09:15 bar);</li>
 *   <li>a 6 % spike tick vs the previous close at 10:55:25 (the bar closes back at normal prices);</li>
 *   <li>a 10x volume burst in the 11:45 bar (its return is ordinary);</li>
 *   <li>a 4.5 standard deviation 1m return in the 12:35 bar (its volume is ordinary).</li>
 * </ol>
 * The gap is also an overnight return of about 3.5 %: the z-score rule must not count it.
 */
final class ScriptedSession {
    static final double DAY1_PREV_CLOSE = 1000.0;
    static final double GAP = 0.035;
    static final double SPIKE = 0.06;
    static final double JUMP_SIGMAS = 4.5;
    static final int SPIKE_MINUTE = 100;
    static final int BURST_MINUTE = 150;
    static final int JUMP_MINUTE = 200;
    static final long PRE_OPEN_VOLUME = 250_000;
    static final long NORMAL_VOLUME = 10_000;
    static final long BURST_VOLUME = 100_000;

    private static final double BASE = 0.0005;
    /** 1m log returns in units of BASE; sums to 0 so the price does not drift. */
    private static final double[] RETURN_PATTERN = {1.0, -0.6, 0.3, -1.2, 0.8, -0.4, 0.9, -0.8, 0.2, -0.2};
    /** 1m volume offsets in units of 500; sums to 0 so any 20 consecutive minutes average NORMAL_VOLUME. */
    private static final int[] VOLUME_PATTERN = {0, 3, -2, 1, -3, 2, -1, 4, -4, 0};
    private static final int TICKS_PER_MINUTE = 6;

    /** The events (Tick or Bar) in feed order, and the previous close each day reported. */
    final List<Object> events = new ArrayList<>();
    final double day2PrevClose;

    private ScriptedSession() {
        double day1Close = day(DAY1, DAY1_PREV_CLOSE, DAY1_PREV_CLOSE * 1.0005, false);
        this.day2PrevClose = day1Close;
        day(DAY2, day1Close, day1Close * (1 + GAP), true);
    }

    static ScriptedSession build() {
        return new ScriptedSession();
    }

    List<Object> events() {
        return Collections.unmodifiableList(events);
    }

    /** One session; returns its last close. */
    private double day(LocalDate day, double prevClose, double dayOpen, boolean planted) {
        long open = TradingCalendar.sessionOpen(day);
        int minutes = TradingCalendar.barsPerSession(Timeframe.M1);
        List<Double> closes = new ArrayList<>();
        SessionState session = null;
        Bar pending = null;
        long cum = PRE_OPEN_VOLUME;
        double turnover = PRE_OPEN_VOLUME * dayOpen;
        double dayHigh = dayOpen;
        double dayLow = dayOpen;
        double last = dayOpen;
        for (int m = 0; m < minutes; m++) {
            long barStart = open + m * 60_000L;
            double logReturn = planted && m == JUMP_MINUTE ? jump(closes) : BASE * RETURN_PATTERN[m % RETURN_PATTERN.length];
            double close = last * Math.exp(logReturn);
            long volume = planted && m == BURST_MINUTE ? BURST_VOLUME
                    : NORMAL_VOLUME + 500L * VOLUME_PATTERN[m % VOLUME_PATTERN.length];
            List<Tick> ticks = new ArrayList<>();
            for (int j = 0; j < TICKS_PER_MINUTE; j++) {
                double ltp = j == TICKS_PER_MINUTE - 1 ? close : last + (close - last) * (j + 1) / TICKS_PER_MINUTE;
                if (planted && m == SPIKE_MINUTE && j == 2) {
                    ltp = prevClose * (1 + SPIKE);
                }
                long increment = j == TICKS_PER_MINUTE - 1 ? volume - (volume / TICKS_PER_MINUTE) * (TICKS_PER_MINUTE - 1)
                        : volume / TICKS_PER_MINUTE;
                cum += increment;
                turnover += ltp * increment;
                dayHigh = Math.max(dayHigh, ltp);
                dayLow = Math.min(dayLow, ltp);
                ticks.add(new Tick(SYM, barStart + 5_000 + j * 10_000L, ltp, cum, turnover / cum, dayOpen, dayHigh,
                        dayLow, prevClose, ltp - 0.05, ltp));
            }
            events.add(ticks.get(0));
            if (pending != null) {
                events.add(pending);
            }
            events.addAll(ticks.subList(1, ticks.size()));
            MinuteBarFolder.Result folded = MinuteBarFolder.fold(SYM, barStart, ticks, session);
            session = folded.after();
            pending = folded.bar();
            pending.setFinalBar(true);
            closes.add(close);
            last = close;
        }
        events.add(pending);
        return last;
    }

    /** A log return JUMP_SIGMAS sample deviations above the mean of the last 30 returns of the day. */
    private static double jump(List<Double> closes) {
        return PlantedAnomalySession.returnAboveWindow(closes, JUMP_SIGMAS);
    }
}
