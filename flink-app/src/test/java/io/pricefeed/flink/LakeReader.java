package io.pricefeed.flink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.lake.DuckDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A test lake read back with DuckDB, as Athena would read it: committed files only (no {@code .} or {@code _} prefix). */
final class LakeReader {
    private LakeReader() {
    }

    /** Rows in a table's committed (visible) Parquet files; 0 before the first commit. */
    static long rows(DuckDb db, Path table) throws Exception {
        return committed(table, ".parquet")
                ? (Long) db.rows("SELECT count(*) FROM read_parquet('" + table + "/**/[!._]*.parquet')").get(0).get(0) : 0;
    }

    /** Lines in the committed reject files; 0 before the first commit. */
    static long rejects(DuckDb db, Path lake) throws Exception {
        return committed(lake.resolve("rejects"), ".jsonl")
                ? (Long) db.rows("SELECT count(*) FROM " + rejectsTable(lake)).get(0).get(0) : 0;
    }

    /** The committed rejects as a DuckDB table expression with columns reason, detail, raw, ts. */
    static String rejectsTable(Path lake) {
        return "read_json('" + lake + "/rejects/**/[!._]*.jsonl', format = 'newline_delimited', "
                + "columns = {reason: 'VARCHAR', detail: 'VARCHAR', raw: 'VARCHAR', ts: 'BIGINT'}, "
                + "maximum_object_size = 16777216)";
    }

    private static boolean committed(Path table, String suffix) throws Exception {
        try (Stream<Path> files = Files.exists(table) ? Files.walk(table) : Stream.empty()) {
            return files.map(p -> p.getFileName().toString())
                    .anyMatch(n -> n.endsWith(suffix) && !n.startsWith(".") && !n.startsWith("_"));
        }
    }

    /** Every bar in the lake keyed like {@link ReferenceBars}; fails on a bar written twice. */
    static Map<String, ReferenceBars.Row> bars(Path lake) throws Exception {
        Map<String, ReferenceBars.Row> rows = new TreeMap<>();
        try (DuckDb db = DuckDb.inMemory()) {
            for (List<Object> r : db.rows("SELECT symbol, timeframe, epoch_ms(bar_start), epoch_ms(bar_end), open, high, low, "
                    + "close, vwap, volume, tick_count FROM read_parquet('" + lake
                    + "/bars/**/[!._]*.parquet', hive_partitioning = true)")) {
                ReferenceBars.Row row = new ReferenceBars.Row((String) r.get(0), (String) r.get(1), (Long) r.get(2),
                        (Long) r.get(3), (Double) r.get(4), (Double) r.get(5), (Double) r.get(6), (Double) r.get(7),
                        (Double) r.get(8), (Long) r.get(9), (Long) r.get(10));
                assertThat(rows.put(row.key(), row)).as("duplicate bar " + row.key()).isNull();
            }
        }
        return rows;
    }

    /** Anomaly id -> "symbol RULE", from the lake; fails on a duplicate id. */
    static Map<String, String> anomalyIds(Path lake) throws Exception {
        Map<String, String> ids = new TreeMap<>();
        try (DuckDb db = DuckDb.inMemory()) {
            if (rows(db, lake.resolve("anomalies")) == 0) {
                return ids;
            }
            for (List<Object> r : db.rows("SELECT id, symbol, rule FROM read_parquet('" + lake + "/anomalies/**/[!._]*.parquet')")) {
                assertThat(ids.put((String) r.get(0), r.get(1) + " " + r.get(2))).as("duplicate anomaly " + r).isNull();
            }
        }
        return ids;
    }
}
