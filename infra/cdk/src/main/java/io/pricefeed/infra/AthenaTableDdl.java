package io.pricefeed.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.pricefeed.athena.AthenaCatalog;

/**
 * One {@code CREATE EXTERNAL TABLE} statement of the athena module ({@code athena/ddl/*.sql}
 * resources of its jar, one per {@link AthenaCatalog#TABLES}), parsed into what a Glue table
 * needs. The Glue tables are generated from these files rather than written a second time in
 * Java, so the lake's catalog cannot drift from the SQL that the athena module tests.
 *
 * <p>The parser covers the Hive DDL subset Athena accepts for external tables: columns and
 * partition columns with any Hive type ({@code map<string,double>}, {@code decimal(10,2)}, ...)
 * and optional {@code COMMENT}s, {@code ROW FORMAT SERDE ... WITH SERDEPROPERTIES},
 * {@code STORED AS PARQUET|ORC|TEXTFILE} or {@code STORED AS INPUTFORMAT ... OUTPUTFORMAT},
 * {@code LOCATION} and {@code TBLPROPERTIES}. Anything else fails with the file and position, so
 * a new DDL construct breaks the build instead of being silently left out of Glue.
 */
public record AthenaTableDdl(
        String name,
        String comment,
        List<Column> columns,
        List<Column> partitionKeys,
        String inputFormat,
        String outputFormat,
        String serializationLibrary,
        Map<String, String> serdeProperties,
        String location,
        Map<String, String> tableProperties,
        String source) {

    /** A column; names and types are lower case, as Glue stores them. */
    public record Column(String name, String type, String comment) {
    }

    static final String PARQUET_SERDE = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
    static final String LAZY_SIMPLE_SERDE = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
    static final String ORC_SERDE = "org.apache.hadoop.hive.ql.io.orc.OrcSerde";
    static final String TEXT_INPUT = "org.apache.hadoop.mapred.TextInputFormat";
    static final String TEXT_OUTPUT = "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat";

    /**
     * The athena module's tables ({@link AthenaCatalog#TABLES}), each parsed from its DDL resource
     * on the class path (the {@code pricefeed-athena} jar this module depends on), in file-name
     * order.
     *
     * @throws IllegalStateException naming every DDL resource that is not on the class path
     */
    public static List<AthenaTableDdl> loadAll() {
        List<String> missing = new ArrayList<>();
        List<AthenaTableDdl> tables = loadAll(AthenaTableDdl.class.getClassLoader(), missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The Athena DDL is incomplete, missing: " + String.join("; ", missing));
        }
        return tables;
    }

    /**
     * {@link #loadAll()} through {@code loader}. A resource that is not there is added to
     * {@code missing}, and then nothing is returned: half a catalog is never deployed.
     */
    static List<AthenaTableDdl> loadAll(ClassLoader loader, List<String> missing) {
        List<AthenaTableDdl> tables = new ArrayList<>();
        boolean complete = true;
        for (String table : AthenaCatalog.TABLES) {
            String resource = AthenaCatalog.tableDdlResource(table);
            String sql = readResource(loader, resource);
            if (sql == null) {
                missing.add(resource + " on the class path (the Athena DDL, from the pricefeed-athena dependency)");
                complete = false;
                continue;
            }
            AthenaTableDdl ddl = parse(sql, resource.substring(resource.lastIndexOf('/') + 1));
            if (!ddl.name().equals(table)) {
                throw new IllegalArgumentException(ddl.source() + " creates table '" + ddl.name()
                        + "', but AthenaCatalog lists it as '" + table + "'");
            }
            tables.add(ddl);
        }
        if (!complete) {
            return List.of();
        }
        // File-name order, as the Glue tables have always been created.
        tables.sort(Comparator.comparing(AthenaTableDdl::source));
        return List.copyOf(tables);
    }

    /** The resource's text, or null when {@code loader} does not have it. */
    private static String readResource(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Athena DDL " + resource, e);
        }
    }

    public static AthenaTableDdl parse(String sql, String source) {
        return new Parser(stripComments(sql), source).statement();
    }

    /** Removes {@code --} and block comments outside quotes (the DDL files explain themselves in them). */
    static String stripComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && quote != '`' && i + 1 < sql.length()) {
                    out.append(sql.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                out.append(c);
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                while (i < sql.length() && sql.charAt(i) != '\n') {
                    i++;
                }
                out.append('\n');
            } else if (c == '/' && i + 1 < sql.length() && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** A small recursive-descent parser over the comment-free text. */
    private static final class Parser {
        private final String text;
        private final String source;
        private int pos;

        Parser(String text, String source) {
            this.text = text;
            this.source = source;
        }

        AthenaTableDdl statement() {
            expect("CREATE", "EXTERNAL", "TABLE");
            accept("IF", "NOT", "EXISTS");
            String name = identifier();
            if (acceptSymbol('.')) {
                // A database qualifier: the Glue database is the stack's, not the file's.
                name = identifier();
            }
            List<Column> columns = columns();
            String comment = null;
            List<Column> partitions = List.of();
            String serde = null;
            Map<String, String> serdeProperties = Map.of();
            String storedAs = null;
            String inputFormat = null;
            String outputFormat = null;
            String location = null;
            Map<String, String> properties = Map.of();
            while (true) {
                skipWhitespace();
                if (pos >= text.length() || acceptSymbol(';')) {
                    break;
                } else if (accept("COMMENT")) {
                    comment = string();
                } else if (accept("PARTITIONED", "BY")) {
                    partitions = columns();
                } else if (accept("ROW", "FORMAT", "SERDE")) {
                    serde = string();
                    if (accept("WITH", "SERDEPROPERTIES")) {
                        serdeProperties = properties();
                    }
                } else if (accept("STORED", "AS", "INPUTFORMAT")) {
                    inputFormat = string();
                    expect("OUTPUTFORMAT");
                    outputFormat = string();
                } else if (accept("STORED", "AS")) {
                    storedAs = identifier().toUpperCase(Locale.ROOT);
                } else if (accept("LOCATION")) {
                    location = string();
                } else if (accept("TBLPROPERTIES")) {
                    properties = properties();
                } else {
                    throw error("unsupported clause");
                }
            }
            skipWhitespace();
            if (pos < text.length()) {
                throw error("one CREATE EXTERNAL TABLE statement per file expected, found more");
            }
            if (location == null) {
                throw error("LOCATION is missing");
            }
            if (storedAs != null) {
                switch (storedAs) {
                    case "PARQUET" -> {
                        inputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
                        outputFormat = "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat";
                        serde = serde == null ? PARQUET_SERDE : serde;
                    }
                    case "ORC" -> {
                        inputFormat = "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat";
                        outputFormat = "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat";
                        serde = serde == null ? ORC_SERDE : serde;
                    }
                    case "TEXTFILE" -> {
                        inputFormat = TEXT_INPUT;
                        outputFormat = TEXT_OUTPUT;
                        serde = serde == null ? LAZY_SIMPLE_SERDE : serde;
                    }
                    default -> throw new IllegalArgumentException(
                            source + ": STORED AS " + storedAs + " is not supported (PARQUET, ORC, TEXTFILE or INPUTFORMAT)");
                }
            }
            if (inputFormat == null || serde == null) {
                throw error("the storage format is missing (STORED AS ..., or ROW FORMAT SERDE with STORED AS INPUTFORMAT)");
            }
            Set<String> seen = new HashSet<>();
            for (Column column : concat(columns, partitions)) {
                if (!seen.add(column.name())) {
                    throw new IllegalArgumentException(source + ": column '" + column.name() + "' is declared twice");
                }
            }
            return new AthenaTableDdl(name, comment, columns, partitions, inputFormat, outputFormat, serde,
                    serdeProperties, location, properties, source);
        }

        private List<Column> columns() {
            expectSymbol('(');
            List<Column> columns = new ArrayList<>();
            do {
                String name = identifier();
                String type = type();
                String comment = accept("COMMENT") ? string() : null;
                columns.add(new Column(name, type, comment));
            } while (acceptSymbol(','));
            expectSymbol(')');
            return List.copyOf(columns);
        }

        /** A Hive type up to the next top-level comma, closing parenthesis or COMMENT. */
        private String type() {
            skipWhitespace();
            int start = pos;
            int depth = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '<' || c == '(') {
                    depth++;
                } else if ((c == '>' || c == ')') && depth > 0) {
                    depth--;
                } else if (depth == 0 && (c == ',' || c == ')')) {
                    break;
                } else if (depth == 0 && Character.isWhitespace(c) && lookingAtWord(pos, "COMMENT")) {
                    break;
                }
                pos++;
            }
            String type = text.substring(start, pos).replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (type.isEmpty() || depth != 0) {
                pos = start;
                throw error("a column type expected");
            }
            return type;
        }

        private Map<String, String> properties() {
            expectSymbol('(');
            Map<String, String> properties = new LinkedHashMap<>();
            do {
                String key = string();
                expectSymbol('=');
                if (properties.put(key, string()) != null) {
                    throw error("property '" + key + "' is set twice");
                }
            } while (acceptSymbol(','));
            expectSymbol(')');
            return properties;
        }

        private String identifier() {
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == '`') {
                int end = text.indexOf('`', pos + 1);
                if (end < 0) {
                    throw error("unterminated `identifier`");
                }
                String name = text.substring(pos + 1, end);
                pos = end + 1;
                return name.toLowerCase(Locale.ROOT);
            }
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (start == pos) {
                throw error("an identifier expected");
            }
            return text.substring(start, pos).toLowerCase(Locale.ROOT);
        }

        private String string() {
            skipWhitespace();
            char quote = pos < text.length() ? text.charAt(pos) : 0;
            if (quote != '\'' && quote != '"') {
                throw error("a quoted string expected");
            }
            StringBuilder value = new StringBuilder();
            for (pos++; pos < text.length(); pos++) {
                char c = text.charAt(pos);
                if (c == '\\' && pos + 1 < text.length()) {
                    value.append(text.charAt(++pos));
                } else if (c == quote && pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                    value.append(quote);
                    pos++;
                } else if (c == quote) {
                    pos++;
                    return value.toString();
                } else {
                    value.append(c);
                }
            }
            throw error("unterminated string");
        }

        private void expect(String... words) {
            if (!accept(words)) {
                throw error("expected " + String.join(" ", words));
            }
        }

        /** Consumes the keywords (case-insensitive, whole words) if all of them come next. */
        private boolean accept(String... words) {
            int start = pos;
            for (String word : words) {
                skipWhitespace();
                if (!lookingAtWord(pos, word)) {
                    pos = start;
                    return false;
                }
                pos += word.length();
            }
            return true;
        }

        private boolean lookingAtWord(int at, String word) {
            int i = at;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int end = i + word.length();
            return text.regionMatches(true, i, word, 0, word.length())
                    && (end >= text.length() || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'));
        }

        private void expectSymbol(char symbol) {
            if (!acceptSymbol(symbol)) {
                throw error("'" + symbol + "' expected");
            }
        }

        private boolean acceptSymbol(char symbol) {
            skipWhitespace();
            if (pos < text.length() && text.charAt(pos) == symbol) {
                pos++;
                return true;
            }
            return false;
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            int line = 1;
            for (int i = 0; i < Math.min(pos, text.length()); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            String near = text.substring(pos, Math.min(text.length(), pos + 40)).strip().replaceAll("\\s+", " ");
            return new IllegalArgumentException(source + " line " + line + ": " + message + " near '" + near + "'");
        }

        private static List<Column> concat(List<Column> a, List<Column> b) {
            List<Column> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }
    }
}
