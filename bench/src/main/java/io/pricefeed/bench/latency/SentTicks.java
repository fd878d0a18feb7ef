package io.pricefeed.bench.latency;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every tick sent, by symbol and minute: the {@link LoadGenerator} adds each tick's {@code ts} as it puts
 * it, the {@link BarTableWatcher} checks them off against the live and final items.
 */
final class SentTicks {
    private final RunPlan plan;
    private final Map<BarKey, BarTrack> bars = new ConcurrentHashMap<>();

    SentTicks(RunPlan plan) {
        this.plan = plan;
    }

    void add(int symbol, long barStart, long ts) {
        bars.computeIfAbsent(new BarKey(symbol, barStart), k -> new BarTrack(k.symbol(), k.barStart(), plan.measured(k.barStart())))
                .add(ts);
    }

    Collection<BarTrack> bars() {
        return bars.values();
    }

    /** Measured bars read final so far. */
    long finalsSeen() {
        return bars.values().stream().filter(b -> b.measured && b.finalAt != Long.MIN_VALUE).count();
    }
}
