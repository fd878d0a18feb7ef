package io.pricefeed.athena;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for Athena (DESIGN.md §2): an in-memory DuckDB over the files of a lake
 * folder with what the Athena database has, under the same names:
 *
 * <ol>
 *   <li>the shim ({@code athena/local/shim.sql}): macros for the few Athena functions DuckDB
 *       lacks;</li>
 *   <li>one view per Athena table ({@code bars}, {@code ticks}, {@code anomalies},
 *       {@code rejects}; {@code athena/local/views.sql}), same columns and types as the DDL;</li>
 *   <li>the Athena views themselves ({@link AthenaCatalog#views()}), from the very files
 *       deployed to Athena;</li>
 * </ol>
 * and runs the named queries ({@link AthenaCatalog#namedQueries()}) with their parameters
 * filled in. So the SQL written for Athena runs on a laptop against the same files.
 *
 * <p>Nothing is copied: each query reads the files as they are then. Which files a table can
 * see is fixed when the views are installed, though only in one respect: a table whose folder
 * had no file is empty (see {@code athena/local/views.sql}) until {@link #refreshViews()} runs
 * again. One-shot callers such as {@code ./pricefeed query} never notice; long-running ones
 * should refresh.
 *
 * <p>Values come back as plain Java objects; see {@link DuckDbValues} for the mapping
 * ({@code TIMESTAMP} to {@code LocalDateTime} in UTC, {@code HUGEINT} to {@code BigInteger},
 * ...). One engine holds one DuckDB connection, so calls are serialised.
 */
public final class LakeQueryEngine implements AutoCloseable {
    static final String VIEWS_RESOURCE = "athena/local/views.sql";
    /** Relative to {@link AthenaCatalog#ROOT}, like the rest of the shipped SQL. */
    static final String SHIM_RESOURCE = "local/shim.sql";

    private static final Logger LOG = LoggerFactory.getLogger(LakeQueryEngine.class);

    private final LakeFolder lake;
    private final List<LakeView> tables;
    private final List<SqlStatement> views;
    private final Connection connection;
    private List<String> tablesWithoutData = List.of();
    private boolean closed;

    private LakeQueryEngine(LakeFolder lake, List<LakeView> tables, List<SqlStatement> views, Connection connection) {
        this.lake = lake;
        this.tables = tables;
        this.views = views;
        this.connection = connection;
    }

    /**
     * Starts an engine over the lake rooted at {@code lakeFolder} (which must exist; it may be
     * empty) and installs the shim, the tables and the views.
     *
     * @throws IllegalArgumentException if the folder does not exist
     * @throws QueryException           if DuckDB cannot start or refuses a statement
     */
    public static LakeQueryEngine open(Path lakeFolder) {
        LakeFolder lake = LakeFolder.of(lakeFolder);
        List<LakeView> tables = ViewScript.load(VIEWS_RESOURCE);
        List<String> shim = SqlText.statements(AthenaCatalog.resource(SHIM_RESOURCE));
        List<SqlStatement> views = AthenaCatalog.views();
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new QueryException("Could not start DuckDB: " + e.getMessage(), e);
        }
        LakeQueryEngine engine = new LakeQueryEngine(lake, tables, views, connection);
        try {
            // Timestamps WITH TIME ZONE that a query computes print in UTC, like the lake's.
            engine.execute("SET TimeZone = 'UTC'", "Could not set the session time zone");
            for (String macro : shim) {
                engine.execute(macro, "Could not install the shim (" + AthenaCatalog.ROOT + SHIM_RESOURCE + ")");
            }
            engine.refreshViews();
            // DuckDB resolves a view's tables when it is queried, so these survive every refresh.
            for (SqlStatement view : views) {
                engine.execute(view.sql(), "Could not create view '" + view.name() + "'");
            }
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    public Path lake() {
        return lake.root();
    }

    /** The Athena tables, here views over the lake files: bars, ticks, anomalies, rejects. */
    public List<String> tableNames() {
        return tables.stream().map(LakeView::name).toList();
    }

    /** The Athena views ({@link AthenaCatalog#VIEWS}), in creation order. */
    public List<String> viewNames() {
        return views.stream().map(SqlStatement::name).toList();
    }

    /**
     * The tables that had no file in the lake when the views were last installed or refreshed,
     * in {@link #tableNames()} order; all of them means the lake holds no data at all.
     */
    public synchronized List<String> tablesWithoutData() {
        return tablesWithoutData;
    }

    /** Re-creates every table's view for the lake as it is now, so newly arrived folders are read. */
    public synchronized void refreshViews() {
        ensureOpen();
        List<String> withoutData = new ArrayList<>();
        for (LakeView table : tables) {
            boolean hasFiles = lake.hasFileMatching(table.fileGlob());
            if (!hasFiles) {
                withoutData.add(table.name());
            }
            execute(table.statementFor(lake, hasFiles), "Could not create view '" + table.name() + "' over lake " + lake);
        }
        tablesWithoutData = List.copyOf(withoutData);
        LOG.debug("Installed tables {} over lake {}; without data: {}", tableNames(), lake, tablesWithoutData);
    }

    /** Runs one SQL statement and returns all its rows. */
    public QueryResult query(String sql) {
        return query(sql, Integer.MAX_VALUE);
    }

    /**
     * Runs one SQL statement and returns at most {@code maxRows} rows; the result says whether
     * there were more. The limit protects a terminal from {@code SELECT * FROM ticks}.
     *
     * @throws QueryException with DuckDB's error text when the statement fails
     */
    public synchronized QueryResult query(String sql, int maxRows) {
        if (sql == null || sql.isBlank()) {
            throw new IllegalArgumentException("Empty query: give one SQL statement");
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must not be negative, was " + maxRows);
        }
        ensureOpen();
        // A fresh statement each time: DuckDB's JDBC driver closes a statement once it fails.
        try (Statement statement = connection.createStatement()) {
            if (!statement.execute(sql)) {
                return QueryResult.noResultSet();
            }
            try (ResultSet rs = statement.getResultSet()) {
                return read(rs, maxRows);
            }
        } catch (SQLException e) {
            throw new QueryException("Query failed: " + e.getMessage(), e);
        }
    }

    /** Runs a named query ({@link AthenaCatalog#QUERIES}) with its parameters; all its rows. */
    public QueryResult namedQuery(String name, Map<String, String> parameters) {
        return namedQuery(name, parameters, Integer.MAX_VALUE);
    }

    /**
     * Runs a named query with its {@code :name} parameters replaced by the given values (as
     * string literals, see {@link NamedQuery}); at most {@code maxRows} rows.
     *
     * @throws IllegalArgumentException for an unknown query, or a missing or unknown parameter
     * @throws QueryException           with DuckDB's error text when the statement fails
     */
    public QueryResult namedQuery(String name, Map<String, String> parameters, int maxRows) {
        return query(AthenaCatalog.namedQuery(name).render(parameters), maxRows);
    }

    private static QueryResult read(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int width = meta.getColumnCount();
        List<String> columns = new ArrayList<>(width);
        List<String> types = new ArrayList<>(width);
        for (int c = 1; c <= width; c++) {
            columns.add(meta.getColumnLabel(c));
            types.add(meta.getColumnTypeName(c));
        }
        List<List<Object>> rows = new ArrayList<>();
        boolean truncated = false;
        while (rs.next()) {
            if (rows.size() == maxRows) {
                truncated = true;
                break;
            }
            List<Object> row = new ArrayList<>(width);
            for (int c = 1; c <= width; c++) {
                row.add(DuckDbValues.read(rs, c));
            }
            rows.add(row);
        }
        return new QueryResult(columns, types, rows, truncated);
    }

    private void execute(String sql, String failure) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new QueryException(failure + ": " + e.getMessage(), e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("The lake query engine over " + lake + " is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            // Nothing was written, so there is nothing to lose; just leave a trace.
            LOG.warn("Closing DuckDB failed: {}", e.getMessage());
        }
    }
}
