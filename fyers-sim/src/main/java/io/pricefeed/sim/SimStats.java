package io.pricefeed.sim;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Live counters of a sim, for tests and the demo's summary: what a client asked, what it got,
 * and how often it hit the rate limits. Thread-safe; read at any time.
 */
public final class SimStats {
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong minuteViolations = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final Map<FaultKind, AtomicLong> faults = new EnumMap<>(FaultKind.class);

    SimStats() {
        for (FaultKind kind : FaultKind.values()) {
            faults.put(kind, new AtomicLong());
        }
    }

    /** Every HTTP request received, whatever became of it. */
    public long requests() {
        return requests.get();
    }

    /** Requests answered with HTTP 200 and an intact body (a slowed reply counts, a truncated one not). */
    public long served() {
        return served.get();
    }

    /** Requests refused by the rate limiter with HTTP 429 / -429 (not injected Cloudflare pages). */
    public long rateLimited() {
        return rateLimited.get();
    }

    /**
     * Times a token went over the per-minute limit: one per refusal that comes a minute or more
     * after the previous violation began, the quantity Fyers blocks a user for the day over.
     */
    public long minuteViolations() {
        return minuteViolations.get();
    }

    /** Data requests refused for a missing, unknown or expired token. */
    public long authFailures() {
        return authFailures.get();
    }

    /** Injected faults of one kind. */
    public long faults(FaultKind kind) {
        return faults.get(kind).get();
    }

    public long faultsTotal() {
        return faults.values().stream().mapToLong(AtomicLong::get).sum();
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void countServed() {
        served.incrementAndGet();
    }

    void countRateLimited() {
        rateLimited.incrementAndGet();
    }

    void countMinuteViolation() {
        minuteViolations.incrementAndGet();
    }

    void countAuthFailure() {
        authFailures.incrementAndGet();
    }

    void countFault(FaultKind kind) {
        faults.get(kind).incrementAndGet();
    }

    @Override
    public String toString() {
        return "SimStats[requests=" + requests + ", served=" + served + ", rateLimited=" + rateLimited
                + ", minuteViolations=" + minuteViolations + ", authFailures=" + authFailures + ", faults=" + faults + "]";
    }
}
