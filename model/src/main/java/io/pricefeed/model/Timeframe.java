package io.pricefeed.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The bar timeframes of DESIGN.md §4. Boundaries are not plain epoch multiples: they are
 * aligned to the 09:15 IST session open, which {@link TradingCalendar} computes.
 */
public enum Timeframe {
    M1("1m", 60_000L),
    M5("5m", 5 * 60_000L),
    M15("15m", 15 * 60_000L),
    H1("1h", 60 * 60_000L),
    /** One trading session (09:15-15:30 IST of one date), not 24 hours. */
    D1("1d", 24 * 60 * 60_000L);

    private final String label;
    private final long nominalMillis;

    Timeframe(String label, long nominalMillis) {
        this.label = label;
        this.nominalMillis = nominalMillis;
    }

    /** The label used on the wire, in lake paths and in DynamoDB keys: {@code 1m 5m 15m 1h 1d}. */
    public String label() {
        return label;
    }

    /** Nominal length; the last {@code 1h} bar (15:15-15:30) and {@code 1d} bars are shorter. */
    public long nominalMillis() {
        return nominalMillis;
    }

    /** Rollup timeframes: everything built from final {@code 1m} bars. */
    public boolean isRollup() {
        return this != M1;
    }

    public static Optional<Timeframe> fromLabel(String label) {
        if (label == null) {
            return Optional.empty();
        }
        String wanted = label.trim().toLowerCase(Locale.ROOT);
        for (Timeframe tf : values()) {
            if (tf.label.equals(wanted)) {
                return Optional.of(tf);
            }
        }
        return Optional.empty();
    }

    /** Like {@link #fromLabel} but for user input: the error lists the valid labels. */
    public static Timeframe parse(String label) {
        return fromLabel(label).orElseThrow(() -> new IllegalArgumentException(
                "unknown timeframe '" + label + "' (expected one of 1m, 5m, 15m, 1h, 1d)"));
    }

    @Override
    public String toString() {
        return label;
    }
}
