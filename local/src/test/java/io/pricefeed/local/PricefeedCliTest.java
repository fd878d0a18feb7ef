package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PricefeedCliTest extends CliTestBase {


    @Test
    void helpListsTheSubcommands() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: pricefeed").contains("stand-ins").contains("help")
                .contains("replay").contains("bars").contains("login").contains("produce");
    }

    @Test
    void produceWithAMissingOrBadConfigIsAOneLineErrorNamingTheProblem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertThat(run("produce", "--config", dir.resolve("nope.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no producer config at");
        java.nio.file.Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, "{\"fyers\": {\"clientId\": \"X-100\"}, \"kinesis\": {\"strem\": \"ticks\"}}");
        assertThat(run("login", "--config", bad.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("strem");
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        assertThat(run()).isZero();
        assertThat(out.toString()).contains("Usage: pricefeed");
    }

    @Test
    void anUnknownSubcommandIsAnErrorWithTheUsage() {
        assertThat(run("fly")).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument at index 0: 'fly'");
    }

    @Test
    void standInsCheckStartsBothWithThePipelineResourcesAndStops(@TempDir Path data) {
        int exit = run("stand-ins", "--check", "--kinesis-port", "0",
                "--dynamodb-port", "0", "--data-dir", data.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .containsPattern("Kinesis  http://127\\.0\\.0\\.1:\\d+  streams: ticks \\(2 shards\\), anomalies")
                .containsPattern("DynamoDB http://127\\.0\\.0\\.1:\\d+  tables: bars, alert-dedup")
                .contains("OK: both stand-ins answered; stopping.");
        assertThat(data.resolve("logs/kinesalite.log")).exists();
    }

    @Test
    void aBadFlagValueIsOneLine() {
        assertThat(run("stand-ins", "--check", "--ticks-shards", "0")).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("pricefeed: --ticks-shards must be at least 1, got 0");
    }

    @Test
    void queryRunsSqlOnTheLake(@TempDir Path lake) throws Exception {
        java.nio.file.Path dir = lake.resolve("bars/timeframe=1m/trade_date=2026-03-10");
        java.nio.file.Files.createDirectories(dir);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
             java.sql.Statement st = c.createStatement()) {
            st.execute("COPY (SELECT 'NSE:SBIN-EQ' AS symbol, TIMESTAMP '2026-03-10 03:45:00' AS bar_start, "
                    + "TIMESTAMP '2026-03-10 03:46:00' AS bar_end, 1.0 AS open, 2.0 AS high, 0.5 AS low, 1.5 AS close, "
                    + "1.2 AS vwap, 100::BIGINT AS volume, 3::BIGINT AS tick_count, 0 AS revision) TO '"
                    + dir.resolve("part-0.parquet") + "' (FORMAT PARQUET)");
        }

        int exit = run("query", "--lake", lake.toString(), "SELECT symbol, timeframe, volume FROM bars");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("NSE:SBIN-EQ").contains("1m").contains("100");
    }

    @Test
    void aBadQueryIsOneLineWithDuckDbsReason(@TempDir Path lake) {
        assertThat(run("query", "--lake", lake.toString(), "SELEC nonsense")).isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: Query failed:").contains("syntax error");
    }
}
