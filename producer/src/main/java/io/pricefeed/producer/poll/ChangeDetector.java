package io.pricefeed.producer.poll;

import io.pricefeed.model.Tick;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns quotes into ticks (DESIGN.md §3): a quote is a tick only when its {@code ltp} or its
 * cumulative volume differs from the last tick of the same symbol. Polling the same unchanged quote
 * again therefore sends nothing, and the first quote of a symbol is always a tick.
 *
 * <p>Thread-safe; the poller never asks about one symbol from two threads at once (a symbol lives
 * in one batch, and a batch is polled by one worker at a time), so check-then-set per symbol is safe.
 */
public final class ChangeDetector {
    private record Last(double ltp, long cumVolume) {
    }

    private final Map<String, Last> last = new ConcurrentHashMap<>();

    /** True (and remembered) when {@code quote} changed price or volume since the last tick of its symbol. */
    public boolean isChange(Tick quote) {
        Last previous = last.get(quote.getSymbol());
        if (previous != null && Double.compare(previous.ltp, quote.getLtp()) == 0 && previous.cumVolume == quote.getCumVolume()) {
            return false;
        }
        last.put(quote.getSymbol(), new Last(quote.getLtp(), quote.getCumVolume()));
        return true;
    }

    /** Number of symbols seen. */
    public int size() {
        return last.size();
    }
}
