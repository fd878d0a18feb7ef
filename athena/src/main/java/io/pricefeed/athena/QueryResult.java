package io.pricefeed.athena;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of one query, detached from JDBC: values are plain Java objects (see
 * {@link LakeQueryEngine#query(String)} for the mapping), so the result outlives the
 * connection and can be rendered or serialised anywhere.
 *
 * @param columns   column names, in select order
 * @param types     DuckDB type names, one per column ({@code BIGINT}, {@code TIMESTAMP}, ...)
 * @param rows      one list per row, one value per column; SQL NULL is {@code null}
 * @param truncated true when the query had more rows than the caller asked for
 */
public record QueryResult(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated) {

    public QueryResult {
        columns = List.copyOf(columns);
        types = List.copyOf(types);
        if (types.size() != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " columns but " + types.size() + " types");
        }
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " values for " + columns.size() + " columns");
            }
            // List.copyOf rejects nulls, and NULL is a legitimate SQL value.
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** The result of a statement that returns no rows at all (DDL, SET, ...). */
    public static QueryResult noResultSet() {
        return new QueryResult(List.of(), List.of(), List.of(), false);
    }

    public boolean hasResultSet() {
        return !columns.isEmpty();
    }

    public int columnIndex(String column) {
        int i = columns.indexOf(column);
        if (i < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + columns);
        }
        return i;
    }

    /** The value in {@code column} of row {@code row} (0-based). */
    public Object value(int row, String column) {
        Objects.checkIndex(row, rows.size());
        return rows.get(row).get(columnIndex(column));
    }
}
