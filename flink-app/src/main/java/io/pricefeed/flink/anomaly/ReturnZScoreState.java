package io.pricefeed.flink.anomaly;

import java.io.Serializable;

/**
 * One symbol's RETURN_ZSCORE memory: the close of the last traded 1m bar (and its IST day) and the
 * window of the last n intraday 1m log returns, which carries over from one day to the next. A
 * Flink POJO.
 */
public class ReturnZScoreState implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Close of the last bar with ticks; 0 before the first. */
    private double lastClose;
    private long lastCloseEpochDay = Long.MIN_VALUE;
    private RollingWindow returns = new RollingWindow();

    public ReturnZScoreState() {
    }

    public double getLastClose() {
        return lastClose;
    }

    public void setLastClose(double lastClose) {
        this.lastClose = lastClose;
    }

    public long getLastCloseEpochDay() {
        return lastCloseEpochDay;
    }

    public void setLastCloseEpochDay(long lastCloseEpochDay) {
        this.lastCloseEpochDay = lastCloseEpochDay;
    }

    public RollingWindow getReturns() {
        return returns;
    }

    public void setReturns(RollingWindow returns) {
        this.returns = returns == null ? new RollingWindow() : returns;
    }

    @Override
    public String toString() {
        return "ReturnZScoreState{lastClose=" + lastClose + "@" + lastCloseEpochDay + " returns=" + returns + '}';
    }
}
