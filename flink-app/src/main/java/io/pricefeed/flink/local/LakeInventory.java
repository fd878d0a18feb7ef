package io.pricefeed.flink.local;

import io.pricefeed.model.Timeframe;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * What the lake already holds, as the backfill needs to know it: which symbols have bars of a
 * timeframe on each IST trade date. The CLI answers it with the same DuckDB views Athena's tables
 * mirror; a test can answer it from a map.
 */
public interface LakeInventory {
    /** For each date in [{@code from}, {@code to}] that has bars of {@code timeframe}: the symbols with bars. */
    Map<LocalDate, Set<String>> symbolsWithBars(Timeframe timeframe, LocalDate from, LocalDate to);
}
