package io.pricefeed.flink.local;

import io.pricefeed.flink.ingest.StagedHistoryInput;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which (symbol, IST trade date) pairs of staged history a backfill loads, given what the lake
 * has: a pair the lake already has is left alone, unless {@code replace}; every pair loaded is
 * first purged from the lake (see {@link BackfillLoad}), so a pair never holds two versions.
 *
 * (A class, not a record: flink-app compiles for Java 11.)
 */
public final class BackfillPlan {
    private final Map<LocalDate, Set<String>> load;
    private final Set<String> skip;
    private final int skipped;
    private final int replaced;

    private BackfillPlan(Map<LocalDate, Set<String>> load, Set<String> skip, int skipped, int replaced) {
        this.load = load;
        this.skip = skip;
        this.skipped = skipped;
        this.replaced = replaced;
    }

    public static BackfillPlan of(Map<LocalDate, Set<String>> staged, Map<LocalDate, Set<String>> inLake, boolean replace) {
        Map<LocalDate, Set<String>> load = new TreeMap<>();
        Set<String> skip = new TreeSet<>();
        int skipped = 0;
        int replaced = 0;
        for (Map.Entry<LocalDate, Set<String>> day : staged.entrySet()) {
            Set<String> there = inLake.getOrDefault(day.getKey(), Set.of());
            Set<String> loaded = new TreeSet<>(day.getValue());
            for (String symbol : day.getValue()) {
                if (!there.contains(symbol)) {
                    continue;
                }
                if (replace) {
                    replaced++;
                } else {
                    loaded.remove(symbol);
                    skip.add(StagedHistoryInput.pairKey(symbol, day.getKey()));
                    skipped++;
                }
            }
            load.put(day.getKey(), Collections.unmodifiableSet(loaded));
        }
        return new BackfillPlan(Collections.unmodifiableMap(load), Collections.unmodifiableSet(skip), skipped, replaced);
    }

    /** Per date, the symbols to purge and load. */
    public Map<LocalDate, Set<String>> load() {
        return load;
    }

    /** {@link StagedHistoryInput#pairKey} of the staged pairs the load must leave out. */
    public Set<String> skip() {
        return skip;
    }

    /** Pairs left alone because the lake had them. */
    public int skipped() {
        return skipped;
    }

    /** Pairs the lake had that are loaded again ({@code replace}). */
    public int replaced() {
        return replaced;
    }

    public int pairsToLoad() {
        return load.values().stream().mapToInt(Set::size).sum();
    }
}
