package io.pricefeed.producer.time;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The producer's time: a {@link Clock} to read, and a way to wait until that clock reaches an
 * instant. Everything time-dependent in the producer (market hours, the request budget, backoffs,
 * heartbeats, token expiry) reads and waits on one of these, so a local run can share fyers-sim's
 * accelerated clock and a test can step time by hand.
 *
 * <p>Waiting never trusts a single sleep: it sleeps for the real time the remaining simulated
 * time should take, then reads the clock again, so a clock that is moved by hand or runs at an
 * unknown speed is still followed.
 */
public final class PacedClock {
    /** The longest single real sleep, so a clock that is moved by hand is noticed promptly. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Clock clock;
    /** Simulated milliseconds per real millisecond; 0 for a clock that only moves by hand. */
    private final double speed;
    private final long pollNanos;

    private PacedClock(Clock clock, double speed, Duration pollInterval) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.speed = speed;
        this.pollNanos = pollInterval.toNanos();
    }

    /** Real time: the system UTC clock, waited on with plain sleeps. */
    public static PacedClock system() {
        return scaled(Clock.systemUTC(), 1.0);
    }

    /** A clock that runs {@code speed} times faster than real time (e.g. fyers-sim's accelerated clock). */
    public static PacedClock scaled(Clock clock, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite factor > 0, was " + speed);
        }
        return new PacedClock(clock, speed, Duration.ZERO);
    }

    /** A clock moved by someone else (a stepped test clock): re-read every {@code pollInterval} of real time. */
    public static PacedClock polling(Clock clock, Duration pollInterval) {
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + pollInterval);
        }
        return new PacedClock(clock, 0, pollInterval);
    }

    public Clock clock() {
        return clock;
    }

    public long millis() {
        return clock.millis();
    }

    /** Simulated time per real time; 0 when the clock only moves by hand. */
    public double speed() {
        return speed;
    }

    /** Blocks until the clock reads at least {@code targetMillis}. */
    public void sleepUntil(long targetMillis) throws InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            long now = clock.millis();
            if (now >= targetMillis) {
                return;
            }
            long remaining = targetMillis - now; // compared first: a target of Long.MIN_VALUE must not overflow

            long nanos = speed > 0 ? (long) Math.ceil(remaining * 1_000_000.0 / speed) : pollNanos;
            LockSupport.parkNanos(this, Math.max(1_000, Math.min(nanos, MAX_PARK_NANOS)));
        }
    }

    /** Blocks for {@code duration} of this clock's time. */
    public void sleep(Duration duration) throws InterruptedException {
        sleepUntil(clock.millis() + duration.toMillis());
    }

    @Override
    public String toString() {
        return "PacedClock[" + (speed > 0 ? speed + "x" : "polled every " + pollNanos / 1000 + " us") + ", " + clock + "]";
    }
}
