package io.pricefeed.athena;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Athena table and the local view must describe the same data: Athena is not available
 * offline, so this is where a column renamed on one side only gets caught.
 */
class BarsDdlTest {
    private static final Pattern COLUMN = Pattern.compile("`(\\w+)`\\s+(\\w+)");
    private static final Map<String, String> DUCKDB_TYPE = Map.of(
            "string", "VARCHAR", "timestamp", "TIMESTAMP", "double", "DOUBLE", "bigint", "BIGINT", "int", "INTEGER");

    @Test
    void declaresTheColumnsTheLocalViewExposes(@TempDir Path emptyLake) throws IOException {
        String ddl = resource("athena/ddl/bars.sql");
        String data = between(ddl, "CREATE EXTERNAL TABLE IF NOT EXISTS bars (", "PARTITIONED BY");
        String partitions = between(ddl, "PARTITIONED BY (", "STORED AS PARQUET");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.putAll(columns(data));
        expected.putAll(columns(partitions));
        // The one intended difference: a DATE locally, a projected string partition in Athena.
        assertThat(expected.put("trade_date", "DATE")).isEqualTo("VARCHAR");

        try (LakeQueryEngine engine = LakeQueryEngine.open(emptyLake)) {
            Map<String, String> local = new LinkedHashMap<>();
            engine.query("DESCRIBE bars").rows().forEach(row -> local.put((String) row.get(0), (String) row.get(1)));
            assertThat(local).containsExactlyEntriesOf(expected);
        }
        assertThat(columns(partitions)).containsOnlyKeys("timeframe", "trade_date");
    }

    @Test
    void projectsEveryTimeframeAndDayOverTheLakeLayout() throws IOException {
        String ddl = resource("athena/ddl/bars.sql");

        assertThat(ddl)
                .contains("STORED AS PARQUET")
                .contains("LOCATION '${lake}/bars/'")
                .contains("'projection.enabled'                  = 'true'")
                .contains("'projection.timeframe.type'           = 'enum'")
                .contains("'projection.timeframe.values'         = '1m,5m,15m,1h,1d'")
                .contains("'projection.trade_date.type'          = 'date'")
                .contains("'projection.trade_date.range'         = '2024-01-01,NOW'")
                .contains("'projection.trade_date.format'        = 'yyyy-MM-dd'")
                .contains("'storage.location.template'           = "
                        + "'${lake}/bars/timeframe=${timeframe}/trade_date=${trade_date}/'");
    }

    private static Map<String, String> columns(String block) {
        Map<String, String> columns = new LinkedHashMap<>();
        Matcher m = COLUMN.matcher(block);
        while (m.find()) {
            String type = DUCKDB_TYPE.get(m.group(2));
            assertThat(type).as("DuckDB type for Athena type " + m.group(2)).isNotNull();
            columns.put(m.group(1), type);
        }
        return columns;
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        int to = text.indexOf(end, from);
        assertThat(from).as("'" + start + "' in the DDL").isNotNegative();
        assertThat(to).as("'" + end + "' in the DDL").isNotNegative();
        return text.substring(from + start.length(), to);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BarsDdlTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
