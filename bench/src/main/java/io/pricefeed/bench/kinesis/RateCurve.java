package io.pricefeed.bench.kinesis;

import java.util.Arrays;

/**
 * When a count of records passed each tenth of its target, so the rate at the start of a run can
 * be set against the rate at its end: a stand-in that slows down as its shards fill shows a last
 * tenth slower than the first.
 */
final class RateCurve {
    private final long target;
    private final long startNanos;
    /** {@code crossedAt[k]}: when the count first reached {@code (k + 1) * target / 10}; 0 = not yet. */
    private final long[] crossedAt = new long[10];

    RateCurve(long target, long startNanos) {
        if (target < 10) {
            throw new IllegalArgumentException("a rate curve needs at least 10 records, got " + target);
        }
        this.target = target;
        this.startNanos = startNanos;
    }

    /** Records that {@code count} records were done at {@code nanos}; call it with rising counts. */
    void observe(long count, long nanos) {
        for (int k = 0; k < 10; k++) {
            if (crossedAt[k] == 0 && count >= boundary(k)) {
                crossedAt[k] = nanos;
            }
        }
    }

    boolean complete() {
        return crossedAt[9] != 0;
    }

    /** Records per second within tenth {@code k} (0 = the first tenth, 9 = the last). */
    double tenthRate(int k) {
        requireComplete();
        long from = k == 0 ? startNanos : crossedAt[k - 1];
        long records = boundary(k) - (k == 0 ? 0 : boundary(k - 1));
        return records / seconds(crossedAt[k] - from);
    }

    double overallRate() {
        requireComplete();
        return target / seconds(crossedAt[9] - startNanos);
    }

    double totalSeconds() {
        requireComplete();
        return seconds(crossedAt[9] - startNanos);
    }

    /** The last tenth's rate over the first's: 1 = flat, below 1 = slowing down. */
    double lastOverFirst() {
        return tenthRate(9) / tenthRate(0);
    }

    private long boundary(int k) {
        return (k + 1) * target / 10;
    }

    private void requireComplete() {
        if (!complete()) {
            throw new IllegalStateException("the count has not reached " + target + " yet: " + Arrays.toString(crossedAt));
        }
    }

    private static double seconds(long nanos) {
        return Math.max(nanos, 1) / 1e9;
    }
}
