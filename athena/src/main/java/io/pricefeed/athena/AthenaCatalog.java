package io.pricefeed.athena;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shipped Athena SQL, the source of truth for both engines: classpath resources under
 * {@code athena/}, listed here in the order they must be created.
 *
 * <ul>
 *   <li>{@code database.sql}: the Glue database;</li>
 *   <li>{@code ddl/<table>.sql}: one {@code CREATE EXTERNAL TABLE} each, over the lake, with
 *       partition projection (the CDK stack, which depends on this module, makes one Glue table
 *       of each {@link #tableDdlResource});</li>
 *   <li>{@code views/<view>.sql}: one {@code CREATE OR REPLACE VIEW} each;</li>
 *   <li>{@code queries/<name>.sql}: one named query each (see {@link NamedQuery}).</li>
 * </ul>
 *
 * The CDK stack deploys these; {@link LakeQueryEngine} runs the views and queries on DuckDB
 * over stand-ins for the tables, so the SQL tested is the SQL deployed. The lists are explicit
 * rather than discovered so the creation order is stated (a view after what it reads); a test
 * checks that every file is listed.
 */
public final class AthenaCatalog {
    /** The external tables, one DDL file each. */
    public static final List<String> TABLES = List.of("bars", "ticks", "anomalies", "rejects");
    /** The views, in creation order. */
    public static final List<String> VIEWS = List.of("daily_metrics", "intraday_returns", "anomalies_per_day");
    /** The named queries. */
    public static final List<String> QUERIES = List.of("top_movers", "avg_price_90d", "volatility_ranking",
            "anomaly_history", "rejects_by_reason", "bar_coverage");

    static final String ROOT = "athena/";
    private static final String DDL_FOLDER = "ddl/";
    /** Placeholders in the DDL; Athena's own ${timeframe} and ${trade_date} are left alone. */
    static final String LAKE_PLACEHOLDER = "${lake}";
    static final String DATABASE_PLACEHOLDER = "${database}";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,254}");
    private static final Pattern VIEW_HEAD = Pattern.compile("(?is)CREATE\\s+OR\\s+REPLACE\\s+VIEW\\s+(\\w+)\\s+AS\\s.*");

    private AthenaCatalog() {
    }

    /** {@code CREATE DATABASE IF NOT EXISTS <database>}; a Glue name: lower case, digits, underscores. */
    public static SqlStatement databaseDdl(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name '" + database
                    + "' must be lower case letters, digits and underscores");
        }
        return new SqlStatement(database, resource("database.sql").replace(DATABASE_PLACEHOLDER, database));
    }

    /**
     * The {@code CREATE EXTERNAL TABLE} statements for a lake at {@code lakePrefix}
     * ({@code s3://bucket/prefix}, no trailing slash), in {@link #TABLES} order.
     */
    public static List<SqlStatement> tableDdl(String lakePrefix) {
        if (lakePrefix == null || !lakePrefix.startsWith("s3://") || lakePrefix.endsWith("/")
                || lakePrefix.length() <= "s3://".length() || lakePrefix.contains("'")) {
            throw new IllegalArgumentException("Lake prefix '" + lakePrefix
                    + "' must look like s3://bucket/prefix, without a trailing slash or quotes");
        }
        return TABLES.stream()
                .map(t -> new SqlStatement(t, tableDdlTemplate(t).replace(LAKE_PLACEHOLDER, lakePrefix)))
                .toList();
    }

    /**
     * The class path resource holding a table's DDL, {@code athena/ddl/<table>.sql}, with
     * {@code ${lake}} still in it: for a reader that substitutes the lake itself (the CDK stack
     * puts a CloudFormation reference to the bucket there).
     *
     * @throws IllegalArgumentException listing the known tables when {@code table} is not one of {@link #TABLES}
     */
    public static String tableDdlResource(String table) {
        if (!TABLES.contains(table)) {
            throw new IllegalArgumentException("No table '" + table + "'; known: " + String.join(", ", TABLES));
        }
        return ROOT + DDL_FOLDER + table + ".sql";
    }

    /** A table's DDL with {@code ${lake}} still in it. */
    static String tableDdlTemplate(String table) {
        return resource(tableDdlResource(table).substring(ROOT.length()));
    }

    /** Every view, in creation order. */
    public static List<SqlStatement> views() {
        return VIEWS.stream().map(AthenaCatalog::view).toList();
    }

    private static SqlStatement view(String name) {
        String source = ROOT + "views/" + name + ".sql";
        String sql = resource("views/" + name + ".sql");
        var head = VIEW_HEAD.matcher(SqlText.withoutComments(sql));
        if (!head.matches() || !head.group(1).equals(name)) {
            throw new IllegalStateException(source + " must hold one 'CREATE OR REPLACE VIEW " + name + " AS ...'");
        }
        if (SqlText.statements(sql).size() != 1) {
            throw new IllegalStateException(source + " must hold exactly one statement");
        }
        return new SqlStatement(name, sql.strip());
    }

    public static List<NamedQuery> namedQueries() {
        return QUERIES.stream().map(AthenaCatalog::load).toList();
    }

    /** @throws IllegalArgumentException listing the known names when there is no such query */
    public static NamedQuery namedQuery(String name) {
        if (!QUERIES.contains(name)) {
            throw new IllegalArgumentException("No named query '" + name + "'; known: " + String.join(", ", QUERIES));
        }
        return load(name);
    }

    private static NamedQuery load(String name) {
        String path = "queries/" + name + ".sql";
        String sql = resource(path);
        if (SqlText.statements(sql).size() != 1) {
            throw new IllegalStateException(ROOT + path + " must hold exactly one statement");
        }
        return NamedQuery.parse(name, sql, ROOT + path);
    }

    static String resource(String path) {
        String name = ROOT + path;
        try (InputStream in = AthenaCatalog.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name, e);
        }
    }
}
