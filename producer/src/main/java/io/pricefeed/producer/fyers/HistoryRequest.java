package io.pricefeed.producer.fyers;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code /data/history} request (FYERS_API.md §4.2) for a date range, {@code date_format=1}.
 * The range limits are checked here so a request Fyers would refuse with -50 is never sent.
 *
 * @param resolution minutes ({@code 1} ... {@code 240}) or {@code D}
 */
public record HistoryRequest(String symbol, String resolution, LocalDate from, LocalDate to) {
    static final Set<String> RESOLUTIONS = Set.of("1", "2", "3", "5", "10", "15", "20", "30", "45", "60", "120", "180", "240", "D");
    public static final int MAX_INTRADAY_DAYS = 100;
    public static final int MAX_DAILY_DAYS = 366;

    public HistoryRequest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        resolution = "1D".equals(resolution) ? "D" : Objects.requireNonNull(resolution, "resolution");
        if (!RESOLUTIONS.contains(resolution)) {
            throw new IllegalArgumentException("resolution must be one of " + RESOLUTIONS + ", was " + resolution);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("history range ends (" + to + ") before it starts (" + from + ")");
        }
        long days = to.toEpochDay() - from.toEpochDay() + 1;
        int max = "D".equals(resolution) ? MAX_DAILY_DAYS : MAX_INTRADAY_DAYS;
        if (days > max) {
            throw new IllegalArgumentException("a " + resolution + " history request covers at most " + max
                    + " days; " + from + ".." + to + " is " + days);
        }
    }
}
