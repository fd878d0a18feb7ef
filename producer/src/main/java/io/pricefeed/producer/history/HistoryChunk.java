package io.pricefeed.producer.history;

import io.pricefeed.producer.fyers.HistoryRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code /data/history} call of a backfill: a symbol over a date range no longer than Fyers
 * accepts for the resolution (100 days of minutes, 366 of days; FYERS_API.md §4.2), so the
 * backfill never sends a request that would earn a -50.
 *
 * @param resolution {@code 1} or {@code D}
 */
public record HistoryChunk(String symbol, String resolution, LocalDate from, LocalDate to) {

    public HistoryChunk {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(resolution, "resolution");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("chunk ends (" + to + ") before it starts (" + from + ")");
        }
        if (to.toEpochDay() - from.toEpochDay() + 1 > maxDays(resolution)) {
            throw new IllegalArgumentException("a " + resolution + " chunk covers at most " + maxDays(resolution) + " days");
        }
    }

    /** Consecutive chunks covering [from, to] for one symbol, each as long as Fyers allows, the last one shorter. */
    public static List<HistoryChunk> plan(String symbol, String resolution, LocalDate from, LocalDate to) {
        int max = maxDays(resolution);
        List<HistoryChunk> chunks = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(max)) {
            LocalDate end = start.plusDays(max - 1L);
            chunks.add(new HistoryChunk(symbol, resolution, start, end.isAfter(to) ? to : end));
        }
        return chunks;
    }

    /** Days in one request at most: {@value HistoryRequest#MAX_INTRADAY_DAYS} for minutes, {@value HistoryRequest#MAX_DAILY_DAYS} for D. */
    public static int maxDays(String resolution) {
        switch (resolution) {
            case "1": return HistoryRequest.MAX_INTRADAY_DAYS;
            case "D": return HistoryRequest.MAX_DAILY_DAYS;
            default: throw new IllegalArgumentException("--resolution must be 1 or D, was '" + resolution + "'");
        }
    }

    public HistoryRequest request() {
        return new HistoryRequest(symbol, resolution, from, to);
    }

    @Override
    public String toString() {
        return symbol + " " + resolution + " " + from + ".." + to;
    }
}
