package io.pricefeed.sim;

import java.time.LocalDate;

/**
 * What {@code /data/quotes} reports for one symbol at one instant. Prices are multiples of the
 * 0.05 tick except {@code atp}, an average rounded to two decimals.
 *
 * @param tradingDate the session these values belong to: today once 09:15 IST has passed on a
 *                    trading day, otherwise the last session (its {@code tt})
 * @param volume      cumulative shares traded in that session
 */
public record SimQuote(String symbol, LocalDate tradingDate, double lp, double open, double high, double low,
                       double prevClose, double atp, long volume, double bid, double ask) {

    /** {@code lp - prevClose}, exact in ticks. */
    public double ch() {
        return Ticks.toRupees(Ticks.fromRupees(lp) - Ticks.fromRupees(prevClose));
    }

    /** Percent change against the previous close, two decimals. */
    public double chp() {
        return Ticks.round2(ch() / prevClose * 100);
    }

    /** {@code ask - bid}, exact in ticks. */
    public double spread() {
        return Ticks.toRupees(Ticks.fromRupees(ask) - Ticks.fromRupees(bid));
    }

    /** Fyers' {@code tt}: the trading date as epoch seconds at 00:00 UTC. */
    public long tradingDateEpochSecond() {
        return tradingDate.toEpochDay() * 86_400L;
    }
}
