package io.pricefeed.flink.anomaly;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One symbol's PRICE_MOVE memory: which bands have fired today, per direction. The bands are kept
 * by value (not by position), so a restart under a changed band list neither re-fires a band that
 * already fired nor mutes a new one. A Flink POJO.
 */
public class PriceMoveState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** IST epoch day the fired bands belong to; Long.MIN_VALUE before the first tick. */
    private long epochDay = Long.MIN_VALUE;
    /** Bands (percent) that fired upwards today. */
    private double[] firedUpPct = new double[0];
    /** Bands (percent) that fired downwards today. */
    private double[] firedDownPct = new double[0];

    public PriceMoveState() {
    }

    /** A new trade date: every band may fire again. */
    void startDay(long day) {
        epochDay = day;
        firedUpPct = new double[0];
        firedDownPct = new double[0];
    }

    boolean hasFired(boolean up, double band) {
        for (double b : up ? firedUpPct : firedDownPct) {
            if (b == band) {
                return true;
            }
        }
        return false;
    }

    void markFired(boolean up, double band) {
        double[] fired = up ? firedUpPct : firedDownPct;
        double[] more = Arrays.copyOf(fired, fired.length + 1);
        more[fired.length] = band;
        if (up) {
            firedUpPct = more;
        } else {
            firedDownPct = more;
        }
    }

    public long getEpochDay() {
        return epochDay;
    }

    public void setEpochDay(long epochDay) {
        this.epochDay = epochDay;
    }

    public double[] getFiredUpPct() {
        return firedUpPct;
    }

    public void setFiredUpPct(double[] firedUpPct) {
        this.firedUpPct = firedUpPct == null ? new double[0] : firedUpPct;
    }

    public double[] getFiredDownPct() {
        return firedDownPct;
    }

    public void setFiredDownPct(double[] firedDownPct) {
        this.firedDownPct = firedDownPct == null ? new double[0] : firedDownPct;
    }

    @Override
    public String toString() {
        return "PriceMoveState{day=" + epochDay + " up=" + Arrays.toString(firedUpPct)
                + " down=" + Arrays.toString(firedDownPct) + '}';
    }
}
