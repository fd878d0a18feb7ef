package io.pricefeed.sim;

/**
 * The knobs of the {@link MarketModel}. The defaults give a session in which the pipeline's
 * anomaly rules (DESIGN.md §6) fire now and then across 50 symbols: in a typical session about
 * two gap opens beyond 3%, a dozen sudden jumps of 1-3.5%, a few moves of 5% from the previous
 * close, and a volume burst or two per symbol.
 *
 * @param dailyVolatility    standard deviation of a session's log return from the random walk
 *                           (each symbol scales it by a fixed 0.75-1.25)
 * @param gapProbability     chance that a session opens with a large gap
 * @param gapMin             smallest large gap, as a fraction of the previous close
 * @param gapMax             largest large gap
 * @param ordinaryGapSigma   standard deviation of the ordinary (small) opening gap
 * @param jumpsPerDay        expected number of sudden price jumps per symbol and session
 * @param jumpMin            smallest jump, as a fraction of the price
 * @param jumpMax            largest jump
 * @param burstsPerDay       expected number of volume bursts per symbol and session (besides
 *                           the burst that accompanies every jump)
 * @param burstMinMultiplier smallest burst, as a multiple of the normal volume rate
 * @param burstMaxMultiplier largest burst
 * @param volumeSmile        depth of the intraday U: the volume rate is {@code 1 + smile * ((2x-1)^2 - 1/3)}
 *                           of the mean at session fraction x, so 1.35 gives 1.9x at the
 *                           open and close and 0.55x at midday; must be in [0, 3)
 * @param volumeNoise        log-normal sigma of each second's volume around its rate
 * @param dayVolumeSigma     log-normal sigma of a whole session's volume around the symbol's average
 */
public record MarketParameters(
        double dailyVolatility,
        double gapProbability, double gapMin, double gapMax, double ordinaryGapSigma,
        double jumpsPerDay, double jumpMin, double jumpMax,
        double burstsPerDay, double burstMinMultiplier, double burstMaxMultiplier,
        double volumeSmile, double volumeNoise, double dayVolumeSigma) {

    public static final MarketParameters DEFAULTS = new MarketParameters(
            0.016,
            0.04, 0.025, 0.055, 0.004,
            0.25, 0.01, 0.035,
            1.5, 6, 12,
            1.35, 0.5, 0.25);

    public MarketParameters {
        requireRange("dailyVolatility", dailyVolatility, 0, 0.2);
        requireRange("gapProbability", gapProbability, 0, 1);
        requireRange("gapMin", gapMin, 0, 0.5);
        requireRange("gapMax", gapMax, gapMin, 0.5);
        requireRange("ordinaryGapSigma", ordinaryGapSigma, 0, 0.1);
        requireRange("jumpsPerDay", jumpsPerDay, 0, 100);
        requireRange("jumpMin", jumpMin, 0, 0.5);
        requireRange("jumpMax", jumpMax, jumpMin, 0.5);
        requireRange("burstsPerDay", burstsPerDay, 0, 100);
        requireRange("burstMinMultiplier", burstMinMultiplier, 1, 1000);
        requireRange("burstMaxMultiplier", burstMaxMultiplier, burstMinMultiplier, 1000);
        requireRange("volumeSmile", volumeSmile, 0, 2.999);
        requireRange("volumeNoise", volumeNoise, 0, 3);
        requireRange("dayVolumeSigma", dayVolumeSigma, 0, 3);
    }

    /** No gaps, jumps or bursts: a plain random walk with the intraday volume U. */
    public MarketParameters quiet() {
        return new MarketParameters(dailyVolatility, 0, gapMin, gapMax, 0, 0, jumpMin, jumpMax,
                0, burstMinMultiplier, burstMaxMultiplier, volumeSmile, volumeNoise, dayVolumeSigma);
    }

    public MarketParameters withDailyVolatility(double v) {
        return new MarketParameters(v, gapProbability, gapMin, gapMax, ordinaryGapSigma, jumpsPerDay, jumpMin, jumpMax,
                burstsPerDay, burstMinMultiplier, burstMaxMultiplier, volumeSmile, volumeNoise, dayVolumeSigma);
    }

    public MarketParameters withGapProbability(double p) {
        return new MarketParameters(dailyVolatility, p, gapMin, gapMax, ordinaryGapSigma, jumpsPerDay, jumpMin, jumpMax,
                burstsPerDay, burstMinMultiplier, burstMaxMultiplier, volumeSmile, volumeNoise, dayVolumeSigma);
    }

    public MarketParameters withJumpsPerDay(double n) {
        return new MarketParameters(dailyVolatility, gapProbability, gapMin, gapMax, ordinaryGapSigma, n, jumpMin, jumpMax,
                burstsPerDay, burstMinMultiplier, burstMaxMultiplier, volumeSmile, volumeNoise, dayVolumeSigma);
    }

    public MarketParameters withBurstsPerDay(double n) {
        return new MarketParameters(dailyVolatility, gapProbability, gapMin, gapMax, ordinaryGapSigma, jumpsPerDay, jumpMin, jumpMax,
                n, burstMinMultiplier, burstMaxMultiplier, volumeSmile, volumeNoise, dayVolumeSigma);
    }

    private static void requireRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException("market parameter " + name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }
}
