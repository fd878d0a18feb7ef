package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.List;

/** Hand-built ticks, bars and thresholds for the rule tests. */
final class Fixtures {
    static final String SYM = "NSE:SBIN-EQ";
    static final TradingCalendar CAL = TradingCalendar.nse();
    /** A Monday and the Tuesday after it, both trading days. */
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 9);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 10);
    static final long MINUTE = 60_000L;

    private Fixtures() {
    }

    /** 09:15 IST of {@code day} plus {@code m} minutes. */
    static long minute(LocalDate day, int m) {
        return TradingCalendar.sessionOpen(day) + m * MINUTE;
    }

    static Tick tick(long ts, double ltp, double prevClose) {
        return new Tick(SYM, ts, ltp, 1_000, ltp, 0, 0, 0, prevClose, 0, 0);
    }

    /** A final 1m bar that traded (one tick or more). */
    static Bar bar(long barStart, double open, double close, long volume) {
        return new Bar(SYM, Timeframe.M1, barStart, barStart + MINUTE, open, Math.max(open, close),
                Math.min(open, close), close, close, volume, 3, 0, true);
    }

    static Bar bar(long barStart, double close, long volume) {
        return bar(barStart, close, close, volume);
    }

    /** A flat gap-filled bar, as MinuteBarFolder.flatBar makes it (final). */
    static Bar flat(long barStart, double price) {
        return new Bar(SYM, Timeframe.M1, barStart, barStart + MINUTE, price, price, price, price, price, 0, 0, 0, true);
    }

    static AnomalyThresholds thresholds(List<Double> bands, double k, int zn, double r, int sn, double minVolume,
                                        double gapPct) {
        return new AnomalyThresholds(bands, k, zn, r, sn, minVolume, gapPct);
    }

    /** Defaults with small windows, so warm-up edges are short to write. */
    static AnomalyThresholds smallWindows(int zscoreWindow, int surgeWindow) {
        return thresholds(List.of(5.0, 7.5, 10.0), 4, zscoreWindow, 5, surgeWindow, 1000, 3);
    }
}
