package io.pricefeed.sim;

import java.util.Objects;

/**
 * One instrument the sim quotes: its Fyers symbol, the close of the session before the
 * simulation starts (the anchor of its price path), its typical daily volume and Fyers id.
 *
 * @param symbol         Fyers symbol {@code EXCHANGE:NAME-SERIES}, e.g. {@code NSE:SBIN-EQ}
 * @param prevClose      close of the anchor session in rupees, a multiple of the 0.05 tick
 * @param avgDailyVolume typical shares traded in a session
 * @param fyToken        the {@code fyToken} the quotes reply carries
 */
public record SimSymbol(String symbol, double prevClose, long avgDailyVolume, String fyToken) {
    public SimSymbol {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(fyToken, "fyToken");
        int colon = symbol.indexOf(':');
        if (colon <= 0 || colon == symbol.length() - 1 || !symbol.equals(symbol.trim()) || symbol.contains(",")) {
            throw new IllegalArgumentException("symbol '" + symbol + "' is not a Fyers symbol EXCHANGE:NAME (e.g. NSE:SBIN-EQ)");
        }
        if (!(prevClose > 0) || Double.isInfinite(prevClose) || !Ticks.isMultiple(prevClose)) {
            throw new IllegalArgumentException(symbol + ": prevClose must be a positive multiple of the 0.05 tick, was " + prevClose);
        }
        if (avgDailyVolume <= 0) {
            throw new IllegalArgumentException(symbol + ": avgDailyVolume must be > 0, was " + avgDailyVolume);
        }
    }

    /** {@code NSE} of {@code NSE:SBIN-EQ}. */
    public String exchange() {
        return symbol.substring(0, symbol.indexOf(':'));
    }

    /** {@code SBIN-EQ} of {@code NSE:SBIN-EQ}, Fyers' {@code short_name}. */
    public String shortName() {
        return symbol.substring(symbol.indexOf(':') + 1);
    }
}
