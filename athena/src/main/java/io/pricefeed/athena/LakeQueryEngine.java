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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for Athena (DESIGN.md §2): an in-memory DuckDB with one view per Athena
 * table ({@code bars}, {@code ticks}, {@code anomalies}) over the Parquet files of a lake
 * folder, so the SQL written for Athena runs on a laptop against the same files.
 *
 * <p>Nothing is copied: each query reads the Parquet files as they are then. Which files a
 * view can see is fixed when the views are installed, though only in one respect: a view
 * whose folder had no file is empty (see {@code athena/local/views.sql}) until
 * {@link #refreshViews()} runs again. One-shot callers such as {@code ./pricefeed query}
 * never notice; long-running ones should refresh.
 *
 * <p>Values come back as plain Java objects; see {@link DuckDbValues} for the mapping
 * ({@code TIMESTAMP} to {@code LocalDateTime} in UTC, {@code HUGEINT} to {@code BigInteger},
 * ...). One engine holds one DuckDB connection, so calls are serialised.
 */
public final class LakeQueryEngine implements AutoCloseable {
    static final String VIEWS_RESOURCE = "athena/local/views.sql";

    private static final Logger LOG = LoggerFactory.getLogger(LakeQueryEngine.class);

    private final LakeFolder lake;
    private final List<LakeView> views;
    private final Connection connection;
    private boolean closed;

    private LakeQueryEngine(LakeFolder lake, List<LakeView> views, Connection connection) {
        this.lake = lake;
        this.views = views;
        this.connection = connection;
    }

    /**
     * Starts an engine over the lake rooted at {@code lakeFolder} (which must exist; it may be
     * empty) and installs its views.
     *
     * @throws IllegalArgumentException if the folder does not exist
     * @throws QueryException           if DuckDB cannot start or refuses a view
     */
    public static LakeQueryEngine open(Path lakeFolder) {
        LakeFolder lake = LakeFolder.of(lakeFolder);
        List<LakeView> views = ViewScript.load(VIEWS_RESOURCE);
        Connection connection;
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new QueryException("Could not start DuckDB: " + e.getMessage(), e);
        }
        LakeQueryEngine engine = new LakeQueryEngine(lake, views, connection);
        try {
            // Timestamps WITH TIME ZONE that a query computes print in UTC, like the lake's.
            engine.execute("SET TimeZone = 'UTC'", "Could not set the session time zone");
            engine.refreshViews();
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return engine;
    }

    public Path lake() {
        return lake.root();
    }

    /** The names of the installed views, the same as the Athena tables. */
    public List<String> viewNames() {
        return views.stream().map(LakeView::name).toList();
    }

    /** Re-creates every view for the lake as it is now, so newly arrived folders are read. */
    public synchronized void refreshViews() {
        ensureOpen();
        for (LakeView view : views) {
            execute(view.statementFor(lake), "Could not create view '" + view.name() + "' over lake " + lake);
        }
        LOG.debug("Installed views {} over lake {}", viewNames(), lake);
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
