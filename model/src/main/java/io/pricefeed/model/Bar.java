package io.pricefeed.model;

import java.util.Objects;

/**
 * An OHLCV bar of one symbol and timeframe over [barStart, barEnd) (DESIGN.md §4).
 *
 * <p>{@code vwap} is NaN when unknown (history candles carry no turnover); sinks write it as
 * null. {@code revision} counts late-tick revisions of the same bar, starting at 0.
 * {@code finalBar} is false for a forming (live) bar and true once the watermark has passed
 * its end plus the allowed lateness.
 */
public class Bar {
    private String symbol;
    private Timeframe timeframe;
    private long barStart;
    private long barEnd;
    private double open;
    private double high;
    private double low;
    private double close;
    private double vwap;
    private long volume;
    private long tickCount;
    private int revision;
    private boolean finalBar;

    public Bar() {
    }

    public Bar(String symbol, Timeframe timeframe, long barStart, long barEnd,
               double open, double high, double low, double close, double vwap,
               long volume, long tickCount, int revision, boolean finalBar) {
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.barStart = barStart;
        this.barEnd = barEnd;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.vwap = vwap;
        this.volume = volume;
        this.tickCount = tickCount;
        this.revision = revision;
        this.finalBar = finalBar;
    }

    /** A copy, so an emitted bar is never changed by later state updates. */
    public Bar copy() {
        return new Bar(symbol, timeframe, barStart, barEnd, open, high, low, close, vwap,
                volume, tickCount, revision, finalBar);
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

    public long getBarEnd() {
        return barEnd;
    }

    public void setBarEnd(long barEnd) {
        this.barEnd = barEnd;
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

    public double getVwap() {
        return vwap;
    }

    public void setVwap(double vwap) {
        this.vwap = vwap;
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

    public int getRevision() {
        return revision;
    }

    public void setRevision(int revision) {
        this.revision = revision;
    }

    public boolean isFinalBar() {
        return finalBar;
    }

    public void setFinalBar(boolean finalBar) {
        this.finalBar = finalBar;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Bar)) {
            return false;
        }
        Bar b = (Bar) o;
        return barStart == b.barStart && barEnd == b.barEnd
                && Double.compare(open, b.open) == 0 && Double.compare(high, b.high) == 0
                && Double.compare(low, b.low) == 0 && Double.compare(close, b.close) == 0
                && Double.compare(vwap, b.vwap) == 0 && volume == b.volume && tickCount == b.tickCount
                && revision == b.revision && finalBar == b.finalBar
                && Objects.equals(symbol, b.symbol) && timeframe == b.timeframe;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, timeframe, barStart, barEnd, open, high, low, close, vwap,
                volume, tickCount, revision, finalBar);
    }

    @Override
    public String toString() {
        return "Bar{" + symbol + ' ' + timeframe + ' ' + TradingCalendar.formatIst(barStart)
                + " o=" + open + " h=" + high + " l=" + low + " c=" + close + " vwap=" + vwap
                + " v=" + volume + " n=" + tickCount + " rev=" + revision + (finalBar ? " final" : " live") + '}';
    }
}
