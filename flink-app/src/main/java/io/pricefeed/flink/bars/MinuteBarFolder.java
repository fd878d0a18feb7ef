package io.pricefeed.flink.bars;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds one 1m bar from the session ticks that fall in it, given what the day saw before it
 * (DESIGN.md §4). Pure: the caller keeps the state, so a bar can be rebuilt when a late tick
 * revises it.
 *
 * <p>The rules, in the order a reader of the design will look for them:
 * <ul>
 *   <li>open/close are the first/last {@code ltp}; high/low the max/min {@code ltp}, widened when a
 *       tick's {@code dayHigh} rises above (or {@code dayLow} falls below) every earlier one of the
 *       day: that extreme traded since the previous tick, so it belongs in this bar;</li>
 *   <li>volume is the last tick's {@code cumVolume} minus the baseline (the last session tick of
 *       the day before this bar); vwap is the turnover difference over it, or the close at 0;</li>
 *   <li>the day's first tick before 09:16 means the producer saw the open: baseline 0, open =
 *       {@code dayOpen}, high/low widened by the day's range so far. A later first tick starts
 *       the day from its own {@code cumVolume} and {@code atp}, open = {@code ltp}, no widening:
 *       volume before the first observation is unknown and not invented;</li>
 *   <li>a tick whose {@code cumVolume} is below the day's last one cannot be right (the
 *       cumulative count only grows); it is set aside for the rejects, not folded in.</li>
 * </ul>
 * Ticks must be session ticks of one symbol in this bar, sorted by {@code ts} and de-duplicated.
 */
public final class MinuteBarFolder {
    /** A first tick before open + 60 s means the producer was up at the open. */
    static final long OPEN_GRACE_MS = 60_000L;

    private MinuteBarFolder() {
    }

    /** The bar (null when no tick could be used), the day state after it, and refused ticks. */
    public static final class Result {
        private final Bar bar;
        private final SessionState after;
        private final List<Tick> regressed;

        Result(Bar bar, SessionState after, List<Tick> regressed) {
            this.bar = bar;
            this.after = after;
            this.regressed = regressed;
        }

        public Bar bar() {
            return bar;
        }

        public SessionState after() {
            return after;
        }

        /** Ticks whose cumulative volume went backwards: for the rejects. */
        public List<Tick> regressed() {
            return regressed;
        }
    }

    public static Result fold(String symbol, long barStart, List<Tick> ticks, SessionState before) {
        long epochDay = TradingCalendar.tradeDate(barStart).toEpochDay();
        SessionState s = before != null && before.getEpochDay() == epochDay ? before.copy() : SessionState.newDay(epochDay);
        long sessionOpen = TradingCalendar.sessionOpen(TradingCalendar.tradeDate(barStart));

        long baseCum = s.getLastCumVolume();
        double baseTurnover = s.lastTurnover();
        double open = 0;
        double high = 0;
        double low = 0;
        double close = 0;
        long count = 0;
        List<Tick> regressed = Collections.emptyList();

        for (Tick t : ticks) {
            double ltp = t.getLtp();
            if (!s.isStarted()) {
                s.setStarted(true);
                if (t.getTs() < sessionOpen + OPEN_GRACE_MS) {
                    baseCum = 0;
                    baseTurnover = 0;
                    open = t.getDayOpen() > 0 ? t.getDayOpen() : ltp;
                    high = Math.max(ltp, t.getDayHigh() > 0 ? t.getDayHigh() : ltp);
                    low = Math.min(ltp, t.getDayLow() > 0 ? t.getDayLow() : ltp);
                    high = Math.max(high, open);
                    low = Math.min(low, open);
                } else {
                    baseCum = t.getCumVolume();
                    baseTurnover = t.getAtp() * t.getCumVolume();
                    open = ltp;
                    high = ltp;
                    low = ltp;
                }
            } else {
                if (t.getCumVolume() < s.getLastCumVolume()) {
                    if (regressed.isEmpty()) {
                        regressed = new ArrayList<>();
                    }
                    regressed.add(t);
                    continue;
                }
                if (count == 0) {
                    open = ltp;
                    high = ltp;
                    low = ltp;
                } else {
                    high = Math.max(high, ltp);
                    low = Math.min(low, ltp);
                }
                if (t.getDayHigh() > s.getDayHigh()) {
                    high = Math.max(high, t.getDayHigh());
                }
                if (t.getDayLow() > 0 && (s.getDayLow() <= 0 || t.getDayLow() < s.getDayLow())) {
                    low = Math.min(low, t.getDayLow());
                }
            }
            close = ltp;
            count++;
            remember(s, t);
        }
        if (count == 0) {
            return new Result(null, s, regressed);
        }
        long volume = s.getLastCumVolume() - baseCum;
        double turnover = s.lastTurnover() - baseTurnover;
        double vwap = volume > 0 ? turnover / volume : close;
        s.setLastClose(close);
        s.setLastBarStart(barStart);
        Bar bar = new Bar(symbol, Timeframe.M1, barStart, TradingCalendar.bucketEnd(Timeframe.M1, barStart),
                open, high, low, close, vwap, volume, count, 0, false);
        return new Result(bar, s, regressed);
    }

    /**
     * The flat bar of a minute without ticks when gap filling is on: the previous close, no
     * volume. Null before the day's first tick (there is nothing to carry forward).
     */
    public static Bar flatBar(String symbol, long barStart, SessionState before) {
        long epochDay = TradingCalendar.tradeDate(barStart).toEpochDay();
        if (before == null || !before.isStarted() || before.getEpochDay() != epochDay) {
            return null;
        }
        double c = before.getLastClose();
        return new Bar(symbol, Timeframe.M1, barStart, TradingCalendar.bucketEnd(Timeframe.M1, barStart),
                c, c, c, c, c, 0, 0, 0, false);
    }

    private static void remember(SessionState s, Tick t) {
        s.setLastCumVolume(t.getCumVolume());
        s.setLastAtp(t.getAtp());
        s.setDayHigh(Math.max(s.getDayHigh(), t.getDayHigh()));
        if (t.getDayLow() > 0) {
            s.setDayLow(s.getDayLow() > 0 ? Math.min(s.getDayLow(), t.getDayLow()) : t.getDayLow());
        }
    }
}
