package io.pricefeed.bench.latency;

import io.pricefeed.model.TradingCalendar;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run sends and measures, fixed once the job runs: the symbols ({@code NSE:LAT001-EQ} ...), the
 * measured minutes (the first {@code minutes} whole minutes that start at least the warm-up after
 * production starts), and the volume surges planted in them, {@code surgesPerMinute} symbols a minute in
 * rotation from the second measured minute on.
 */
final class RunPlan {
    static final long MINUTE = 60_000L;
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(TradingCalendar.IST);

    private final String[] symbols;
    private final long productionStart;
    private final long firstMeasured;
    private final long measuredEnd;
    private final int minutes;
    /** Planted surges: bar start -> symbol indexes. */
    private final Map<Long, Set<Integer>> surges;

    private RunPlan(String[] symbols, long productionStart, long firstMeasured, int minutes, Map<Long, Set<Integer>> surges) {
        this.symbols = symbols;
        this.productionStart = productionStart;
        this.firstMeasured = firstMeasured;
        this.measuredEnd = firstMeasured + minutes * MINUTE;
        this.minutes = minutes;
        this.surges = surges;
    }

    /** The measured minutes start at the first minute boundary after the warm-up; surges are planned in them. */
    static RunPlan of(int symbolCount, long productionStart, int warmupSeconds, int minutes, int surgesPerMinute) {
        String[] symbols = new String[symbolCount];
        for (int i = 0; i < symbolCount; i++) {
            symbols[i] = String.format(Locale.ROOT, "NSE:LAT%03d-EQ", i + 1);
        }
        long firstMeasured = ceilMinute(productionStart + warmupSeconds * 1000L);
        long measuredEnd = firstMeasured + minutes * MINUTE;
        // From the second measured minute on: a symbol's first bar (in the warm-up) is never judged and the
        // first measured one fills the 1-bar window, so the second is the first a surge can be found in.
        Map<Long, Set<Integer>> surges = new HashMap<>();
        int next = 0;
        for (long m = firstMeasured + MINUTE; m < measuredEnd; m += MINUTE) {
            Set<Integer> chosen = new HashSet<>();
            for (int s = 0; s < surgesPerMinute; s++) {
                chosen.add(next % symbolCount);
                next++;
            }
            surges.put(m, Collections.unmodifiableSet(chosen));
        }
        return new RunPlan(symbols, productionStart, firstMeasured, minutes, Collections.unmodifiableMap(surges));
    }

    int symbolCount() {
        return symbols.length;
    }

    String symbol(int index) {
        return symbols[index];
    }

    /** The index of a symbol of this run, -1 for any other. */
    int indexOf(String symbol) {
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i].equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    long productionStart() {
        return productionStart;
    }

    long firstMeasured() {
        return firstMeasured;
    }

    long measuredEnd() {
        return measuredEnd;
    }

    int minutes() {
        return minutes;
    }

    /** Whether an instant (a bar's start, a probe's time) falls in the measured minutes. */
    boolean measured(long millis) {
        return millis >= firstMeasured && millis < measuredEnd;
    }

    /** Planted surges: bar start -> symbol indexes. */
    Map<Long, Set<Integer>> surges() {
        return surges;
    }

    boolean isSurge(long barStart, int symbol) {
        return surges.getOrDefault(barStart, Set.of()).contains(symbol);
    }

    int plantedSurges() {
        return surges.values().stream().mapToInt(Set::size).sum();
    }

    static long ceilMinute(long millis) {
        return (millis + MINUTE - 1) / MINUTE * MINUTE;
    }

    /** HH:mm:ss IST. */
    static String hms(long millis) {
        return HMS.format(Instant.ofEpochMilli(millis));
    }
}
