package io.pricefeed.sim;

/**
 * One history candle as Fyers sends it: {@code [time, open, high, low, close, volume]}.
 *
 * @param time start of the candle in epoch seconds (a daily candle: 00:00 UTC of its date)
 */
public record Candle(long time, double open, double high, double low, double close, long volume) {
}
