package io.pricefeed.producer.fyers;

/**
 * What a Fyers failure means for a poller (FYERS_API.md §3, §9), and so what to do about it.
 * Classification is by the JSON {@code code} first and the HTTP status second: Fyers returns
 * its error envelope with varying statuses, and Cloudflare answers over-limit traffic with a
 * page that is not JSON at all.
 */
public enum FyersErrorKind {
    /** -8, -15, -16, -17: the token is expired or rejected. Stop polling; a login is required. */
    AUTH(false),
    /** -429, HTTP 429, or a Cloudflare page: back off at least 60 s; never log in again for it. */
    RATE_LIMIT(true),
    /** -50: the request itself is wrong; retrying it unchanged cannot help. */
    INVALID_INPUT(false),
    /** -300: the symbol (or every symbol) is unknown; drop it. */
    INVALID_SYMBOL(false),
    /** 5xx, timeouts, resets, -96, SDK-style -99: retry with jittered exponential backoff. */
    TRANSIENT(true),
    /** A 2xx body that is not the documented envelope: log its first bytes and count it. */
    MALFORMED(true),
    /** Anything else (e.g. -352 invalid app id): a configuration problem to surface. */
    FATAL(false);

    private final boolean retryable;

    FyersErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** Classifies a Fyers {@code code} (null when the body had none) with the HTTP status. */
    public static FyersErrorKind classify(int httpStatus, Integer code) {
        if (code != null) {
            switch (code) {
                case -8:
                case -15:
                case -16:
                case -17:
                    return AUTH;
                case -429:
                case -353:
                    return RATE_LIMIT;
                case -50:
                    return INVALID_INPUT;
                case -300:
                case -310:
                    return INVALID_SYMBOL;
                case -96:
                case -99:
                    return TRANSIENT;
                default:
                    break;
            }
        }
        if (httpStatus == 429) {
            return RATE_LIMIT;
        }
        if (httpStatus == 401) {
            return AUTH;
        }
        if (httpStatus >= 500) {
            return TRANSIENT;
        }
        return FATAL;
    }
}
