package io.pricefeed.flink.bars;

import java.io.Serializable;

/**
 * What one symbol's day has seen up to the end of its last folded 1m bar: the facts the next bar
 * needs (DESIGN.md §4). The volume and turnover baseline is the last session tick before the
 * bar; day high/low are the reference for widening; the last close fills gaps.
 *
 * <p>A Flink POJO, kept in keyed state.
 */
public class SessionState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** IST epoch day this state belongs to; a tick of another day starts afresh. */
    private long epochDay = Long.MIN_VALUE;
    /** Whether the day's first session tick has been seen. */
    private boolean started;
    private long lastCumVolume;
    private double lastAtp;
    /** Highest {@code dayHigh} seen today (0 = none known yet); it never decreases. */
    private double dayHigh;
    /** Lowest positive {@code dayLow} seen today (0 = none known yet). */
    private double dayLow;
    private double lastClose;
    private long lastBarStart = Long.MIN_VALUE;

    public SessionState() {
    }

    public static SessionState newDay(long epochDay) {
        SessionState s = new SessionState();
        s.epochDay = epochDay;
        return s;
    }

    public SessionState copy() {
        SessionState s = new SessionState();
        s.epochDay = epochDay;
        s.started = started;
        s.lastCumVolume = lastCumVolume;
        s.lastAtp = lastAtp;
        s.dayHigh = dayHigh;
        s.dayLow = dayLow;
        s.lastClose = lastClose;
        s.lastBarStart = lastBarStart;
        return s;
    }

    /** Turnover so far today as the baseline tick reported it: atp x cumulative volume. */
    double lastTurnover() {
        return lastAtp * lastCumVolume;
    }

    public long getEpochDay() {
        return epochDay;
    }

    public void setEpochDay(long epochDay) {
        this.epochDay = epochDay;
    }

    public boolean isStarted() {
        return started;
    }

    public void setStarted(boolean started) {
        this.started = started;
    }

    public long getLastCumVolume() {
        return lastCumVolume;
    }

    public void setLastCumVolume(long lastCumVolume) {
        this.lastCumVolume = lastCumVolume;
    }

    public double getLastAtp() {
        return lastAtp;
    }

    public void setLastAtp(double lastAtp) {
        this.lastAtp = lastAtp;
    }

    public double getDayHigh() {
        return dayHigh;
    }

    public void setDayHigh(double dayHigh) {
        this.dayHigh = dayHigh;
    }

    public double getDayLow() {
        return dayLow;
    }

    public void setDayLow(double dayLow) {
        this.dayLow = dayLow;
    }

    public double getLastClose() {
        return lastClose;
    }

    public void setLastClose(double lastClose) {
        this.lastClose = lastClose;
    }

    public long getLastBarStart() {
        return lastBarStart;
    }

    public void setLastBarStart(long lastBarStart) {
        this.lastBarStart = lastBarStart;
    }

    @Override
    public String toString() {
        return "SessionState{day=" + epochDay + " started=" + started + " cum=" + lastCumVolume + " atp=" + lastAtp
                + " dayHigh=" + dayHigh + " dayLow=" + dayLow + " close=" + lastClose + '}';
    }
}
