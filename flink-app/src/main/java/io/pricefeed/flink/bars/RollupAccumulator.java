package io.pricefeed.flink.bars;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.io.Serializable;

/**
 * A 5m, 15m, 1h or 1d bar built from final 1m bars (DESIGN.md §4): first open, last close, max
 * high, min low, summed volume and tick count, volume-weighted vwap. 1m bars must be added in
 * time order. A 1m bar with an unknown vwap (history candles) makes the rollup's vwap unknown.
 */
public class RollupAccumulator implements Serializable {
    private static final long serialVersionUID = 1L;

    private String symbol;
    private Timeframe timeframe;
    private long barStart = Long.MIN_VALUE;
    private double open;
    private double high;
    private double low;
    private double close;
    private long volume;
    private long tickCount;
    /** Sum of vwap x volume; NaN once any part is unknown. */
    private double turnover;
    private int maxRevision;
    private int minutes;

    public RollupAccumulator() {
    }

    public RollupAccumulator(String symbol, Timeframe timeframe, long barStart) {
        if (timeframe == Timeframe.M1) {
            throw new IllegalArgumentException("1m bars are built from ticks, not rolled up");
        }
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.barStart = barStart;
    }

    public void add(Bar minute) {
        if (minutes == 0) {
            open = minute.getOpen();
            high = minute.getHigh();
            low = minute.getLow();
        } else {
            high = Math.max(high, minute.getHigh());
            low = Math.min(low, minute.getLow());
        }
        close = minute.getClose();
        volume += minute.getVolume();
        tickCount += minute.getTickCount();
        turnover += minute.getVwap() * minute.getVolume();
        maxRevision = Math.max(maxRevision, minute.getRevision());
        minutes++;
    }

    /** An independent copy, to extend with forming minutes without touching the final ones. */
    public RollupAccumulator copy() {
        RollupAccumulator c = new RollupAccumulator();
        c.symbol = symbol;
        c.timeframe = timeframe;
        c.barStart = barStart;
        c.open = open;
        c.high = high;
        c.low = low;
        c.close = close;
        c.volume = volume;
        c.tickCount = tickCount;
        c.turnover = turnover;
        c.maxRevision = maxRevision;
        c.minutes = minutes;
        return c;
    }

    public boolean isEmpty() {
        return minutes == 0;
    }

    /** The rolled-up bar; vwap is the close when nothing traded. Revision: the highest of its minutes. */
    public Bar toBar(boolean finalBar) {
        double vwap = volume > 0 ? turnover / volume : (Double.isNaN(turnover) ? Double.NaN : close);
        return new Bar(symbol, timeframe, barStart, TradingCalendar.bucketEnd(timeframe, barStart),
                open, high, low, close, vwap, volume, tickCount, maxRevision, finalBar);
    }

    public String getSymbol() {
        return symbol;
    }

    public void setSymbol(String symbol) {
        this.symbol = symbol;
    }

    public Timeframe getTimeframe() {
        return timeframe;
    }

    public void setTimeframe(Timeframe timeframe) {
        this.timeframe = timeframe;
    }

    public long getBarStart() {
        return barStart;
    }

    public void setBarStart(long barStart) {
        this.barStart = barStart;
    }

    public double getOpen() {
        return open;
    }

    public void setOpen(double open) {
        this.open = open;
    }

    public double getHigh() {
        return high;
    }

    public void setHigh(double high) {
        this.high = high;
    }

    public double getLow() {
        return low;
    }

    public void setLow(double low) {
        this.low = low;
    }

    public double getClose() {
        return close;
    }

    public void setClose(double close) {
        this.close = close;
    }

    public long getVolume() {
        return volume;
    }

    public void setVolume(long volume) {
        this.volume = volume;
    }

    public long getTickCount() {
        return tickCount;
    }

    public void setTickCount(long tickCount) {
        this.tickCount = tickCount;
    }

    public double getTurnover() {
        return turnover;
    }

    public void setTurnover(double turnover) {
        this.turnover = turnover;
    }

    public int getMaxRevision() {
        return maxRevision;
    }

    public void setMaxRevision(int maxRevision) {
        this.maxRevision = maxRevision;
    }

    public int getMinutes() {
        return minutes;
    }

    public void setMinutes(int minutes) {
        this.minutes = minutes;
    }
}
