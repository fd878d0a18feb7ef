package io.pricefeed.producer.time;

import java.time.Duration;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Jittered exponential backoff for retrying transient failures: attempt n waits between half and
 * all of {@code min(max, base * 2^(n-1))}. The random half spreads retries of many callers (and of
 * the producer's own batches) so they do not hit a recovering server in step.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final SplittableRandom random;

    public Backoff(Duration base, Duration max, long seed) {
        this.base = Objects.requireNonNull(base, "base");
        this.max = Objects.requireNonNull(max, "max");
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive, was " + base);
        }
        if (max.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff max " + max + " is below its base " + base);
        }
        this.random = new SplittableRandom(seed);
    }

    /** The wait before retry number {@code attempt} (1 = the first retry). */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
        long ceiling = ceilingMillis(attempt);
        long half = ceiling / 2;
        long jitter;
        synchronized (random) {
            jitter = half == ceiling ? 0 : random.nextLong(ceiling - half + 1);
        }
        return Duration.ofMillis(half + jitter);
    }

    /** The largest wait attempt {@code attempt} can get. */
    public long ceilingMillis(int attempt) {
        long b = base.toMillis();
        int shift = Math.min(attempt - 1, 40);
        long ceiling = b << shift;
        if (ceiling < 0 || ceiling >>> shift != b) {
            ceiling = Long.MAX_VALUE;
        }
        return Math.min(ceiling, max.toMillis());
    }

    public Duration max() {
        return max;
    }

    @Override
    public String toString() {
        return "Backoff[" + base + " .. " + max + "]";
    }
}
