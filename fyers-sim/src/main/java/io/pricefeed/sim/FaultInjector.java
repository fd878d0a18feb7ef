package io.pricefeed.sim;

import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides the fault of each data request and produces the faulty replies. Faults queued by
 * {@link #injectNext} come first, in order; then the {@link FaultPlan}'s probabilities, drawn
 * from the n-th value of a seeded stream for the n-th request, so the same request sequence
 * meets the same faults.
 */
final class FaultInjector {
    private static final int[] SERVER_STATUSES = {500, 502, 503, 504};

    private final FaultPlan plan;
    private final long seed;
    private final Queue<FaultKind> queued = new ConcurrentLinkedQueue<>();
    private final AtomicLong draws = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();

    FaultInjector(FaultPlan plan, long seed) {
        this.plan = plan;
        this.seed = seed;
    }

    void injectNext(FaultKind kind, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be >= 1, was " + times);
        }
        for (int i = 0; i < times; i++) {
            queued.add(kind);
        }
    }

    /** The fault for the next data request, or null. */
    FaultKind next() {
        FaultKind kind = queued.poll();
        if (kind != null || plan.probabilities().isEmpty()) {
            return kind;
        }
        long n = draws.getAndIncrement();
        double u = RandomStreams.unit(RandomStreams.hash(seed, RandomStreams.FAULTS, n));
        double cumulative = 0;
        for (FaultKind k : FaultKind.values()) {
            cumulative += plan.probability(k);
            if (u < cumulative) {
                return k;
            }
        }
        return null;
    }

    long slowDelayMillis() {
        return plan.slowDelay().toMillis();
    }

    /** The reply of a fault that stands in for the API's answer. */
    SimReply replace(FaultKind kind) {
        switch (kind) {
            case SERVER_ERROR: {
                long n = serverErrors.getAndIncrement();
                int status = SERVER_STATUSES[(int) Math.floorMod(RandomStreams.hash(seed, RandomStreams.FAULTS, -1, n), 4L)];
                return SimReply.html(status, "<html><head><title>" + status + " " + reason(status) + "</title></head>"
                        + "<body><center><h1>" + status + " " + reason(status) + "</h1></center><hr><center>nginx</center></body></html>");
            }
            case HTML_PAGE:
                return SimReply.html(200, "<!DOCTYPE html><html><head><title>FYERS - Scheduled maintenance</title></head>"
                        + "<body><h1>We'll be back soon</h1><p>FYERS API is under scheduled maintenance.</p></body></html>");
            case CLOUDFLARE_429:
                return SimReply.html(429, "<!DOCTYPE html><html><head><title>Access denied | api-t1.fyers.in used Cloudflare"
                        + " to restrict access</title></head><body><h1>error code: 1015</h1>"
                        + "<p>You are being rate limited</p></body></html>");
            case RATE_LIMITED:
                return SimReply.error(FyersError.RATE_LIMITED);
            default:
                throw new IllegalArgumentException(kind + " alters a real reply; it does not replace one");
        }
    }

    /** The first half of a reply's body: it announces and carries only those bytes, so the HTTP is intact but not the JSON. */
    static SimReply truncate(SimReply reply) {
        byte[] body = reply.body();
        return new SimReply(reply.status(), reply.contentType(), Arrays.copyOf(body, Math.max(1, body.length / 2)));
    }

    private static String reason(int status) {
        switch (status) {
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Temporarily Unavailable";
            default: return "Gateway Time-out";
        }
    }

    @Override
    public String toString() {
        return "FaultInjector[" + plan.probabilities() + ", queued " + queued.size() + "]";
    }
}
