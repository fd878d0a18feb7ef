package io.pricefeed.sim;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces {@link RateLimits} per token on the simulated clock, so an accelerated run is limited
 * in simulated time, like the producer sharing that clock, and a stepped test is exact.
 *
 * <p>Windows are rolling (the last 1,000 ms and 60,000 ms), which is at least as strict as the
 * fixed windows a gateway may use: a client that stays within these stays within those. Only
 * accepted requests use up the budget, so a client that keeps asking while refused still gets
 * its share once the window has moved, but each refused minute counts as a violation.
 */
final class RateLimiter {
    private static final long DAY_MS = 86_400_000L;
    private static final long IST_OFFSET_MS = 19_800_000L;

    private final RateLimits limits;
    private final SimStats stats;
    private final Map<String, Budget> budgets = new ConcurrentHashMap<>();

    RateLimiter(RateLimits limits, SimStats stats) {
        this.limits = limits;
        this.stats = stats;
    }

    /** True when {@code token} may make a request at {@code nowMillis}, which is then counted. */
    boolean tryAcquire(String token, long nowMillis) {
        if (limits.perSecond() == 0 && limits.perMinute() == 0 && limits.perDay() == 0) {
            return true;
        }
        Budget budget = budgets.computeIfAbsent(token, t -> new Budget());
        boolean allowed;
        synchronized (budget) {
            allowed = budget.tryAcquire(nowMillis);
        }
        if (!allowed) {
            stats.countRateLimited();
        }
        return allowed;
    }

    /** One token's recent requests. Guarded by its own monitor. */
    private final class Budget {
        private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
        private final ArrayDeque<Long> lastMinute = new ArrayDeque<>();
        private long day = Long.MIN_VALUE;
        private int today;
        private int violations;
        private long violationStart = Long.MIN_VALUE;
        private boolean blocked;

        boolean tryAcquire(long now) {
            long istDay = Math.floorDiv(now + IST_OFFSET_MS, DAY_MS);
            if (istDay != day) {
                day = istDay;
                today = 0;
                violations = 0;
                blocked = false;
            }
            evict(lastSecond, now - 1_000);
            evict(lastMinute, now - 60_000);
            if (blocked) {
                return false;
            }
            // The minute limit is checked first: a refusal that breaks it is a violation even
            // when the second limit would have refused too.
            if (limits.perMinute() > 0 && lastMinute.size() >= limits.perMinute()) {
                violation(now);
                return false;
            }
            if (limits.perSecond() > 0 && lastSecond.size() >= limits.perSecond()) {
                return false;
            }
            if (limits.perDay() > 0 && today >= limits.perDay()) {
                return false;
            }
            if (limits.perSecond() > 0) {
                lastSecond.addLast(now);
            }
            if (limits.perMinute() > 0) {
                lastMinute.addLast(now);
            }
            today++;
            return true;
        }

        private void violation(long now) {
            if (violationStart != Long.MIN_VALUE && now - violationStart < 60_000) {
                return; // still the same over-limit minute
            }
            violationStart = now;
            violations++;
            stats.countMinuteViolation();
            if (limits.dayBlockAfterViolations() > 0 && violations > limits.dayBlockAfterViolations()) {
                blocked = true;
            }
        }

        private void evict(ArrayDeque<Long> window, long notAfter) {
            while (!window.isEmpty() && window.peekFirst() <= notAfter) {
                window.pollFirst();
            }
        }
    }
}
