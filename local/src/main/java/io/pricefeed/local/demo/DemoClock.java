package io.pricefeed.local.demo;

import io.pricefeed.model.TradingCalendar;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/** How the demo shows simulated instants: IST wall time, as a trader reads the session. */
final class DemoClock {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(TradingCalendar.IST);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TradingCalendar.IST);

    private DemoClock() {
    }

    /** {@code 09:47:12}. */
    static String format(long epochMillis) {
        return TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** {@code 2026-03-10 09:14}. */
    static String formatDay(long epochMillis) {
        return DAY_TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
