package io.pricefeed.model;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A Fyers history candle as the backfill stages it between its two stages (the producer fetches,
 * the Flink job loads), and the final bar it stands for. One text line per candle:
 *
 * <pre>
 * symbol,resolution,epochSecond,open,high,low,close,volume      e.g.
 * NSE:SBIN-EQ,1,1773114300,1094.0,1096.4,1092.1,1095.85,612340
 * </pre>
 *
 * {@code resolution} is {@code 1} (a minute candle, stamped with its start) or {@code D} (a daily
 * candle, stamped 00:00 UTC of its date). A candle becomes a final bar of revision 0 with
 * {@code tickCount} 0 and an unknown vwap (NaN, written as null): history carries neither.
 * A daily candle becomes the {@code 1d} bar of its IST date (09:15-15:30).
 */
public final class HistoryCandleLine {
    public static final String MINUTE = "1";
    public static final String DAY = "D";

    private HistoryCandleLine() {
    }

    /** The line of one candle. */
    public static String encode(String symbol, String resolution, long epochSecond, double open, double high, double low,
                                double close, long volume) {
        checkResolution(resolution);
        if (symbol.indexOf(',') >= 0) {
            throw new IllegalArgumentException("a symbol cannot contain ',': " + symbol);
        }
        return String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s,%d", symbol, resolution, epochSecond,
                Double.toString(open), Double.toString(high), Double.toString(low), Double.toString(close), volume);
    }

    /**
     * The final bar a line stands for.
     *
     * @throws IllegalArgumentException for a line that is not eight comma-separated fields of the right kinds
     */
    public static Bar decode(String line) {
        String[] f = line.trim().split(",", -1);
        if (f.length != 8) {
            throw new IllegalArgumentException("a staged history line has 8 fields, this one " + f.length + ": " + line);
        }
        try {
            String symbol = f[0];
            long epochSecond = Long.parseLong(f[2]);
            double open = Double.parseDouble(f[3]);
            double high = Double.parseDouble(f[4]);
            double low = Double.parseDouble(f[5]);
            double close = Double.parseDouble(f[6]);
            long volume = Long.parseLong(f[7]);
            if (MINUTE.equals(f[1])) {
                long start = epochSecond * 1000;
                return new Bar(symbol, Timeframe.M1, start, TradingCalendar.bucketEnd(Timeframe.M1, start),
                        open, high, low, close, Double.NaN, volume, 0, 0, true);
            }
            if (DAY.equals(f[1])) {
                long start = TradingCalendar.sessionOpen(dayOf(epochSecond));
                return new Bar(symbol, Timeframe.D1, start, TradingCalendar.bucketEnd(Timeframe.D1, start),
                        open, high, low, close, Double.NaN, volume, 0, 0, true);
            }
            throw new IllegalArgumentException("resolution must be " + MINUTE + " or " + DAY + ", was '" + f[1] + "' in: " + line);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a staged history line has a malformed number: " + line, e);
        }
    }

    /**
     * The IST trade date of a candle: a minute candle's start is a session instant; a daily
     * candle is stamped at 00:00 UTC of its date (FYERS_API.md §4.2), whose IST date is the same.
     */
    public static LocalDate tradeDate(String resolution, long epochSecond) {
        checkResolution(resolution);
        return dayOf(epochSecond);
    }

    /** 00:00 UTC (Fyers' stamp) and 00:00 IST (18:30 UTC the day before) both fall on the candle's IST date. */
    private static LocalDate dayOf(long epochSecond) {
        return TradingCalendar.tradeDate(epochSecond * 1000);
    }

    private static void checkResolution(String resolution) {
        if (!MINUTE.equals(resolution) && !DAY.equals(resolution)) {
            throw new IllegalArgumentException("resolution must be " + MINUTE + " or " + DAY + ", was '" + resolution + "'");
        }
    }
}
