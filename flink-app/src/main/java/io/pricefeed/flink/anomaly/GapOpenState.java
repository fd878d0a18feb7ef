package io.pricefeed.flink.anomaly;

import java.io.Serializable;

/**
 * One symbol's GAP_OPEN memory: today's previous close (from today's session ticks; bars do not
 * carry it) and whether today's opening bar has been judged. A Flink POJO.
 */
public class GapOpenState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The latest positive {@code prevClose} of a session tick of {@link #prevCloseEpochDay}. */
    private double prevClose;
    private long prevCloseEpochDay = Long.MIN_VALUE;
    /** IST epoch day whose opening bar has been judged (fired or not). */
    private long checkedEpochDay = Long.MIN_VALUE;

    public GapOpenState() {
    }

    public double getPrevClose() {
        return prevClose;
    }

    public void setPrevClose(double prevClose) {
        this.prevClose = prevClose;
    }

    public long getPrevCloseEpochDay() {
        return prevCloseEpochDay;
    }

    public void setPrevCloseEpochDay(long prevCloseEpochDay) {
        this.prevCloseEpochDay = prevCloseEpochDay;
    }

    public long getCheckedEpochDay() {
        return checkedEpochDay;
    }

    public void setCheckedEpochDay(long checkedEpochDay) {
        this.checkedEpochDay = checkedEpochDay;
    }

    @Override
    public String toString() {
        return "GapOpenState{prevClose=" + prevClose + "@" + prevCloseEpochDay + " checked=" + checkedEpochDay + '}';
    }
}
