package io.pricefeed.athena;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One saved Athena query ({@code athena/queries/<name>.sql}), the unit the CDK stack deploys as
 * an Athena named query and {@code ./pricefeed query --named} runs locally.
 *
 * <p>The file is the query with a comment header:
 * <pre>
 * -- What the query answers, in a sentence or two (the named query's description).
 * --
 * -- &#64;param trade_date IST trading day, yyyy-MM-dd
 * SELECT ... WHERE trade_date = CAST(:trade_date AS DATE)
 * </pre>
 * Parameters are {@code :name} placeholders. Each stands for a string literal: locally it is
 * replaced by the value quoted as {@code '...'} (quotes doubled, so a value cannot end the
 * literal and become SQL), and the query casts it to the type it needs. Each declared parameter
 * appears exactly once, in the order declared, so {@link #preparedSql()} (with {@code ?}) maps
 * onto Athena's {@code PREPARE}/{@code EXECUTE ... USING '<value>', ...} or the
 * {@code ExecutionParameters} of StartQueryExecution, position for position.
 *
 * @param name        the file name without {@code .sql}
 * @param description the header's first paragraph (Athena allows 1024 characters)
 * @param parameters  the declared parameters, in order of appearance
 * @param sql         the whole file, header included, placeholders unreplaced
 */
public record NamedQuery(String name, String description, List<Parameter> parameters, String sql) {
    private static final Pattern PARAM = Pattern.compile("^--\\s*@param\\s+(\\S+)\\s*(.*)$");
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    /** A declared parameter: its placeholder name and what value it wants. */
    public record Parameter(String name, String description) {
    }

    public NamedQuery {
        parameters = List.copyOf(parameters);
    }

    /** Reads one query file; {@code source} names it in errors. Anything malformed is a packaging bug. */
    static NamedQuery parse(String name, String text, String source) {
        List<String> descriptionLines = new ArrayList<>();
        List<Parameter> parameters = new ArrayList<>();
        boolean inDescription = true;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (!line.startsWith("--")) {
                if (line.isEmpty()) {
                    continue;
                }
                break; // the header ends where the SQL starts
            }
            Matcher param = PARAM.matcher(line);
            if (param.matches()) {
                inDescription = false;
                String paramName = param.group(1);
                if (!NAME.matcher(paramName).matches()) {
                    throw new IllegalStateException(source + ": parameter name '" + paramName
                            + "' must be lower case letters, digits and underscores");
                }
                parameters.add(new Parameter(paramName, param.group(2).strip()));
                continue;
            }
            String comment = line.substring(2).strip();
            if (comment.isEmpty()) {
                inDescription = false;
            } else if (inDescription) {
                descriptionLines.add(comment);
            }
        }
        String description = String.join(" ", descriptionLines);
        if (description.isEmpty()) {
            throw new IllegalStateException(source + ": the header's first comment paragraph must say what the query answers");
        }

        List<String> used = SqlText.placeholders(text).stream().map(SqlText.Placeholder::name).toList();
        List<String> declared = parameters.stream().map(Parameter::name).toList();
        if (!used.equals(declared)) {
            throw new IllegalStateException(source + ": declares parameters " + declared + " but uses " + used
                    + " (each declared parameter must appear exactly once, in the declared order)");
        }
        return new NamedQuery(name, description, parameters, text.strip());
    }

    /**
     * The SQL with every placeholder replaced by its value as a string literal.
     *
     * @throws IllegalArgumentException naming the parameter when one is missing or unknown
     */
    public String render(Map<String, String> values) {
        Set<String> unknown = new LinkedHashSet<>(values.keySet());
        unknown.removeAll(parameterNames());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Named query '" + name + "' has no parameter " + quoted(unknown)
                    + "; " + describeParameters());
        }
        for (Parameter p : parameters) {
            if (values.get(p.name()) == null) {
                throw new IllegalArgumentException("Named query '" + name + "' needs parameter '" + p.name() + "' ("
                        + p.description() + "); " + describeParameters());
            }
        }
        return replacePlaceholders(p -> "'" + values.get(p).replace("'", "''") + "'");
    }

    /** The SQL with {@code ?} for each parameter, for an Athena prepared statement; values in {@link #parameters()} order. */
    public String preparedSql() {
        return replacePlaceholders(p -> "?");
    }

    public List<String> parameterNames() {
        return parameters.stream().map(Parameter::name).toList();
    }

    private String replacePlaceholders(java.util.function.Function<String, String> replacement) {
        StringBuilder out = new StringBuilder(sql.length());
        int copied = 0;
        for (SqlText.Placeholder p : SqlText.placeholders(sql)) {
            out.append(sql, copied, p.start()).append(replacement.apply(p.name()));
            copied = p.end();
        }
        return out.append(sql, copied, sql.length()).toString();
    }

    private String describeParameters() {
        if (parameters.isEmpty()) {
            return "it takes none";
        }
        return "its parameters: " + parameters.stream().map(p -> p.name() + " (" + p.description() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
