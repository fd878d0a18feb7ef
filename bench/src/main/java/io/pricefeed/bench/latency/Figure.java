package io.pricefeed.bench.latency;

import java.util.List;
import java.util.Locale;

/**
 * One row of LatencyBench's table: a figure's latencies (ms, sorted), how many it should have had but
 * did not, and its goal if it has one. A goal is met when the p99 (nearest rank) is under the limit and
 * nothing is missing.
 */
record Figure(String name, List<Long> sorted, int missing, long goalMs) {
    static final long NO_GOAL = -1;
    static final String HEADER = String.format(Locale.ROOT, "%-50s | %6s | %7s | %8s | %8s | %8s | %-13s | %s",
            "figure", "n", "missing", "p50 ms", "p99 ms", "max ms", "goal", "met");

    static Figure withGoal(String name, List<Long> sorted, int missing, long goalMs) {
        return new Figure(name, sorted, missing, goalMs);
    }

    static Figure noGoal(String name, List<Long> sorted, int missing) {
        return new Figure(name, sorted, missing, NO_GOAL);
    }

    long p50() {
        return Samples.percentile(sorted, 0.5);
    }

    long p99() {
        return Samples.percentile(sorted, 0.99);
    }

    long max() {
        return sorted.isEmpty() ? Long.MIN_VALUE : sorted.get(sorted.size() - 1);
    }

    String goal() {
        return goalMs < 0 ? "-" : "p99 < " + goalMs + " ms";
    }

    /** "yes", "NO", "no data", or "-" without a goal. */
    String met() {
        return goalMs < 0 ? "-" : sorted.isEmpty() ? "no data" : p99() < goalMs && missing == 0 ? "yes" : "NO";
    }

    /** The row under {@link #HEADER}. */
    String row() {
        return String.format(Locale.ROOT, "%-50s | %,6d | %,7d | %8s | %8s | %8s | %-13s | %s", name, sorted.size(), missing,
                num(p50()), num(p99()), num(max()), goal(), met());
    }

    private static String num(long v) {
        return v == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d", v);
    }
}
