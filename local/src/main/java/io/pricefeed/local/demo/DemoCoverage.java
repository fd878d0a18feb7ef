package io.pricefeed.local.demo;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How much of the simulated session the demo's lake really holds, read back from the lake
 * after the drain: a demo that stopped polling at 13:34 must not look like a whole day.
 *
 * @param expectedMinutes  1m bars each symbol should have: the session minutes (09:15-15:30 IST)
 *                         between the demo's start and its end
 * @param minuteBars       final 1m bars in the lake per demo symbol (0 for a symbol with none)
 * @param lastTick         the last tick's time per demo symbol, epoch ms ({@code Long.MIN_VALUE}: none)
 * @param sessionEnd       when the simulated session ended, epoch ms
 * @param maxLagRealMillis the largest watermark lag sampled while the session ran, in real ms (-1: none seen)
 */
record DemoCoverage(int expectedMinutes, Map<String, Long> minuteBars, Map<String, Long> lastTick, long sessionEnd,
                    long maxLagRealMillis) {
    /** Below this share of the expected 1m bars a symbol's coverage is called short. */
    static final double MIN_SHARE = 0.99;
    /** The demo promises event time within this much real time of the simulated clock. */
    static final long MAX_LAG_REAL_MILLIS = 5_000;
    private static final LocalTime OPEN = LocalTime.of(9, 15);
    private static final LocalTime CLOSE = LocalTime.of(15, 30);

    static DemoCoverage read(LakeQueryEngine lake, DemoSettings settings, long sessionEnd, long maxLagRealMillis) {
        long from = Math.max(settings.start().toEpochMilli(), sessionBound(settings, OPEN));
        long to = Math.min(sessionEnd, sessionBound(settings, CLOSE));
        // 1m bars start on whole minutes: a session entered mid-minute expects only the full ones.
        long firstMinute = (from + 59_999) / 60_000 * 60_000;
        int expected = (int) Math.max(0, (to - firstMinute) / 60_000);
        Map<String, Long> bars = perSymbol(settings, lake.query(String.format(Locale.ROOT,
                "SELECT symbol, count(*) AS n FROM bars WHERE timeframe = '1m' AND epoch_ms(bar_start) >= %d "
                        + "AND epoch_ms(bar_start) < %d GROUP BY symbol", firstMinute, to)), 0L);
        Map<String, Long> last = perSymbol(settings, lake.query(
                "SELECT symbol, max(epoch_ms(ts)) AS n FROM ticks GROUP BY symbol"), Long.MIN_VALUE);
        return new DemoCoverage(expected, bars, last, sessionEnd, maxLagRealMillis);
    }

    private static long sessionBound(DemoSettings settings, LocalTime time) {
        ZonedDateTime start = settings.start().atZone(TradingCalendar.IST);
        return start.toLocalDate().atTime(time).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
    }

    private static Map<String, Long> perSymbol(DemoSettings settings, QueryResult result, long missing) {
        Map<String, Long> values = new LinkedHashMap<>();
        settings.symbols().forEach(s -> values.put(s, missing));
        for (int row = 0; row < result.rows().size(); row++) {
            String symbol = (String) result.value(row, "symbol");
            if (values.containsKey(symbol)) {
                values.put(symbol, ((Number) result.value(row, "n")).longValue());
            }
        }
        return values;
    }

    /** The summary's coverage line, then one warning line per promise the run did not keep. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        long fewest = minuteBars.values().stream().mapToLong(Long::longValue).min().orElse(0);
        long most = minuteBars.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long total = minuteBars.values().stream().mapToLong(Long::longValue).sum();
        double share = expectedMinutes == 0 ? 1 : total / ((double) expectedMinutes * minuteBars.size());
        String range = fewest == most ? Long.toString(fewest) : fewest + "-" + most;
        lines.add(String.format(Locale.ROOT, "  coverage  1m bars per symbol %s of the session's %d (%.1f%%); last tick %s IST%s; "
                        + "watermark lag at most %s real",
                range, expectedMinutes, 100 * share, time(latestTick()),
                earliestLastTick() == latestTick() ? "" : " (the earliest symbol's last: " + time(earliestLastTick()) + ")",
                maxLagRealMillis < 0 ? "-" : seconds(maxLagRealMillis)));
        List<String> shortSymbols = minuteBars.entrySet().stream()
                .filter(e -> e.getValue() < MIN_SHARE * expectedMinutes).map(Map.Entry::getKey).toList();
        if (!shortSymbols.isEmpty()) {
            String worst = minuteBars.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            lines.add(String.format(Locale.ROOT, "  WARNING: coverage is short: %d of %d symbols have fewer than %.0f%% of the "
                            + "session's %d 1m bars (fewest: %s with %d)", shortSymbols.size(), minuteBars.size(),
                    100 * MIN_SHARE, expectedMinutes, worst, fewest));
        }
        long lastMinute = sessionEnd - 60_000;
        if (expectedMinutes > 0 && earliestLastTick() < lastMinute) {
            lines.add(String.format(Locale.ROOT, "  WARNING: ticks stop short of the session's end: the earliest symbol's last "
                    + "tick is at %s IST, the session ran to %s IST", time(earliestLastTick()), DemoClock.format(sessionEnd)));
        }
        if (maxLagRealMillis > MAX_LAG_REAL_MILLIS) {
            lines.add(String.format(Locale.ROOT, "  WARNING: the watermark lag reached %s of real time (over %s): the job fell "
                    + "behind the session", seconds(maxLagRealMillis), seconds(MAX_LAG_REAL_MILLIS)));
        }
        return lines;
    }

    private long latestTick() {
        return lastTick.values().stream().mapToLong(Long::longValue).max().orElse(Long.MIN_VALUE);
    }

    private long earliestLastTick() {
        return lastTick.values().stream().mapToLong(Long::longValue).min().orElse(Long.MIN_VALUE);
    }

    private static String time(long epochMillis) {
        return epochMillis == Long.MIN_VALUE ? "none" : DemoClock.format(epochMillis);
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
