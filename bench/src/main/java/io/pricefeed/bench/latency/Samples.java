package io.pricefeed.bench.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latency samples in ms, added by the observers' threads, read sorted by the report. */
final class Samples {
    private final List<Long> values = new ArrayList<>();

    synchronized void add(long ms) {
        values.add(ms);
    }

    synchronized int size() {
        return values.size();
    }

    synchronized List<Long> sorted() {
        List<Long> s = new ArrayList<>(values);
        Collections.sort(s);
        return s;
    }

    /** Nearest rank; {@code Long.MIN_VALUE} when there are no samples. */
    static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Long.MIN_VALUE;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
