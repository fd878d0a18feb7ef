package io.pricefeed.athena;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Renders a {@link QueryResult} as an aligned plain-text table for a terminal
 * ({@code ./pricefeed query}):
 *
 * <pre>
 * symbol      | bars | volume
 * ------------+------+-------
 * NSE:INFY-EQ |    3 |    900
 * (1 row)
 * </pre>
 *
 * Numeric columns are right-aligned so digits line up, the rest left-aligned; NULL is
 * spelled out so it cannot be mistaken for an empty string; control characters are escaped
 * so one value cannot break the grid. Timestamps print as {@code 2026-03-10 03:45:00}
 * (fraction only when there is one), doubles without exponent notation in the range prices
 * and volumes live in.
 */
public final class ResultTable {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ')
            .append(TIME)
            .toFormatter();
    private static final DateTimeFormatter TIMESTAMP_WITH_OFFSET = new DateTimeFormatterBuilder()
            .append(TIMESTAMP)
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter();

    private ResultTable() {
    }

    public static String render(QueryResult result) {
        if (!result.hasResultSet()) {
            return "OK";
        }
        int width = result.columns().size();
        List<String[]> cells = new ArrayList<>(result.rows().size());
        int[] widths = new int[width];
        boolean[] numeric = new boolean[width];
        boolean[] seenValue = new boolean[width];
        for (int c = 0; c < width; c++) {
            widths[c] = length(result.columns().get(c));
            numeric[c] = true;
        }
        for (List<Object> row : result.rows()) {
            String[] line = new String[width];
            for (int c = 0; c < width; c++) {
                Object value = row.get(c);
                line[c] = format(value);
                widths[c] = Math.max(widths[c], length(line[c]));
                if (value != null) {
                    seenValue[c] = true;
                    numeric[c] &= value instanceof Number;
                }
            }
            cells.add(line);
        }
        for (int c = 0; c < width; c++) {
            numeric[c] &= seenValue[c];
        }

        StringBuilder out = new StringBuilder();
        appendLine(out, result.columns().toArray(new String[0]), widths, numeric);
        StringJoiner rule = new StringJoiner("-+-");
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        out.append(rule).append('\n');
        for (String[] line : cells) {
            appendLine(out, line, widths, numeric);
        }
        out.append(footer(result));
        return out.toString();
    }

    private static void appendLine(StringBuilder out, String[] values, int[] widths, boolean[] rightAligned) {
        StringJoiner line = new StringJoiner(" | ");
        for (int c = 0; c < values.length; c++) {
            String padding = " ".repeat(widths[c] - length(values[c]));
            line.add(rightAligned[c] ? padding + values[c] : values[c] + padding);
        }
        // Padding after the last column is invisible but breaks copy-paste and exact diffs.
        out.append(line.toString().stripTrailing()).append('\n');
    }

    private static String footer(QueryResult result) {
        int n = result.rows().size();
        if (result.truncated()) {
            return "(first " + n + (n == 1 ? " row" : " rows") + " shown; the query returned more)";
        }
        return n == 1 ? "(1 row)" : "(" + n + " rows)";
    }

    /** The text of one cell. */
    static String format(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof Double || value instanceof Float) {
            return formatFloating(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal) {
            return ((BigDecimal) value).toPlainString();
        }
        if (value instanceof LocalDateTime) {
            return TIMESTAMP.format((LocalDateTime) value);
        }
        if (value instanceof OffsetDateTime) {
            return TIMESTAMP_WITH_OFFSET.format((OffsetDateTime) value);
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        if (value instanceof LocalTime) {
            return TIME.format((LocalTime) value);
        }
        if (value instanceof byte[]) {
            return formatBytes((byte[]) value);
        }
        if (value instanceof List) {
            StringJoiner list = new StringJoiner(", ", "[", "]");
            for (Object element : (List<?>) value) {
                list.add(format(element));
            }
            return list.toString();
        }
        if (value instanceof Map) {
            StringJoiner map = new StringJoiner(", ", "{", "}");
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                map.add(format(entry.getKey()) + "=" + format(entry.getValue()));
            }
            return map.toString();
        }
        return escapeControlCharacters(value.toString());
    }

    private static String formatFloating(double d) {
        // Double.toString switches to 1.0E7 at ten million, which volumes and turnover reach.
        if (Double.isFinite(d) && (d == 0 || (Math.abs(d) >= 1e-6 && Math.abs(d) < 1e18))) {
            return BigDecimal.valueOf(d).toPlainString();
        }
        return Double.toString(d);
    }

    private static String formatBytes(byte[] bytes) {
        StringBuilder hex = new StringBuilder(2 + bytes.length * 4);
        for (byte b : bytes) {
            hex.append(String.format("\\x%02X", b));
        }
        return hex.toString();
    }

    private static String escapeControlCharacters(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            String replacement = ch == '\n' ? "\\n" : ch == '\r' ? "\\r" : ch == '\t' ? "\\t"
                    : Character.isISOControl(ch) ? String.format("\\u%04x", (int) ch) : null;
            if (replacement != null && out == null) {
                out = new StringBuilder(text.substring(0, i));
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(ch));
            }
        }
        return out == null ? text : out.toString();
    }

    /** Width on screen, counting a character outside the BMP once. */
    private static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
