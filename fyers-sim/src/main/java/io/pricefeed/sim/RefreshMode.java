package io.pricefeed.sim;

/**
 * How {@code validate-refresh-token} behaves. Fyers switched it off in 2026 (HTTP 400, code -16,
 * FYERS_API.md §2.5), so {@link #DISABLED} is the default: a client must cope with a daily login.
 */
public enum RefreshMode {
    /** A valid refresh token and PIN get a new access token. */
    ENABLED,
    /** Every call answers HTTP 400 {@code -16 "Refresh token API is currently disabled..."}. */
    DISABLED
}
