package io.pricefeed.athena;

import java.util.List;
import java.util.StringJoiner;

/**
 * Renders a {@link QueryResult} as CSV (RFC 4180): a header row, then one row per result row,
 * CRLF-free ({@code \n}) lines. NULL is an empty field, text is kept as is (quoted when it holds
 * a comma, quote or line break), and every other value is written as the table shows it
 * ({@link ResultTable#format}), so numbers never turn into exponent notation.
 */
public final class ResultCsv {
    private ResultCsv() {
    }

    public static String render(QueryResult result) {
        if (!result.hasResultSet()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        line(out, result.columns());
        for (List<Object> row : result.rows()) {
            line(out, row);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<?> values) {
        StringJoiner line = new StringJoiner(",");
        for (Object value : values) {
            line.add(field(value));
        }
        out.append(line).append('\n');
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof String ? (String) value : ResultTable.format(value);
        if (text.isEmpty() || text.chars().anyMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r')) {
            // An empty string is quoted so it stays distinguishable from NULL.
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
