package io.pricefeed.sim;

/**
 * NSE equity prices move in ticks of 0.05 rupees. The model computes in whole ticks (ints) so
 * that every price it reports is an exact multiple and sums of turnover are exact; these are the
 * only conversions to and from rupees.
 */
final class Ticks {
    static final int PER_RUPEE = 20;

    private Ticks() {
    }

    /**
     * Rupees of a tick count. Dividing the integer (rather than multiplying by 0.05) yields the
     * double nearest the decimal value, so 21791 ticks print as 1089.55, not 1089.5500000000001.
     */
    static double toRupees(long ticks) {
        return ticks / (double) PER_RUPEE;
    }

    static int fromRupees(double rupees) {
        return Math.toIntExact(Math.round(rupees * PER_RUPEE));
    }

    static boolean isMultiple(double rupees) {
        double t = rupees * PER_RUPEE;
        return Math.abs(t - Math.rint(t)) < 1e-6;
    }

    /** Rounds to two decimals, as Fyers reports derived values such as atp and chp. */
    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
