package io.pricefeed.athena;

import java.sql.Array;
import java.sql.Blob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;

/**
 * Turns what DuckDB's JDBC driver hands out into plain Java values that do not depend on the
 * JVM's time zone or on a live result set:
 *
 * <ul>
 *   <li>{@code TIMESTAMP} (any precision) to {@link LocalDateTime}. The driver's
 *       {@link Timestamp} is built from the wall-clock fields in the JVM zone, so its epoch
 *       millis are wrong off UTC (and a wall time inside a DST gap shifts). A DuckDB TIMESTAMP
 *       has no zone; the lake views make it UTC, but a query may well compute IST wall times,
 *       so it is not turned into an Instant either.</li>
 *   <li>{@code TIMESTAMP WITH TIME ZONE} to {@link OffsetDateTime} at UTC; the driver picks
 *       the JVM's offset, which would make the same query print differently per machine.</li>
 *   <li>{@code DATE}, {@code TIME} to {@code LocalDate}, {@code LocalTime} (as the driver does);
 *       {@code HUGEINT}/{@code UBIGINT} stay {@link java.math.BigInteger}, {@code DECIMAL}
 *       {@link java.math.BigDecimal}.</li>
 *   <li>{@code LIST}/arrays to {@link List}, {@code STRUCT} and {@code MAP} to an ordered
 *       {@link Map}, {@code BLOB} to {@code byte[]}, recursively.</li>
 * </ul>
 */
final class DuckDbValues {
    private DuckDbValues() {
    }

    static Object read(ResultSet rs, int column) throws SQLException {
        Object value = rs.getObject(column);
        if (value instanceof Timestamp) {
            // Asking for LocalDateTime reads DuckDB's value directly, with no JVM zone involved.
            return rs.getObject(column, LocalDateTime.class);
        }
        return plain(value);
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Timestamp) {
            // Only reached inside lists and structs, where the driver offers no typed getter;
            // toLocalDateTime gives back the wall-clock fields it was built from.
            return ((Timestamp) value).toLocalDateTime();
        }
        if (value instanceof OffsetDateTime) {
            return ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Date) {
            return ((java.sql.Date) value).toLocalDate();
        }
        if (value instanceof java.sql.Time) {
            return ((java.sql.Time) value).toLocalTime();
        }
        if (value instanceof Array) {
            Object[] elements = (Object[]) ((Array) value).getArray();
            List<Object> list = new ArrayList<>(elements.length);
            for (Object element : elements) {
                list.add(plain(element));
            }
            return list;
        }
        if (value instanceof DuckDBStruct) {
            return plainMap(((DuckDBStruct) value).getMap());
        }
        if (value instanceof Map) {
            return plainMap((Map<?, ?>) value);
        }
        if (value instanceof Blob) {
            Blob blob = (Blob) value;
            return blob.getBytes(1, Math.toIntExact(blob.length()));
        }
        return value;
    }

    private static Map<Object, Object> plainMap(Map<?, ?> map) throws SQLException {
        Map<Object, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            copy.put(plain(entry.getKey()), plain(entry.getValue()));
        }
        return copy;
    }
}
