package io.pricefeed.athena;

import java.util.ArrayList;
import java.util.List;

/**
 * The little lexing the SQL files need: where the code is, as opposed to string literals,
 * quoted identifiers and comments. A {@code :name} or a {@code ;} inside {@code '...'} or a
 * comment is text, not a parameter or the end of a statement; that is all this class knows
 * about SQL, and all it has to.
 */
final class SqlText {
    /** A {@code :name} parameter placeholder in code; {@code start} is the colon, {@code end} exclusive. */
    record Placeholder(String name, int start, int end) {
    }

    private SqlText() {
    }

    /**
     * The {@code :name} placeholders in code, in order. A name is lower case letters, digits
     * and underscores, starting with a letter or underscore. {@code ::} (a DuckDB cast, which
     * the shipped SQL does not use) is not a placeholder.
     */
    static List<Placeholder> placeholders(String sql) {
        List<Placeholder> found = new ArrayList<>();
        Scanner s = new Scanner(sql);
        while (s.advanceToCode()) {
            int i = s.pos;
            char c = sql.charAt(i);
            if (c == ':' && (i == 0 || sql.charAt(i - 1) != ':') && i + 1 < sql.length()
                    && isNameStart(sql.charAt(i + 1))) {
                int end = i + 2;
                while (end < sql.length() && isNamePart(sql.charAt(end))) {
                    end++;
                }
                found.add(new Placeholder(sql.substring(i + 1, end), i, end));
                s.pos = end;
            } else {
                s.pos++;
            }
        }
        return found;
    }

    /** The statements of a script, split at semicolons in code, trimmed; empty ones dropped. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        Scanner s = new Scanner(script);
        int from = 0;
        while (s.advanceToCode()) {
            if (script.charAt(s.pos) == ';') {
                addIfCode(statements, script.substring(from, s.pos));
                from = s.pos + 1;
            }
            s.pos++;
        }
        addIfCode(statements, script.substring(from));
        return statements;
    }

    /**
     * The SQL without its comments: a line holding only a comment goes entirely, a comment
     * after code leaves the code, a block comment becomes one space. What Athena's DDL parser
     * is handed, which is less forgiving about comments than its query engine.
     */
    static String withoutComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        Scanner s = new Scanner(sql);
        while (true) {
            int from = s.pos;
            boolean more = s.advanceToCodeOrComment();
            out.append(sql, from, s.pos);
            if (!more) {
                break;
            }
            if (sql.startsWith("--", s.pos)) {
                int lineStart = out.lastIndexOf("\n") + 1;
                int newline = sql.indexOf('\n', s.pos);
                if (out.substring(lineStart).isBlank()) {
                    out.setLength(lineStart);
                    s.pos = newline < 0 ? sql.length() : newline + 1;
                } else {
                    // Keep the code, lose the blanks between it and the comment.
                    while (out.length() > lineStart && Character.isWhitespace(out.charAt(out.length() - 1))) {
                        out.setLength(out.length() - 1);
                    }
                    s.pos = newline < 0 ? sql.length() : newline;
                }
            } else if (sql.startsWith("/*", s.pos)) {
                int close = sql.indexOf("*/", s.pos + 2);
                out.append(' ');
                s.pos = close < 0 ? sql.length() : close + 2;
            } else {
                out.append(sql.charAt(s.pos));
                s.pos++;
            }
        }
        return out.toString().strip();
    }

    private static void addIfCode(List<String> statements, String text) {
        String statement = text.strip();
        if (!withoutComments(statement).isEmpty()) {
            statements.add(statement);
        }
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || c == '_';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** Walks a text, stepping over literals, quoted identifiers and (unless asked) comments. */
    private static final class Scanner {
        private final String text;
        int pos;

        Scanner(String text) {
            this.text = text;
        }

        /** Moves to the next character of code at or after {@link #pos}; false at the end. */
        boolean advanceToCode() {
            while (pos < text.length()) {
                if (text.startsWith("--", pos)) {
                    int newline = text.indexOf('\n', pos);
                    pos = newline < 0 ? text.length() : newline + 1;
                } else if (text.startsWith("/*", pos)) {
                    int close = text.indexOf("*/", pos + 2);
                    pos = close < 0 ? text.length() : close + 2;
                } else if (!skipQuoted()) {
                    return true;
                }
            }
            return false;
        }

        /** Like {@link #advanceToCode()} but stops at the start of a comment too. */
        boolean advanceToCodeOrComment() {
            while (pos < text.length()) {
                if (text.startsWith("--", pos) || text.startsWith("/*", pos) || !skipQuoted()) {
                    return true;
                }
            }
            return false;
        }

        /** Steps over a '...' or "..." run (doubled quotes inside) if one starts here. */
        private boolean skipQuoted() {
            char quote = text.charAt(pos);
            if (quote != '\'' && quote != '"') {
                return false;
            }
            int i = pos + 1;
            while (i < text.length()) {
                if (text.charAt(i) == quote) {
                    if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                        i += 2;
                        continue;
                    }
                    break;
                }
                i++;
            }
            pos = Math.min(i + 1, text.length());
            return true;
        }
    }
}
