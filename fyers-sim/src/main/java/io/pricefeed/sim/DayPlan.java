package io.pricefeed.sim;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random events of one symbol's session, drawn up front from the (seed, symbol, day)
 * stream: the opening gap, the session's volume level, and per minute whether a price jump
 * happens (and at which second) and how strongly volume is bursting. Drawing them per day
 * rather than inside the second-by-second walk lets any minute be replayed on its own.
 */
final class DayPlan {
    final double gapLog;
    final double volumeFactor;
    /** Second (1-59) of the jump in each minute, 0 for none. */
    final byte[] jumpSecond;
    final double[] jumpLog;
    /** Volume multiplier per minute, 1 outside bursts. */
    final float[] burst;

    private DayPlan(double gapLog, double volumeFactor, byte[] jumpSecond, double[] jumpLog, float[] burst) {
        this.gapLog = gapLog;
        this.volumeFactor = volumeFactor;
        this.jumpSecond = jumpSecond;
        this.jumpLog = jumpLog;
        this.burst = burst;
    }

    static DayPlan draw(long seed, long symbolKey, long epochDay, MarketParameters p) {
        SplittableRandom r = RandomStreams.stream(seed, RandomStreams.DAY_PLAN, symbolKey, epochDay);
        int minutes = MarketModel.SESSION_MINUTES;

        // The draws are made whether or not an event happens, so changing one rate does not
        // reshuffle every other event of the day.
        double gapDraw = r.nextDouble();
        double gapSize = p.gapMin() + (p.gapMax() - p.gapMin()) * r.nextDouble();
        double gapSign = r.nextBoolean() ? 1 : -1;
        double ordinaryGap = r.nextGaussian() * p.ordinaryGapSigma();
        double gapLog = gapDraw < p.gapProbability() ? Math.log1p(gapSign * gapSize) : ordinaryGap;

        double s = p.dayVolumeSigma();
        double volumeFactor = Math.exp(s * r.nextGaussian() - s * s / 2);

        byte[] jumpSecond = new byte[minutes];
        double[] jumpLog = new double[minutes];
        float[] burst = new float[minutes];
        Arrays.fill(burst, 1f);
        double jumpChance = p.jumpsPerDay() / minutes;
        double burstChance = p.burstsPerDay() / minutes;
        for (int m = 0; m < minutes; m++) {
            double jumpDraw = r.nextDouble();
            int second = 1 + r.nextInt(59);
            double jumpSize = p.jumpMin() + (p.jumpMax() - p.jumpMin()) * r.nextDouble();
            double jumpSign = r.nextBoolean() ? 1 : -1;
            double burstDraw = r.nextDouble();
            int burstMinutes = 1 + r.nextInt(3);
            double multiplier = p.burstMinMultiplier() + (p.burstMaxMultiplier() - p.burstMinMultiplier()) * r.nextDouble();

            // No jump in the first minute: the open is set by the gap alone.
            if (m > 0 && jumpDraw < jumpChance) {
                jumpSecond[m] = (byte) second;
                jumpLog[m] = Math.log1p(jumpSign * jumpSize);
                // A jump trades heavily: the minute of the jump and the next one burst too.
                raise(burst, m, 2, multiplier);
            }
            if (burstDraw < burstChance) {
                raise(burst, m, burstMinutes, multiplier);
            }
        }
        return new DayPlan(gapLog, volumeFactor, jumpSecond, jumpLog, burst);
    }

    private static void raise(float[] burst, int from, int minutes, double multiplier) {
        for (int m = from; m < Math.min(burst.length, from + minutes); m++) {
            burst[m] = (float) Math.max(burst[m], multiplier);
        }
    }
}
