package io.pricefeed.bench.latency;

import java.util.ArrayList;
import java.util.List;

/** One symbol's ticks in one minute, as sent, and how far the live item has shown them. */
final class BarTrack {
    final int symbol;
    final long barStart;
    final long barEnd;
    final boolean measured;
    private final List<Long> ts = new ArrayList<>();
    private int visible;
    private long allVisibleAt = Long.MIN_VALUE;
    /** When the poll first read this bar final; MIN_VALUE until then. */
    volatile long finalAt = Long.MIN_VALUE;

    BarTrack(int symbol, long barStart, boolean measured) {
        this.symbol = symbol;
        this.barStart = barStart;
        this.barEnd = barStart + RunPlan.MINUTE;
        this.measured = measured;
    }

    synchronized void add(long tickTs) {
        ts.add(tickTs);
    }

    synchronized int sent() {
        return ts.size();
    }

    synchronized boolean owesTicks() {
        return visible < ts.size();
    }

    /**
     * The live item shows {@code tickCount} ticks at {@code observedAt}: the newly visible ticks' latencies go
     * to {@code live} (measured minutes only), those over the live goal also to {@code overGoal} as
     * {latency, ms from the tick to the minute's end}.
     */
    synchronized void seen(long tickCount, long observedAt, Samples live, List<long[]> overGoal) {
        int upTo = (int) Math.min(tickCount, ts.size());
        for (; visible < upTo; visible++) {
            long t = ts.get(visible);
            if (measured) {
                long latency = observedAt - t;
                live.add(latency);
                if (latency > LatencyReport.LIVE_GOAL_MS) {
                    synchronized (overGoal) {
                        overGoal.add(new long[] {latency, barEnd - t});
                    }
                }
            }
        }
        if (upTo > 0 && visible == ts.size()) {
            allVisibleAt = observedAt; // the minute's last tick so far is visible: overwritten while ticks come
        }
    }

    /** When the live item first held every tick of the minute, once the minute is over; MIN_VALUE if never. */
    synchronized long completeAt() {
        return visible == ts.size() && !ts.isEmpty() ? allVisibleAt : Long.MIN_VALUE;
    }

    synchronized int unseen() {
        return ts.size() - visible;
    }
}
