package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
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
    void queryRunsSqlOnTheLake(@TempDir Path lake) {
        long open = TradingCalendar.sessionOpen(LocalDate.of(2026, 3, 10));
        TestLakeWriter.bars(lake, List.of(new Bar("NSE:SBIN-EQ", Timeframe.M1, open, open + 60_000, 1.0, 2.0, 0.5, 1.5, 1.2,
                100, 3, 0, true)));

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
