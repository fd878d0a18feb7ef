package io.pricefeed.local.backfill;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.flink.local.LakeInventory;
import io.pricefeed.model.Timeframe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** What a lake folder holds, read with DuckDB through the same views Athena's tables mirror. */
final class LakeFolderInventory implements LakeInventory {
    private final Path lake;

    LakeFolderInventory(Path lake) {
        this.lake = lake;
    }

    @Override
    public Map<LocalDate, Set<String>> symbolsWithBars(Timeframe timeframe, LocalDate from, LocalDate to) {
        Map<LocalDate, Set<String>> present = new TreeMap<>();
        if (!Files.isDirectory(lake)) {
            return present;
        }
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            QueryResult rows = engine.query("SELECT DISTINCT symbol, trade_date FROM bars WHERE timeframe = '" + timeframe.label()
                    + "' AND trade_date BETWEEN '" + from + "' AND '" + to + "'");
            for (List<Object> row : rows.rows()) {
                present.computeIfAbsent(LocalDate.parse(String.valueOf(row.get(1))), d -> new TreeSet<>())
                        .add(String.valueOf(row.get(0)));
            }
        }
        return present;
    }
}
