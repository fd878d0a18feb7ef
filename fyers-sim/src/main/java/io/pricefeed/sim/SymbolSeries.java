package io.pricefeed.sim;

import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One symbol's chain of sessions: each session opens from the previous one's close, and the
 * chain is pinned at the <em>anchor</em> session, whose close is the configured previous close.
 *
 * <p>Sessions after the anchor are walked forwards (open = previous close x gap); sessions on or
 * before it backwards (the close is given and the level is solved from the day's walk, then the
 * previous close from the gap). Since a session's walk depends only on (seed, symbol, day), both
 * directions yield the same kind of path and any date can be reached, so history before the
 * simulated day works as well as live quotes. Levels are cached: a chain is computed once.
 */
final class SymbolSeries {
    final SimSymbol symbol;
    final long key;
    /** Standard deviation of one second's log return. */
    final double sigma;
    private final long seed;
    private final TradingCalendar calendar;
    private final LocalDate anchor;
    private final MarketParameters params;
    private final Map<Long, SessionLevel> levels = new ConcurrentHashMap<>();

    SymbolSeries(SimSymbol symbol, long seed, TradingCalendar calendar, LocalDate anchor, MarketParameters params) {
        this.symbol = symbol;
        this.key = RandomStreams.symbolKey(symbol.symbol());
        this.seed = seed;
        this.calendar = calendar;
        this.anchor = anchor;
        this.params = params;
        // Names differ in how much they move: a fixed 0.75-1.25 of the configured volatility.
        double factor = 0.75 + 0.5 * RandomStreams.unit(RandomStreams.mix(key ^ 0x5EED));
        this.sigma = params.dailyVolatility() * factor / Math.sqrt(DayPath.STEPS);
    }

    /** The level of a trading day's session, computing the chain to it from the anchor if needed. */
    SessionLevel level(LocalDate day) {
        SessionLevel cached = levels.get(day.toEpochDay());
        if (cached != null) {
            return cached;
        }
        if (day.isAfter(anchor)) {
            Deque<LocalDate> todo = new ArrayDeque<>();
            LocalDate d = day;
            while (d.isAfter(anchor) && !levels.containsKey(d.toEpochDay())) {
                todo.push(d);
                d = calendar.previousTradingDay(d);
            }
            int prevClose = d.isAfter(anchor) ? levels.get(d.toEpochDay()).closeTicks : Ticks.fromRupees(symbol.prevClose());
            SessionLevel last = null;
            while (!todo.isEmpty()) {
                last = store(forward(todo.pop(), prevClose));
                prevClose = last.closeTicks;
            }
            return last;
        }
        Deque<LocalDate> todo = new ArrayDeque<>();
        LocalDate d = day;
        while (!levels.containsKey(d.toEpochDay())) {
            todo.push(d);
            if (d.equals(anchor)) {
                break;
            }
            d = calendar.nextTradingDay(d);
        }
        SessionLevel last = null;
        while (!todo.isEmpty()) {
            LocalDate next = todo.pop();
            int close = next.equals(anchor) ? Ticks.fromRupees(symbol.prevClose())
                    : levels.get(calendar.nextTradingDay(next).toEpochDay()).prevCloseTicks;
            last = store(backward(next, close));
        }
        return last;
    }

    DayPlan plan(LocalDate day) {
        return DayPlan.draw(seed, key, day.toEpochDay(), params);
    }

    DayPath path(SessionLevel level) {
        LocalDate day = LocalDate.ofEpochDay(level.epochDay);
        return DayPath.build(seed, key, level.epochDay, level.level, level.prevCloseTicks, sigma, plan(day),
                symbol.avgDailyVolume(), params);
    }

    private SessionLevel forward(LocalDate day, int prevCloseTicks) {
        DayPlan plan = plan(day);
        double level = Math.log(Ticks.toRupees(prevCloseTicks)) + plan.gapLog;
        double walk = DayPath.walkTotal(seed, key, day.toEpochDay(), plan, sigma);
        return new SessionLevel(day.toEpochDay(), level, prevCloseTicks, DayPath.ticksAt(level, walk));
    }

    private SessionLevel backward(LocalDate day, int closeTicks) {
        DayPlan plan = plan(day);
        double walk = DayPath.walkTotal(seed, key, day.toEpochDay(), plan, sigma);
        double level = Math.log(Ticks.toRupees(closeTicks)) - walk;
        int prevClose = DayPath.ticksAt(level - plan.gapLog, 0);
        return new SessionLevel(day.toEpochDay(), level, prevClose, DayPath.ticksAt(level, walk));
    }

    private SessionLevel store(SessionLevel computed) {
        SessionLevel raced = levels.putIfAbsent(computed.epochDay, computed);
        return raced == null ? computed : raced; // a racing thread computed the same value
    }

    /** Where one session's path sits: its log level, previous close and close in ticks. */
    static final class SessionLevel {
        final long epochDay;
        final double level;
        final int prevCloseTicks;
        final int closeTicks;
        /** The completed session as a daily candle, once some caller has built its path. */
        volatile Candle summary;

        SessionLevel(long epochDay, double level, int prevCloseTicks, int closeTicks) {
            this.epochDay = epochDay;
            this.level = level;
            this.prevCloseTicks = prevCloseTicks;
            this.closeTicks = closeTicks;
        }
    }
}
