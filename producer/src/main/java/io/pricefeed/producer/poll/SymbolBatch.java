package io.pricefeed.producer.poll;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Up to 50 symbols polled together in one quotes call, and that batch's retry state. A batch is
 * owned by one poller worker at a time (it lives in a queue between polls), so it needs no locking.
 */
final class SymbolBatch {
    private final int index;
    private final List<String> symbols;
    /** No poll before this instant (minimum interval, or a retry backoff). */
    private long notBefore = Long.MIN_VALUE;
    private int consecutiveFailures;

    SymbolBatch(int index, List<String> symbols) {
        this.index = index;
        this.symbols = new ArrayList<>(symbols);
    }

    /** Splits symbols, in order, into batches of at most {@code size}. */
    static List<SymbolBatch> split(List<String> symbols, int size) {
        List<SymbolBatch> batches = new ArrayList<>();
        for (int from = 0; from < symbols.size(); from += size) {
            batches.add(new SymbolBatch(batches.size() + 1, symbols.subList(from, Math.min(symbols.size(), from + size))));
        }
        return batches;
    }

    int index() {
        return index;
    }

    List<String> symbols() {
        return Collections.unmodifiableList(symbols);
    }

    boolean isEmpty() {
        return symbols.isEmpty();
    }

    void remove(String symbol) {
        symbols.remove(symbol);
    }

    long notBefore() {
        return notBefore;
    }

    void notBefore(long epochMillis) {
        this.notBefore = epochMillis;
    }

    int consecutiveFailures() {
        return consecutiveFailures;
    }

    int failed() {
        return ++consecutiveFailures;
    }

    void succeeded() {
        consecutiveFailures = 0;
    }

    @Override
    public String toString() {
        return "batch " + index + " (" + symbols.size() + " symbols)";
    }
}
