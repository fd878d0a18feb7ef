package io.pricefeed.sim;

import io.pricefeed.model.TradingCalendar;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The simulated wall clock that fyers-sim and, in local runs, the producer share: a session can
 * run at 60x so a trading day passes in six and a half minutes, and tests step it by hand so
 * that time-dependent behaviour (rate limits, token expiry, market hours) is deterministic.
 *
 * <p>Two modes: {@link #accelerated} maps elapsed real time (a monotonic nano source, never the
 * wall clock, so NTP adjustments cannot make it jump) times a speed factor onto a start instant;
 * {@link #stepped} only moves when {@link #advance} or {@link #set} is called. Thread-safe.
 */
public final class SimClock {
    private final long startMillis;
    private final double speed;
    private final LongSupplier nanoTime;
    private final long startNanos;
    /** Only used when stepped; guarded by {@code this}. */
    private long steppedMillis;

    private SimClock(long startMillis, double speed, LongSupplier nanoTime) {
        this.startMillis = startMillis;
        this.speed = speed;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime == null ? 0 : nanoTime.getAsLong();
        this.steppedMillis = startMillis;
    }

    /** A clock that starts at {@code start} now and runs {@code speed} times faster than real time. */
    public static SimClock accelerated(Instant start, double speed) {
        return accelerated(start, speed, System::nanoTime);
    }

    /** As {@link #accelerated(Instant, double)} with an explicit monotonic nano source (for tests). */
    public static SimClock accelerated(Instant start, double speed, LongSupplier nanoTime) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(nanoTime, "nanoTime");
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite factor > 0, was " + speed);
        }
        return new SimClock(start.toEpochMilli(), speed, nanoTime);
    }

    /** A clock that stands still at {@code start} until stepped. */
    public static SimClock stepped(Instant start) {
        Objects.requireNonNull(start, "start");
        return new SimClock(start.toEpochMilli(), 0, null);
    }

    /** An Asia/Kolkata wall time as an instant, e.g. {@code ist("2026-03-10T09:14")}. */
    public static Instant ist(String isoLocalDateTime) {
        return LocalDateTime.parse(isoLocalDateTime).atZone(TradingCalendar.IST).toInstant();
    }

    /** The simulated time in epoch milliseconds. */
    public long now() {
        if (nanoTime == null) {
            synchronized (this) {
                return steppedMillis;
            }
        }
        long elapsedNanos = nanoTime.getAsLong() - startNanos;
        return startMillis + (long) Math.floor(elapsedNanos * speed / 1_000_000.0);
    }

    public Instant instant() {
        return Instant.ofEpochMilli(now());
    }

    public boolean isStepped() {
        return nanoTime == null;
    }

    /** The speed factor of an accelerated clock; 0 for a stepped one. */
    public double speed() {
        return speed;
    }

    /** The instant the clock started at. */
    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    /** Moves a stepped clock forward. */
    public synchronized SimClock advance(Duration step) {
        requireStepped();
        if (step.isNegative()) {
            throw new IllegalArgumentException("a simulated clock never goes back; step was " + step);
        }
        steppedMillis = Math.addExact(steppedMillis, step.toMillis());
        return this;
    }

    /** Moves a stepped clock to {@code instant}, which must not be before its current time. */
    public synchronized SimClock set(Instant instant) {
        requireStepped();
        long target = instant.toEpochMilli();
        if (target < steppedMillis) {
            throw new IllegalArgumentException("a simulated clock never goes back: it is at "
                    + TradingCalendar.formatIst(steppedMillis) + ", asked for " + TradingCalendar.formatIst(target));
        }
        steppedMillis = target;
        return this;
    }

    /** A {@link Clock} view, for code that takes a {@code java.time.Clock}. */
    public Clock asClock() {
        return new View(this, TradingCalendar.IST);
    }

    private void requireStepped() {
        if (!isStepped()) {
            throw new IllegalStateException("only a stepped clock can be moved by hand; this one runs at " + speed + "x");
        }
    }

    @Override
    public String toString() {
        return (isStepped() ? "SimClock[stepped" : "SimClock[" + speed + "x") + ", now " + TradingCalendar.formatIst(now()) + "]";
    }

    private static final class View extends Clock {
        private final SimClock sim;
        private final ZoneId zone;

        View(SimClock sim, ZoneId zone) {
            this.sim = sim;
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new View(sim, z);
        }

        @Override
        public Instant instant() {
            return sim.instant();
        }

        @Override
        public long millis() {
            return sim.now();
        }
    }
}
