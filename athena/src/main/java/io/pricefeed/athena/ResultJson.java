package io.pricefeed.athena;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link QueryResult} as a JSON array with one object per row, keyed by column name:
 * {@code [{"symbol":"NSE:SBIN-EQ","volume":265000}, ...]}. Numbers stay numbers (a
 * {@code HUGEINT} sum too), timestamps are ISO-8601 strings ({@code 2026-03-10T03:45:00}, UTC
 * wall time as the lake's; with {@code Z} when the value has a zone), dates
 * {@code 2026-03-10}, lists arrays, maps and structs objects, blobs base64. JSON has no NaN or
 * infinity, so a non-finite double is {@code null}.
 */
public final class ResultJson {
    private ResultJson() {
    }

    public static String render(QueryResult result) {
        if (!result.hasResultSet() || result.rows().isEmpty()) {
            return "[]\n";
        }
        StringBuilder out = new StringBuilder("[\n");
        List<String> columns = result.columns();
        for (int r = 0; r < result.rows().size(); r++) {
            List<Object> row = result.rows().get(r);
            out.append('{');
            for (int c = 0; c < columns.size(); c++) {
                if (c > 0) {
                    out.append(',');
                }
                string(out, columns.get(c));
                out.append(':');
                value(out, row.get(c));
            }
            out.append(r + 1 < result.rows().size() ? "},\n" : "}\n");
        }
        return out.append("]\n").toString();
    }

    private static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            out.append(Double.isFinite(d) ? BigDecimal.valueOf(d).toPlainString() : "null");
        } else if (value instanceof BigDecimal) {
            out.append(((BigDecimal) value).toPlainString());
        } else if (value instanceof Number && (value instanceof BigInteger || value instanceof Long
                || value instanceof Integer || value instanceof Short || value instanceof Byte)) {
            out.append(value);
        } else if (value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof LocalDateTime) {
            string(out, DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value));
        } else if (value instanceof OffsetDateTime) {
            string(out, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format((OffsetDateTime) value));
        } else if (value instanceof LocalDate || value instanceof LocalTime) {
            string(out, value.toString());
        } else if (value instanceof byte[]) {
            string(out, Base64.getEncoder().encodeToString((byte[]) value));
        } else if (value instanceof List) {
            out.append('[');
            boolean first = true;
            for (Object element : (List<?>) value) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                value(out, element);
            }
            out.append(']');
        } else if (value instanceof Map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, entry.getKey() instanceof String ? (String) entry.getKey()
                        : ResultTable.format(entry.getKey()));
                out.append(':');
                value(out, entry.getValue());
            }
            out.append('}');
        } else {
            string(out, value.toString());
        }
    }

    private static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
