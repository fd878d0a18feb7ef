package io.pricefeed.sim;

/**
 * An error reply as Fyers sends it: HTTP status plus {@code {"s":"error","code":..,"message":..}}
 * (FYERS_API.md §3). The codes and texts are the observed ones; where Fyers' HTTP status for a
 * code is not documented, the sim uses the plain REST meaning (400 for bad input).
 */
record FyersError(int httpStatus, int code, String message) {
    static final FyersError TOKEN_EXPIRED = new FyersError(401, -8, "Your token has expired. Please generate a token");
    static final FyersError INVALID_TOKEN = new FyersError(401, -15, "Please provide valid token");
    static final FyersError AUTH_FAILED = new FyersError(401, -16, "Could not authenticate the user");
    static final FyersError INVALID_INPUT = new FyersError(400, -50, "Invalid input");
    static final FyersError INVALID_SYMBOL = new FyersError(400, -300, "Please provide a valid symbol");
    static final FyersError RATE_LIMITED = new FyersError(429, -429, "request limit reached");
    static final FyersError INVALID_APP_HASH = new FyersError(400, -371, "Please provide sha256 hash of appId and app secret");
    static final FyersError MISSING_AUTH_CODE = new FyersError(400, -374, "Please provide authorization code");
    static final FyersError INVALID_AUTH_CODE = new FyersError(400, -437, "invalid auth code");
    static final FyersError INVALID_REFRESH_TOKEN = new FyersError(400, -501, "Please provide valid refresh token");
    static final FyersError REFRESH_DISABLED = new FyersError(400, -16,
            "Refresh token API is currently disabled to comply with SEBI regulations.");
    static final FyersError UNEXPECTED = new FyersError(500, -96, "An unexpected error occurred. Please contact support.");

    /** The same error with a detail after its message, e.g. "Invalid input: resolution 1S". */
    FyersError detail(String detail) {
        return new FyersError(httpStatus, code, message + ": " + detail);
    }

    FyersError status(int status) {
        return new FyersError(status, code, message);
    }
}
