package io.pricefeed.sim;

import java.util.SplittableRandom;

/**
 * One symbol's trading session, second by second: 22,500 one-second steps from 09:15:00 to
 * 15:29:59 IST, each a trade at the step's price and volume.
 *
 * <p>The price is {@code exp(level + walk)} rounded to the 0.05 tick, where {@code walk} is a
 * random walk in log space that starts at 0 on the first step (so the first trade, the open,
 * is {@code exp(level)}) and carries the day's jumps. The walk's increments come from one
 * random stream per minute, so the path keeps only per-minute aggregates plus the walk's value
 * before each minute, and rebuilds the inside of a minute by replaying at most 60 steps. The
 * stored aggregates are produced by that same replay, which is what keeps quotes and history
 * candles exactly consistent.
 *
 * <p>Immutable after {@link #build}; safe to share between threads.
 */
final class DayPath {
    static final int STEPS = MarketModel.SESSION_SECONDS;
    static final int MINUTES = MarketModel.SESSION_MINUTES;

    final long epochDay;
    final int prevCloseTicks;
    private final long seed;
    private final long symbolKey;
    private final double level;
    private final double sigma;
    private final DayPlan plan;
    private final double volumePerSecond;
    private final double volumeSmile;
    private final double volumeNoise;

    private final double[] walkBefore = new double[MINUTES];
    private final int[] open = new int[MINUTES];
    private final int[] high = new int[MINUTES];
    private final int[] low = new int[MINUTES];
    private final int[] close = new int[MINUTES];
    private final long[] volume = new long[MINUTES];
    /** Sum of volume x price in ticks: exact, so atp does not depend on summation order. */
    private final long[] turnover = new long[MINUTES];

    private DayPath(long seed, long symbolKey, long epochDay, double level, int prevCloseTicks, double sigma,
                    DayPlan plan, long avgDailyVolume, MarketParameters params) {
        this.seed = seed;
        this.symbolKey = symbolKey;
        this.epochDay = epochDay;
        this.level = level;
        this.prevCloseTicks = prevCloseTicks;
        this.sigma = sigma;
        this.plan = plan;
        this.volumePerSecond = avgDailyVolume * plan.volumeFactor / STEPS;
        this.volumeSmile = params.volumeSmile();
        this.volumeNoise = params.volumeNoise();
    }

    static DayPath build(long seed, long symbolKey, long epochDay, double level, int prevCloseTicks, double sigma,
                         DayPlan plan, long avgDailyVolume, MarketParameters params) {
        DayPath p = new DayPath(seed, symbolKey, epochDay, level, prevCloseTicks, sigma, plan, avgDailyVolume, params);
        Minute m = new Minute();
        double walk = 0;
        for (int i = 0; i < MINUTES; i++) {
            p.walkBefore[i] = walk;
            walk = p.replay(i, 59, m);
            p.open[i] = m.open;
            p.high[i] = m.high;
            p.low[i] = m.low;
            p.close[i] = m.close;
            p.volume[i] = m.volume;
            p.turnover[i] = m.turnover;
        }
        return p;
    }

    /**
     * The walk's value after the last step, computed with exactly the additions {@link #build}
     * makes, so a level derived from it reproduces the intended close to the last bit.
     */
    static double walkTotal(long seed, long symbolKey, long epochDay, DayPlan plan, double sigma) {
        double walk = 0;
        for (int m = 0; m < MINUTES; m++) {
            SplittableRandom prices = priceStream(seed, symbolKey, epochDay, m);
            for (int s = 0; s < 60; s++) {
                walk += increment(prices, plan, sigma, m, s);
            }
        }
        return walk;
    }

    /** The price in ticks at a walk value for a session whose walk starts at {@code level}. */
    static int ticksAt(double level, double walk) {
        return (int) Math.max(1, Math.round(Math.exp(level + walk) * Ticks.PER_RUPEE));
    }

    /** The session as it stood just after the trade of {@code step} (0 = 09:15:00). */
    State state(int step) {
        int minute = step / 60;
        int second = step % 60;
        long vol = 0;
        long turn = 0;
        int hi = 0;
        int lo = Integer.MAX_VALUE;
        for (int i = 0; i < minute; i++) {
            vol += volume[i];
            turn += turnover[i];
            hi = Math.max(hi, high[i]);
            lo = Math.min(lo, low[i]);
        }
        int last;
        if (second == 59) {
            vol += volume[minute];
            turn += turnover[minute];
            hi = Math.max(hi, high[minute]);
            lo = Math.min(lo, low[minute]);
            last = close[minute];
        } else {
            Minute m = new Minute();
            replay(minute, second, m);
            vol += m.volume;
            turn += m.turnover;
            hi = Math.max(hi, m.high);
            lo = Math.min(lo, m.low);
            last = m.close;
        }
        // The book around the last trade: it printed at the ask (a buyer lifted it) or at the
        // bid, and the spread is usually one tick.
        long book = RandomStreams.hash(seed, RandomStreams.BOOK, symbolKey, epochDay, step);
        double u = RandomStreams.unit(book);
        int spread = u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
        boolean atAsk = (book & 1) == 0;
        int ask = atAsk ? last : last + spread;
        int bid = Math.max(0, ask - spread);
        return new State(step, last, open[0], hi, lo, vol, turn, bid, ask);
    }

    /**
     * Aggregates minutes [fromMinute, toMinute) as they stood after {@code lastStep}: null when
     * the first of them had not started; the last one partial when {@code lastStep} is inside it.
     */
    Candle candle(long time, int fromMinute, int toMinute, int lastStep) {
        int lastMinute = lastStep / 60;
        if (fromMinute > lastMinute) {
            return null;
        }
        int end = Math.min(toMinute, lastMinute + 1);
        int hi = 0;
        int lo = Integer.MAX_VALUE;
        long vol = 0;
        int last = 0;
        Minute partial = null;
        for (int i = fromMinute; i < end; i++) {
            if (i == lastMinute && lastStep % 60 != 59) {
                partial = new Minute();
                replay(i, lastStep % 60, partial);
                hi = Math.max(hi, partial.high);
                lo = Math.min(lo, partial.low);
                vol += partial.volume;
                last = partial.close;
            } else {
                hi = Math.max(hi, high[i]);
                lo = Math.min(lo, low[i]);
                vol += volume[i];
                last = close[i];
            }
        }
        return new Candle(time, Ticks.toRupees(open[fromMinute]), Ticks.toRupees(hi), Ticks.toRupees(lo),
                Ticks.toRupees(last), vol);
    }

    /** Replays the steps of {@code minute} up to {@code lastSecond} into {@code out}; returns the walk after them. */
    private double replay(int minute, int lastSecond, Minute out) {
        SplittableRandom prices = priceStream(seed, symbolKey, epochDay, minute);
        SplittableRandom volumes = RandomStreams.stream(seed, RandomStreams.VOLUME, symbolKey, epochDay, minute);
        out.reset();
        double walk = walkBefore[minute];
        for (int s = 0; s <= lastSecond; s++) {
            walk += increment(prices, plan, sigma, minute, s);
            int price = ticksAt(level, walk);
            long traded = volumeAt(volumes, minute, minute * 60 + s);
            out.trade(price, traded);
        }
        return walk;
    }

    private static SplittableRandom priceStream(long seed, long symbolKey, long epochDay, int minute) {
        return RandomStreams.stream(seed, RandomStreams.PRICE, symbolKey, epochDay, minute);
    }

    private static double increment(SplittableRandom prices, DayPlan plan, double sigma, int minute, int second) {
        double z = prices.nextGaussian(); // drawn even when unused, to keep the stream aligned
        if (minute == 0 && second == 0) {
            return 0; // the first trade is the open, exp(level) exactly
        }
        double inc = sigma * z;
        if (second != 0 && plan.jumpSecond[minute] == second) {
            inc += plan.jumpLog[minute];
        }
        return inc;
    }

    /** Shares traded in one second: the U-shaped intraday rate, bursts, and log-normal noise; at least 1. */
    private long volumeAt(SplittableRandom volumes, int minute, int step) {
        double z = volumes.nextGaussian();
        double u = volumes.nextDouble();
        double x = (step + 0.5) / STEPS;
        double centred = 2 * x - 1;
        double rate = volumePerSecond * (1 + volumeSmile * (centred * centred - 1.0 / 3)) * plan.burst[minute];
        double noisy = rate * Math.exp(volumeNoise * z - volumeNoise * volumeNoise / 2);
        return Math.max(1L, (long) Math.floor(noisy + u)); // random rounding keeps the mean unbiased
    }

    /** The session after one step, in ticks and shares. */
    record State(int step, int lastTicks, int openTicks, int highTicks, int lowTicks, long volume, long turnoverTicks,
                 int bidTicks, int askTicks) {
    }

    /** Running aggregates of the trades of one minute. */
    private static final class Minute {
        int open;
        int high;
        int low;
        int close;
        long volume;
        long turnover;
        private boolean empty;

        void reset() {
            empty = true;
            high = 0;
            low = Integer.MAX_VALUE;
            volume = 0;
            turnover = 0;
        }

        void trade(int price, long shares) {
            if (empty) {
                open = price;
                empty = false;
            }
            high = Math.max(high, price);
            low = Math.min(low, price);
            close = price;
            volume += shares;
            turnover += shares * price;
        }
    }
}
