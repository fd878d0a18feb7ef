package io.pricefeed.dashboard;

import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Instants as the API writes them for people: ISO-8601 with the +05:30 offset, NSE's own clock. */
public final class IstTimes {
    private IstTimes() {
    }

    public static String iso(long epochMillis) {
        return TradingCalendar.isoIst(epochMillis);
    }

    /** The lake's timestamps come back from DuckDB as UTC wall times (see the athena views). */
    static long epochMillis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /** The session open (09:15 IST) of a trading day: where a daily bar starts. */
    static long sessionOpen(LocalDate day) {
        return day.atTime(9, 15).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
    }
}
