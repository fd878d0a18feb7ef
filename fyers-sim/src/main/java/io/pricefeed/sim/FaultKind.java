package io.pricefeed.sim;

/**
 * A failure fyers-sim can inject into a data request (FYERS_API.md §3, §9), each one a case a
 * robust poller must survive. The first three and {@link #RATE_LIMITED} replace the API's answer
 * (they happen in front of it, so they use no rate-limit budget); the other two alter a real answer.
 */
public enum FaultKind {
    /** HTTP 500, 502, 503 or 504 with a proxy's HTML page. */
    SERVER_ERROR,
    /** HTTP 200 with an HTML maintenance page instead of JSON. */
    HTML_PAGE,
    /** Cloudflare's HTTP 429 page "error code: 1015", not JSON. */
    CLOUDFLARE_429,
    /** The real JSON answer cut in half (a complete HTTP message whose body does not parse). */
    TRUNCATED_JSON,
    /** The real answer, sent only after the plan's slow delay (real time), past a client's timeout. */
    SLOW_RESPONSE,
    /**
     * HTTP 429 with Fyers' own JSON error {@code -429} ("request limit reached"), as the API's limiter
     * answers (FYERS_API.md §3, §9), whether or not the client is over its budget.
     */
    RATE_LIMITED
}
