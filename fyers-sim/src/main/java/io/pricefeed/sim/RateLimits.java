package io.pricefeed.sim;

/**
 * Fyers' request limits per token (FYERS_API.md §5); 0 switches a limit off.
 *
 * @param perSecond                   requests in any rolling second
 * @param perMinute                   requests in any rolling minute
 * @param perDay                      requests per IST day
 * @param dayBlockAfterViolations     after more than this many per-minute violations in an IST
 *                                    day every request is refused until midnight IST, as Fyers
 *                                    blocks a user "for the rest of the day"
 */
public record RateLimits(int perSecond, int perMinute, int perDay, int dayBlockAfterViolations) {
    /** A standard Fyers app: 10/s, 200/min, 100,000/day, blocked after the 4th minute violation. */
    public static final RateLimits FYERS = new RateLimits(10, 200, 100_000, 3);
    /** No limits at all, for load tests. */
    public static final RateLimits NONE = new RateLimits(0, 0, 0, 0);

    public RateLimits {
        if (perSecond < 0 || perMinute < 0 || perDay < 0 || dayBlockAfterViolations < 0) {
            throw new IllegalArgumentException("rate limits must be >= 0 (0 = off): " + perSecond + "/s, "
                    + perMinute + "/min, " + perDay + "/day, block after " + dayBlockAfterViolations);
        }
    }
}
