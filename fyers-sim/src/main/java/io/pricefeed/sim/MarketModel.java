package io.pricefeed.sim;

import io.pricefeed.model.TradingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated NSE cash market behind fyers-sim: for every symbol and trading day a
 * second-by-second path of trades (price on the 0.05 tick, volume), from which quotes and
 * history candles are read at any simulated instant.
 *
 * <p>The market is a pure function of (seed, symbol, instant): asking in a different order, from
 * several threads, or with a different symbol list changes nothing, so a run is reproducible
 * from its seed and clock alone. What a session looks like:
 * <ul>
 *   <li>it opens at 09:15:00 IST at the previous close times a small gap, now and then a gap
 *       of a few percent ({@link MarketParameters});</li>
 *   <li>the price is a log-space random walk with occasional jumps of a few percent;</li>
 *   <li>volume follows an intraday U (heavy at the open and close), with bursts, and every
 *       second trades at least one share, so cumulative volume grows through the session;</li>
 *   <li>{@code atp} is turnover / volume of those trades, and the day high/low cover every one.</li>
 * </ul>
 * Between sessions (before 09:15, after 15:30, weekends and holidays of the
 * {@link TradingCalendar}) quotes show the last session's final values, as Fyers does.
 *
 * <p>The <em>anchor</em> is the session whose close equals each symbol's configured previous
 * close, normally the last trading day before the simulation starts, so the first simulated
 * session opens from the configured prices.
 *
 * <p>Time mapping: the trade of step {@code k} happens at 09:15:00 + k seconds; a quote at
 * instant t reflects every trade at or before t. A 1-minute candle [start, start + 60 s) thus
 * ends with the trade at start + 59 s, and its close is the {@code lp} quoted anywhere in
 * [start + 59 s, start + 60 s), in particular just before the candle ends.
 */
public final class MarketModel {
    /** One-second steps from 09:15:00 to 15:29:59 IST. */
    public static final int SESSION_SECONDS = 22_500;
    public static final int SESSION_MINUTES = 375;

    private final long seed;
    private final SymbolUniverse universe;
    private final TradingCalendar calendar;
    private final LocalDate anchor;
    private final Map<String, SymbolSeries> series = new LinkedHashMap<>();
    private final DayPathCache cache;

    public MarketModel(long seed, SymbolUniverse universe, TradingCalendar calendar, LocalDate anchorDay,
                       MarketParameters params) {
        this.seed = seed;
        this.universe = Objects.requireNonNull(universe, "universe");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.anchor = Objects.requireNonNull(anchorDay, "anchorDay");
        Objects.requireNonNull(params, "params");
        if (!calendar.isTradingDay(anchorDay)) {
            throw new IllegalArgumentException("the anchor session " + anchorDay + " is not an NSE trading day");
        }
        for (SimSymbol s : universe.symbols()) {
            series.put(s.symbol(), new SymbolSeries(s, seed, calendar, anchorDay, params));
        }
        // Room for two sessions of every symbol (today and the last one, around a day change).
        this.cache = new DayPathCache(Math.max(256, 2 * universe.size() + 64));
    }

    /** The usual anchor: the last trading day before the one the simulation starts on. */
    public static LocalDate anchorFor(TradingCalendar calendar, Instant simulationStart) {
        return calendar.previousTradingDay(TradingCalendar.tradeDate(simulationStart.toEpochMilli()));
    }

    public boolean knows(String symbol) {
        return series.containsKey(symbol);
    }

    /** True during the 09:15-15:30 IST session of a trading day. */
    public boolean isMarketOpen(long atMillis) {
        return calendar.isSessionTime(atMillis);
    }

    /**
     * The quote of {@code symbol} at {@code atMillis}.
     *
     * @throws IllegalArgumentException for a symbol outside the universe
     */
    public SimQuote quote(String symbol, long atMillis) {
        SymbolSeries s = seriesOf(symbol);
        SessionPoint at = locate(atMillis);
        SymbolSeries.SessionLevel level = s.level(at.day);
        DayPath path = cache.get(s, level.epochDay, () -> s.path(level));
        DayPath.State st = path.state(at.step);
        double atp = Ticks.round2(st.turnoverTicks() / (Ticks.PER_RUPEE * (double) st.volume()));
        return new SimQuote(symbol, at.day, Ticks.toRupees(st.lastTicks()), Ticks.toRupees(st.openTicks()),
                Ticks.toRupees(st.highTicks()), Ticks.toRupees(st.lowTicks()), Ticks.toRupees(level.prevCloseTicks),
                atp, st.volume(), Ticks.toRupees(st.bidTicks()), Ticks.toRupees(st.askTicks()));
    }

    /**
     * Candles of {@code resolutionMinutes} (aligned to 09:15 IST, the last of a session cut at
     * 15:30) whose start lies in [fromMillis, toMillis], as known at {@code nowMillis}: nothing
     * after now, and the candle now is in still forming.
     */
    public List<Candle> intradayCandles(String symbol, int resolutionMinutes, long fromMillis, long toMillis, long nowMillis) {
        if (resolutionMinutes < 1 || resolutionMinutes > SESSION_MINUTES) {
            throw new IllegalArgumentException("resolution must be 1.." + SESSION_MINUTES + " minutes, was " + resolutionMinutes);
        }
        SymbolSeries s = seriesOf(symbol);
        SessionPoint now = locate(nowMillis);
        List<Candle> candles = new ArrayList<>();
        LocalDate last = min(TradingCalendar.tradeDate(toMillis), now.day);
        for (LocalDate day : calendar.tradingDays(TradingCalendar.tradeDate(fromMillis), last)) {
            int lastStep = day.equals(now.day) ? now.step : SESSION_SECONDS - 1;
            long open = TradingCalendar.sessionOpen(day);
            DayPath path = null;
            for (int from = 0; from < SESSION_MINUTES; from += resolutionMinutes) {
                long start = open + from * 60_000L;
                if (start < fromMillis || start > toMillis || from > lastStep / 60) {
                    continue;
                }
                if (path == null) {
                    path = pathOf(s, day, day.equals(now.day));
                }
                candles.add(path.candle(start / 1000, from, Math.min(from + resolutionMinutes, SESSION_MINUTES), lastStep));
            }
        }
        return candles;
    }

    /**
     * One candle per trading day in [from, to] up to {@code nowMillis}, stamped 00:00 UTC of its
     * date; today's is still forming while the session runs.
     */
    public List<Candle> dailyCandles(String symbol, LocalDate from, LocalDate to, long nowMillis) {
        SymbolSeries s = seriesOf(symbol);
        SessionPoint now = locate(nowMillis);
        List<Candle> candles = new ArrayList<>();
        for (LocalDate day : calendar.tradingDays(from, min(to, now.day))) {
            long time = day.toEpochDay() * 86_400L;
            if (day.equals(now.day) && now.step < SESSION_SECONDS - 1) {
                candles.add(pathOf(s, day, true).candle(time, 0, SESSION_MINUTES, now.step));
                continue;
            }
            SymbolSeries.SessionLevel level = s.level(day);
            Candle summary = level.summary;
            if (summary == null) {
                summary = pathOf(s, day, day.equals(now.day)).candle(time, 0, SESSION_MINUTES, SESSION_SECONDS - 1);
                level.summary = summary;
            }
            candles.add(summary);
        }
        return candles;
    }

    /** The session whose values a quote at {@code atMillis} shows. */
    public LocalDate sessionDayAt(long atMillis) {
        return locate(atMillis).day;
    }

    public LocalDate anchorDay() {
        return anchor;
    }

    public SymbolUniverse universe() {
        return universe;
    }

    public TradingCalendar calendar() {
        return calendar;
    }

    public long seed() {
        return seed;
    }

    /**
     * Live sessions go through the cache; old ones asked for by history are built on the side
     * so that a long backfill does not evict the paths quotes are using.
     */
    private DayPath pathOf(SymbolSeries s, LocalDate day, boolean live) {
        SymbolSeries.SessionLevel level = s.level(day);
        if (live) {
            return cache.get(s, level.epochDay, () -> s.path(level));
        }
        DayPath cached = cache.peek(s, level.epochDay);
        return cached != null ? cached : s.path(level);
    }

    private SessionPoint locate(long atMillis) {
        LocalDate date = TradingCalendar.tradeDate(atMillis);
        long open = TradingCalendar.sessionOpen(date);
        if (calendar.isTradingDay(date) && atMillis >= open) {
            return new SessionPoint(date, (int) Math.min(SESSION_SECONDS - 1, (atMillis - open) / 1000));
        }
        return new SessionPoint(calendar.previousTradingDay(date), SESSION_SECONDS - 1);
    }

    private SymbolSeries seriesOf(String symbol) {
        SymbolSeries s = series.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the simulated universe");
        }
        return s;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }

    /** A session and the last step that has traded in it at some instant. */
    private record SessionPoint(LocalDate day, int step) {
    }
}
