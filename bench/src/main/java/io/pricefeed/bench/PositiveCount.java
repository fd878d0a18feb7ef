package io.pricefeed.bench;

/** A harness flag that counts something (symbols, seconds, files, slots): a whole number of at least 1. */
public final class PositiveCount {
    private PositiveCount() {
    }

    /** {@code value} of {@code flag} as an int, or an error that names the flag and says what was wrong. */
    public static int parse(String flag, String value) {
        int v;
        try {
            v = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a whole number, got '" + value + "'");
        }
        if (v < 1) {
            throw new IllegalArgumentException(flag + " must be at least 1, got " + v);
        }
        return v;
    }
}
