package io.pricefeed.athena;

/**
 * One Athena table as a DuckDB view, in its two forms (see {@code athena/local/views.sql}):
 * over the Parquet files matching {@code fileGlob}, or empty with the same columns while no
 * file matches, because DuckDB's {@code read_parquet} refuses a glob that matches nothing.
 *
 * @param name         view name, the same as the Athena table
 * @param fileGlob     files the view reads, relative to the lake root
 * @param overFiles    CREATE VIEW statement reading {@code '${lake}/<fileGlob>'}
 * @param whenEmpty    CREATE VIEW statement with the same columns and no rows
 */
record LakeView(String name, String fileGlob, String overFiles, String whenEmpty) {
    static final String LAKE_PLACEHOLDER = "${lake}";

    /** The statement that creates this view for {@code lake}, whose {@link #fileGlob} matches a file or not. */
    String statementFor(LakeFolder lake, boolean hasFiles) {
        return (hasFiles ? overFiles : whenEmpty).replace(LAKE_PLACEHOLDER, lake.asSqlStringContent());
    }
}
