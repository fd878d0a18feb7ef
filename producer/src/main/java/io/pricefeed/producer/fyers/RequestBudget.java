package io.pricefeed.producer.fyers;

import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.time.PacedClock;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * The client side of Fyers' request limits (FYERS_API.md §5): per second, per minute and per IST
 * day, shared by every endpoint the producer calls. A caller takes a {@link Permit} before each
 * request and releases it when the reply is in.
 *
 * <p><b>Why requests are counted when they finish.</b> Fyers counts a request when it arrives,
 * which is some unknown time after the client decided to send it. A request is counted here from
 * the moment its permit is taken (in flight) until a full window after its reply came back: that
 * is never earlier than its arrival, so whenever Fyers would count n requests in a window this
 * budget counts at least n, whatever the network delay. Windows are rolling, which is at least
 * as strict as any fixed window a gateway may use.
 *
 * <p><b>Rate-limit replies.</b> {@link #onRateLimited} pauses every request for at least the
 * configured backoff (more than a minute, so the breached minute is over). Fyers blocks a user for
 * the day after more than three per-minute violations; so the first violation of an IST day also
 * halves the budget for the rest of the day, and a second one suspends all requests until the next
 * IST day: the producer itself never causes a third.
 *
 * <p>All time comes from the injected clock, so tests step it instead of sleeping. Thread-safe.
 */
public final class RequestBudget {
    public static final int DEFAULT_PER_SECOND = 10;
    public static final int DEFAULT_PER_MINUTE = 200;
    public static final int DEFAULT_PER_DAY = 100_000;
    /** Share of each limit kept unused, for clock skew and other clients of the same app. */
    public static final double DEFAULT_SAFETY_MARGIN = 0.03;
    /** Longer than a minute, so the minute that was over the limit has passed. */
    public static final Duration DEFAULT_RATE_LIMIT_BACKOFF = Duration.ofSeconds(65);
    /** Violations in one IST day after which requests stop until the next day. */
    static final int SUSPEND_AFTER_VIOLATIONS = 2;

    private static final long SECOND_MS = 1_000;
    private static final long MINUTE_MS = 60_000;
    /** How long to wait when only in-flight requests fill a window (their end time is unknown). */
    private static final long IN_FLIGHT_RECHECK_MS = 20;

    private final int perSecond;
    private final int perMinute;
    private final int perDay;
    private final Duration rateLimitBackoff;
    private final Clock clock;

    // Guarded by this.
    private final ArrayDeque<Long> secondWindow = new ArrayDeque<>();
    private final ArrayDeque<Long> minuteWindow = new ArrayDeque<>();
    private int inFlight;
    private long istDay = Long.MIN_VALUE;
    private int usedToday;
    private int violationsToday;
    private boolean reducedToday;
    private boolean suspendedToday;
    private long pausedUntil = Long.MIN_VALUE;
    private long granted;

    private RequestBudget(Builder b) {
        this.perSecond = effective(b.perSecond, b.safetyMargin);
        this.perMinute = effective(b.perMinute, b.safetyMargin);
        this.perDay = effective(b.perDay, b.safetyMargin);
        this.rateLimitBackoff = b.rateLimitBackoff;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    private static int effective(int limit, double margin) {
        return Math.max(1, (int) Math.floor(limit * (1 - margin)));
    }

    /** What the budget did about a rate-limit reply. */
    public enum RateLimitResponse {
        /** Paused for the backoff; the budget is unchanged. */
        BACKED_OFF,
        /** Paused, and the per-second and per-minute budgets are halved for the rest of the IST day. */
        BACKED_OFF_AND_REDUCED,
        /** No more requests until the next IST day. */
        SUSPENDED_FOR_DAY,
        /** Part of a backoff already under way (a reply to a request sent before it began). */
        ALREADY_BACKING_OFF
    }

    /** A taken request slot; release it when the reply is in (or the request was abandoned). */
    public final class Permit implements AutoCloseable {
        private boolean open = true;

        private Permit() {
        }

        /** The request is done: it now counts from this moment for a full window. */
        @Override
        public void close() {
            synchronized (RequestBudget.this) {
                if (open) {
                    open = false;
                    inFlight--;
                    long now = clock.millis();
                    insertSorted(secondWindow, now);
                    insertSorted(minuteWindow, now);
                }
            }
        }

        /** The request was never sent: give the slot back entirely. */
        public void cancel() {
            synchronized (RequestBudget.this) {
                if (open) {
                    open = false;
                    inFlight--;
                    usedToday--;
                    granted--;
                }
            }
        }
    }

    /**
     * Takes a permit if one is free now.
     *
     * @return the permit, or null when the caller must wait ({@link #millisUntilAvailable()})
     */
    public synchronized Permit tryAcquire() {
        if (millisUntilAvailable() > 0) {
            return null;
        }
        inFlight++;
        usedToday++;
        granted++;
        return new Permit();
    }

    /** Waits on {@code pacer} until a permit is free, then takes it. */
    public Permit acquire(PacedClock pacer) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                Permit p = tryAcquire();
                if (p != null) {
                    return p;
                }
                wait = millisUntilAvailable();
            }
            pacer.sleepUntil(clock.millis() + wait);
        }
    }

    /** 0 when a request may go now, else how long (on this budget's clock) until one may. */
    public synchronized long millisUntilAvailable() {
        long now = clock.millis();
        rollDay(now);
        if (now < pausedUntil) {
            return pausedUntil - now;
        }
        if (usedToday >= perDay) {
            return nextIstMidnight(now) - now;
        }
        long wait = windowWait(secondWindow, SECOND_MS, secondLimit(), now);
        wait = Math.max(wait, windowWait(minuteWindow, MINUTE_MS, minuteLimit(), now));
        return wait;
    }

    /**
     * A rate-limit reply came back. {@code apiViolation} is true for Fyers' own -429 / HTTP 429
     * (a per-minute violation as Fyers counts them), false for a Cloudflare page, which only
     * pauses.
     */
    public synchronized RateLimitResponse onRateLimited(boolean apiViolation) {
        long now = clock.millis();
        rollDay(now);
        if (now < pausedUntil) {
            return RateLimitResponse.ALREADY_BACKING_OFF;
        }
        pausedUntil = now + rateLimitBackoff.toMillis();
        if (!apiViolation) {
            return RateLimitResponse.BACKED_OFF;
        }
        violationsToday++;
        if (violationsToday >= SUSPEND_AFTER_VIOLATIONS) {
            suspendedToday = true;
            pausedUntil = Math.max(pausedUntil, nextIstMidnight(now));
            return RateLimitResponse.SUSPENDED_FOR_DAY;
        }
        reducedToday = true;
        return RateLimitResponse.BACKED_OFF_AND_REDUCED;
    }

    /** True while requests are paused after a rate-limit reply (including a day suspension). */
    public synchronized boolean isPaused() {
        long now = clock.millis();
        rollDay(now);
        return now < pausedUntil;
    }

    public synchronized boolean isSuspendedForDay() {
        rollDay(clock.millis());
        return suspendedToday;
    }

    /** The instant (epoch ms) until which requests are paused; in the past when not paused. */
    public synchronized long pausedUntil() {
        return pausedUntil;
    }

    /** Requests counted in the rolling minute now, in flight included. */
    public synchronized int usedLastMinute() {
        long now = clock.millis();
        evict(minuteWindow, now - MINUTE_MS);
        return minuteWindow.size() + inFlight;
    }

    /** Permits granted (and not cancelled) since this budget was made. */
    public synchronized long granted() {
        return granted;
    }

    public synchronized int usedToday() {
        rollDay(clock.millis());
        return usedToday;
    }

    public synchronized int violationsToday() {
        rollDay(clock.millis());
        return violationsToday;
    }

    /** The per-minute budget in force now (the configured limit less the margin, halved when reduced). */
    public synchronized int minuteLimit() {
        return reducedToday ? Math.max(1, perMinute / 2) : perMinute;
    }

    public synchronized int secondLimit() {
        return reducedToday ? Math.max(1, perSecond / 2) : perSecond;
    }

    public int dayLimit() {
        return perDay;
    }

    private long windowWait(ArrayDeque<Long> window, long length, int limit, long now) {
        evict(window, now - length);
        int excess = window.size() + inFlight - limit + 1;
        if (excess <= 0) {
            return 0;
        }
        if (excess > window.size()) {
            return IN_FLIGHT_RECHECK_MS; // only replies still to come would free a slot
        }
        // The excess-th oldest completion leaves the window one window length after it.
        Iterator<Long> it = window.iterator();
        long t = 0;
        for (int i = 0; i < excess; i++) {
            t = it.next();
        }
        return t + length - now;
    }

    /** Drops entries at or before {@code notAfter}: a request at t counts in (t, t + window]. */
    private static void evict(ArrayDeque<Long> window, long notAfter) {
        while (!window.isEmpty() && window.peekFirst() <= notAfter) {
            window.pollFirst();
        }
    }

    /** Completions arrive almost in order; concurrent requests can finish slightly out of it. */
    private static void insertSorted(ArrayDeque<Long> window, long t) {
        if (window.isEmpty() || window.peekLast() <= t) {
            window.addLast(t);
            return;
        }
        ArrayDeque<Long> tail = new ArrayDeque<>();
        while (!window.isEmpty() && window.peekLast() > t) {
            tail.addFirst(window.pollLast());
        }
        window.addLast(t);
        window.addAll(tail);
    }

    private void rollDay(long now) {
        long day = TradingCalendar.tradeDate(now).toEpochDay();
        if (day != istDay) {
            istDay = day;
            usedToday = 0;
            violationsToday = 0;
            reducedToday = false;
            suspendedToday = false;
        }
    }

    private static long nextIstMidnight(long now) {
        LocalDate tomorrow = TradingCalendar.tradeDate(now).plusDays(1);
        return tomorrow.atStartOfDay(TradingCalendar.IST).toInstant().toEpochMilli();
    }

    @Override
    public synchronized String toString() {
        return "RequestBudget[" + perSecond + "/s, " + perMinute + "/min, " + perDay + "/day"
                + (reducedToday ? ", halved today" : "") + (suspendedToday ? ", suspended today" : "") + "]";
    }

    /** Limits with Fyers' standard-app defaults (10/s, 200/min, 100,000/day) less a 3 % margin. */
    public static final class Builder {
        private int perSecond = DEFAULT_PER_SECOND;
        private int perMinute = DEFAULT_PER_MINUTE;
        private int perDay = DEFAULT_PER_DAY;
        private double safetyMargin = DEFAULT_SAFETY_MARGIN;
        private Duration rateLimitBackoff = DEFAULT_RATE_LIMIT_BACKOFF;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder perSecond(int limit) {
            this.perSecond = positive("perSecond", limit);
            return this;
        }

        public Builder perMinute(int limit) {
            this.perMinute = positive("perMinute", limit);
            return this;
        }

        public Builder perDay(int limit) {
            this.perDay = positive("perDay", limit);
            return this;
        }

        /** Fraction of each limit left unused, in [0, 0.5); default {@value RequestBudget#DEFAULT_SAFETY_MARGIN}. */
        public Builder safetyMargin(double margin) {
            if (!(margin >= 0 && margin < 0.5)) {
                throw new IllegalArgumentException("safetyMargin must be in [0, 0.5), was " + margin);
            }
            this.safetyMargin = margin;
            return this;
        }

        /** Pause after a rate-limit reply; at least 60 s (Fyers' advice), default 65 s. */
        public Builder rateLimitBackoff(Duration backoff) {
            if (backoff.compareTo(Duration.ofSeconds(60)) < 0) {
                throw new IllegalArgumentException("rateLimitBackoff must be at least 60 s, was " + backoff);
            }
            this.rateLimitBackoff = backoff;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public RequestBudget build() {
            return new RequestBudget(this);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + value);
            }
            return value;
        }
    }
}
