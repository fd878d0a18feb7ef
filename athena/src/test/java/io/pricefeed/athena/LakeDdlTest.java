package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Athena DDL (no Athena here, so it is parsed) against what it must describe: the files the
 * Flink job's own writers produce (read back with DuckDB), the lake layout they are written in,
 * and the local stand-in tables the views are tested on.
 */
class LakeDdlTest {
    static final List<String> TABLES = AthenaCatalog.TABLES;

    /** Athena (Hive) type of each DuckDB type the job's files hold. */
    private static final Map<String, String> ATHENA_TYPE_OF_FILE = Map.of(
            "VARCHAR", "string",
            "TIMESTAMP WITH TIME ZONE", "timestamp",
            "DOUBLE", "double",
            "BIGINT", "bigint",
            "INTEGER", "int",
            "MAP(VARCHAR, DOUBLE)", "map<string,double>");
    /** DuckDB type of each Athena type in the local stand-in tables. */
    private static final Map<String, String> LOCAL_TYPE = Map.of(
            "string", "VARCHAR",
            "timestamp", "TIMESTAMP",
            "double", "DOUBLE",
            "bigint", "BIGINT",
            "int", "INTEGER",
            "map<string,double>", "MAP(VARCHAR, DOUBLE)");

    private static Path lake;
    private static Connection duckdb;

    @BeforeAll
    static void open() throws SQLException {
        lake = MarketLake.shared();
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void close() throws SQLException {
        duckdb.close();
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void columnsAreThoseOfTheFilesTheJobWrites(String table) throws Exception {
        Ddl ddl = Ddl.of(table);
        // All of the table's files at once: they must agree, and a null-only column in one
        // JSON file gets its type from another.
        String files = lake.resolve(table) + "/**/*";
        String reader = table.equals("rejects")
                ? "read_json('" + files + ".jsonl', format = 'newline_delimited', hive_partitioning = false)"
                : "read_parquet('" + files + ".parquet', hive_partitioning = false)";

        Map<String, String> written = new LinkedHashMap<>();
        for (List<String> column : rows("DESCRIBE SELECT * FROM " + reader)) {
            String athenaType = ATHENA_TYPE_OF_FILE.get(column.get(1));
            assertThat(athenaType).as(table + "." + column.get(0) + ": Athena type for " + column.get(1)).isNotNull();
            written.put(column.get(0), athenaType);
        }

        assertThat(ddl.columns).as(table + " DDL columns vs the job's files").containsExactlyEntriesOf(written);
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void storageFormatIsThatOfTheFiles(String table) throws Exception {
        Ddl ddl = Ddl.of(table);
        Path file = anyFile(table);
        if (table.equals("rejects")) {
            assertThat(file.getFileName().toString()).endsWith(".jsonl");
            assertThat(ddl.sql).contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'")
                    .contains("STORED AS INPUTFORMAT 'org.apache.hadoop.mapred.TextInputFormat'");
            return;
        }
        assertThat(ddl.sql).contains("STORED AS PARQUET");
        assertThat(rows("SELECT DISTINCT compression FROM parquet_metadata('" + file + "')"))
                .containsExactly(List.of(ddl.properties.get("parquet.compression")));
        // Athena reads INT64 TIMESTAMP(MILLIS) as timestamp; INT96 or nanos would need other DDL.
        for (List<String> column : rows("SELECT name, type, logical_type FROM parquet_schema('" + file + "')"
                + " WHERE logical_type LIKE 'TimestampType%'")) {
            assertThat(column.get(1)).as(column.get(0)).isEqualTo("INT64");
            assertThat(column.get(2)).as(column.get(0)).contains("isAdjustedToUTC=1").contains("MILLIS=MilliSeconds()");
            assertThat(ddl.columns.get(column.get(0))).isEqualTo("timestamp");
        }
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void localStandInHasTheSameColumnsAndTypes(String table) {
        Ddl ddl = Ddl.of(table);
        Map<String, String> expected = new LinkedHashMap<>();
        ddl.columns.forEach((name, type) -> expected.put(name, LOCAL_TYPE.get(type)));
        ddl.partitions.forEach((name, type) -> expected.put(name, LOCAL_TYPE.get(type)));

        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            Map<String, String> local = new LinkedHashMap<>();
            engine.query("DESCRIBE " + table).rows().forEach(r -> local.put((String) r.get(0), (String) r.get(1)));
            assertThat(local).containsExactlyEntriesOf(expected);
        }
    }

    @ParameterizedTest
    @FieldSource("TABLES")
    void partitionProjectionCoversTheLayoutTheJobWrites(String table) throws IOException {
        Ddl ddl = Ddl.of(table);
        Map<String, String> p = ddl.properties;
        List<String> expectedPartitions = table.equals("bars") ? List.of("timeframe", "trade_date") : List.of("trade_date");

        assertThat(ddl.partitions.keySet()).containsExactlyElementsOf(expectedPartitions);
        assertThat(ddl.partitions.values()).containsOnly("string");
        assertThat(ddl.location).isEqualTo("${lake}/" + table + "/");
        assertThat(p).containsEntry("projection.enabled", "true");
        StringBuilder template = new StringBuilder(ddl.location);
        for (String partition : ddl.partitions.keySet()) {
            template.append(partition).append("=${").append(partition).append("}/");
        }
        assertThat(p).containsEntry("storage.location.template", template.toString());

        assertThat(p).containsEntry("projection.trade_date.type", "date")
                .containsEntry("projection.trade_date.format", "yyyy-MM-dd")
                .containsEntry("projection.trade_date.interval", "1")
                .containsEntry("projection.trade_date.interval.unit", "DAYS");
        String[] range = p.get("projection.trade_date.range").split(",");
        DateTimeFormatter format = DateTimeFormatter.ofPattern(p.get("projection.trade_date.format"));
        LocalDate rangeStart = LocalDate.parse(range[0], format);
        // NOW is UTC; IST dates run up to a day ahead of it.
        assertThat(range[1]).isEqualTo("NOW+1DAYS");
        if (table.equals("bars")) {
            List<String> labels = Arrays.stream(Timeframe.values()).map(Timeframe::label).toList();
            assertThat(p).containsEntry("projection.timeframe.type", "enum")
                    .containsEntry("projection.timeframe.values", "1m,5m,15m,1h,1d");
            assertThat(p.get("projection.timeframe.values").split(",")).containsExactlyElementsOf(labels);
        }
        assertThat(p.keySet().stream().filter(k -> k.startsWith("projection.") && k.endsWith(".type"))
                .map(k -> k.substring("projection.".length(), k.length() - ".type".length())))
                .containsExactlyInAnyOrderElementsOf(ddl.partitions.keySet());

        // Every folder the job wrote is one the template produces, with values the projection generates.
        Pattern folder = Pattern.compile(Pattern.quote(template.toString().replace("${lake}/", ""))
                .replaceAll("\\$\\{\\w+}", "\\\\E([^/]+)\\\\Q") + "[^/]+");
        List<Path> files = files(table);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            String relative = lake.relativize(file).toString().replace('\\', '/');
            Matcher m = folder.matcher(relative);
            assertThat(m.matches()).as(relative + " matches " + folder).isTrue();
            String tradeDate = m.group(m.groupCount());
            LocalDate date = LocalDate.parse(tradeDate, format);
            assertThat(format.format(date)).isEqualTo(tradeDate);
            assertThat(date).isAfterOrEqualTo(rangeStart);
            if (table.equals("bars")) {
                assertThat(p.get("projection.timeframe.values").split(",")).contains(m.group(1));
            }
        }
    }

    @Test
    void theBarsTableSaysWhatBackfilledBarsLookLike() {
        assertThat(Ddl.of("bars").raw).contains("backfilled history bars").contains("vwap NULL and tick_count 0");
    }

    @Test
    void rendersForAnS3LakeLeavingAthenasOwnPlaceholders() {
        List<SqlStatement> ddl = AthenaCatalog.tableDdl("s3://pricefeed-lake-123/lake");

        assertThat(ddl).extracting(SqlStatement::name).containsExactlyElementsOf(TABLES);
        String bars = ddl.get(0).statement();
        assertThat(bars).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS bars (")
                .contains("LOCATION 's3://pricefeed-lake-123/lake/bars/'")
                .contains("'s3://pricefeed-lake-123/lake/bars/timeframe=${timeframe}/trade_date=${trade_date}/'")
                .doesNotContain("${lake}").doesNotContain("--");
        assertThatThrownBy(() -> AthenaCatalog.tableDdl("s3://bucket/lake/"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing slash");
        assertThatThrownBy(() -> AthenaCatalog.tableDdl("/tmp/lake")).isInstanceOf(IllegalArgumentException.class);

        assertThat(AthenaCatalog.databaseDdl("pricefeed").statement()).isEqualTo("CREATE DATABASE IF NOT EXISTS pricefeed\n"
                + "COMMENT 'Pricefeed market-data lake (DESIGN.md section 5): bars, ticks, anomalies, rejects'");
        assertThatThrownBy(() -> AthenaCatalog.databaseDdl("price-feed")).isInstanceOf(IllegalArgumentException.class);
    }

    private static Path anyFile(String table) throws IOException {
        return files(table).get(0);
    }

    private static List<Path> files(String table) throws IOException {
        try (Stream<Path> paths = Files.walk(lake.resolve(table))) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static List<List<String>> rows(String sql) throws SQLException {
        try (Statement st = duckdb.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<List<String>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int c = 1; c <= n; c++) {
                    row.add(rs.getString(c));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The parts of one DDL file the checks need, parsed with regular expressions from the comment-free text. */
    private static final class Ddl {
        private static final Pattern HEAD = Pattern.compile(
                "(?s)CREATE EXTERNAL TABLE IF NOT EXISTS (\\w+) \\((.*?)\\)\\s*COMMENT '[^']*'\\s*PARTITIONED BY \\((.*?)\\)\\s*(.*)");
        private static final Pattern COLUMN = Pattern.compile("`(\\w+)`\\s+([a-z]+(?:<[a-z,]+>)?)");
        private static final Pattern LOCATION = Pattern.compile("LOCATION '([^']*)'");
        private static final Pattern PROPERTY = Pattern.compile("'([^']+)'\\s*=\\s*'([^']*)'");

        final String raw;
        final String sql;
        final Map<String, String> columns;
        final Map<String, String> partitions;
        final String location;
        final Map<String, String> properties = new LinkedHashMap<>();

        private Ddl(String raw) {
            this.raw = raw;
            this.sql = SqlText.withoutComments(raw);
            Matcher head = HEAD.matcher(sql);
            assertThat(head.matches()).as("DDL shape:\n" + sql).isTrue();
            columns = columns(head.group(2));
            partitions = columns(head.group(3));
            Matcher location = LOCATION.matcher(head.group(4));
            assertThat(location.find()).isTrue();
            this.location = location.group(1);
            String tail = head.group(4).substring(head.group(4).indexOf("TBLPROPERTIES"));
            Matcher property = PROPERTY.matcher(tail);
            while (property.find()) {
                assertThat(properties.put(property.group(1), property.group(2))).as(property.group(1)).isNull();
            }
        }

        static Ddl of(String table) {
            Ddl ddl = new Ddl(AthenaCatalog.tableDdlTemplate(table));
            assertThat(ddl.sql).startsWith("CREATE EXTERNAL TABLE IF NOT EXISTS " + table + " (");
            return ddl;
        }

        private static Map<String, String> columns(String block) {
            Map<String, String> columns = new LinkedHashMap<>();
            Matcher m = COLUMN.matcher(block);
            while (m.find()) {
                columns.put(m.group(1), m.group(2));
            }
            assertThat(block.split(",(?![^<]*>)")).as("one declaration per column in: " + block).hasSize(columns.size());
            return columns;
        }
    }
}
