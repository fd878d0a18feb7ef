package io.pricefeed.model;

import java.util.Objects;

/**
 * One quote observation of one symbol (DESIGN.md §3). {@code ts} is the producer's receive
 * time, which is the event time: Fyers quotes carry no trade time.
 *
 * <p>A Flink POJO (public no-arg constructor, getters and setters). Optional prices are 0 when
 * unknown, as Fyers reports them (e.g. {@code dayOpen} before the first trade, an empty book side).
 */
public class Tick implements WireRecord {
    private String symbol;
    private long ts;
    private double ltp;
    private long cumVolume;
    private double atp;
    private double dayOpen;
    private double dayHigh;
    private double dayLow;
    private double prevClose;
    private double bid;
    private double ask;

    public Tick() {
    }

    public Tick(String symbol, long ts, double ltp, long cumVolume, double atp,
                double dayOpen, double dayHigh, double dayLow, double prevClose,
                double bid, double ask) {
        this.symbol = symbol;
        this.ts = ts;
        this.ltp = ltp;
        this.cumVolume = cumVolume;
        this.atp = atp;
        this.dayOpen = dayOpen;
        this.dayHigh = dayHigh;
        this.dayLow = dayLow;
        this.prevClose = prevClose;
        this.bid = bid;
        this.ask = ask;
    }

    public String getSymbol() {
        return symbol;
    }

    public void setSymbol(String symbol) {
        this.symbol = symbol;
    }

    @Override
    public long getTs() {
        return ts;
    }

    public void setTs(long ts) {
        this.ts = ts;
    }

    /** Last traded price. */
    public double getLtp() {
        return ltp;
    }

    public void setLtp(double ltp) {
        this.ltp = ltp;
    }

    /** The day's cumulative traded volume. */
    public long getCumVolume() {
        return cumVolume;
    }

    public void setCumVolume(long cumVolume) {
        this.cumVolume = cumVolume;
    }

    /** The day's average traded price (VWAP since the open). */
    public double getAtp() {
        return atp;
    }

    public void setAtp(double atp) {
        this.atp = atp;
    }

    public double getDayOpen() {
        return dayOpen;
    }

    public void setDayOpen(double dayOpen) {
        this.dayOpen = dayOpen;
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

    public double getPrevClose() {
        return prevClose;
    }

    public void setPrevClose(double prevClose) {
        this.prevClose = prevClose;
    }

    public double getBid() {
        return bid;
    }

    public void setBid(double bid) {
        this.bid = bid;
    }

    public double getAsk() {
        return ask;
    }

    public void setAsk(double ask) {
        this.ask = ask;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Tick)) {
            return false;
        }
        Tick t = (Tick) o;
        return ts == t.ts && cumVolume == t.cumVolume
                && Double.compare(ltp, t.ltp) == 0 && Double.compare(atp, t.atp) == 0
                && Double.compare(dayOpen, t.dayOpen) == 0 && Double.compare(dayHigh, t.dayHigh) == 0
                && Double.compare(dayLow, t.dayLow) == 0 && Double.compare(prevClose, t.prevClose) == 0
                && Double.compare(bid, t.bid) == 0 && Double.compare(ask, t.ask) == 0
                && Objects.equals(symbol, t.symbol);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, ts, ltp, cumVolume, atp, dayOpen, dayHigh, dayLow, prevClose, bid, ask);
    }

    @Override
    public String toString() {
        return "Tick{" + symbol + " ts=" + ts + " ltp=" + ltp + " cumVolume=" + cumVolume + " atp=" + atp
                + " day=" + dayOpen + "/" + dayHigh + "/" + dayLow + " prevClose=" + prevClose
                + " bid=" + bid + " ask=" + ask + '}';
    }
}
