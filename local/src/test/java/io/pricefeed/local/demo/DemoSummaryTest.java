package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.TradingCalendar;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoSummaryTest {
    private static final Instant START = LocalDateTime.of(2026, 3, 10, 9, 14).atZone(TradingCalendar.IST).toInstant();

    @TempDir
    Path tmp;

    private static DemoSettings settings(Path dataDir, int dynamoPort, boolean keepRunning) {
        return new DemoSettings(List.of("NSE:SBIN-EQ", "NSE:TCS-EQ", "NSE:INFY-EQ"), START, 60, 20, dataDir, false,
                keepRunning, 4568, dynamoPort, 8080, 8, 2, 42);
    }

    @Test
    void theDefaultDataDirNeedsNoLakeFlagInTheExampleQueries() {
        List<String> queries = DemoSummary.exampleQueries(settings(Path.of("data"), 8000, false));

        assertThat(queries).hasSize(3).allSatisfy(q -> assertThat(q).startsWith("./pricefeed query \"SELECT "));
        assertThat(queries).anySatisfy(q -> assertThat(q).contains("FROM anomalies"));
    }

    @Test
    void anotherDataDirIsPassedAsLakeFlag() {
        Path dataDir = tmp.resolve("demo-data");

        assertThat(DemoSummary.exampleQueries(settings(dataDir, 8000, false)))
                .allSatisfy(q -> assertThat(q).startsWith("./pricefeed query --lake " + dataDir.resolve("lake") + " \"SELECT "));
    }

    @Test
    void theBarsExampleNamesTheEndpointOnlyForANonDefaultPort() {
        assertThat(DemoSummary.exampleBars(settings(Path.of("data"), 8000, false)))
                .isEqualTo("./pricefeed bars NSE:SBIN-EQ --tf 5m --last 10");
        assertThat(DemoSummary.exampleBars(settings(Path.of("data"), 18000, false)))
                .isEqualTo("./pricefeed bars NSE:SBIN-EQ --tf 5m --last 10 --endpoint http://127.0.0.1:18000");
    }

    @Test
    void theSummaryTellsWhatHappenedAndWhereItIs() {
        long sessionEnd = START.plus(Duration.ofMinutes(20)).toEpochMilli();
        PipelineSnapshot last = new PipelineSnapshot(0, sessionEnd, 1_200, 24_000, 17, 0, 24_000, 2, 60, 4, sessionEnd, 1);
        Path dataDir = tmp.resolve("d");

        String summary = DemoSummary.render(settings(dataDir, 8000, false), last, sessionEnd, Duration.ofSeconds(65), false,
                List.of("  coverage  (the coverage lines)"));

        assertThat(summary.lines()).contains(
                "Session 2026-03-10 09:14 -> 09:34:00 IST (3 symbols at 60x) simulated in 1m 05s.",
                "  producer  1,200 quote calls, 24,000 ticks published, 0 rate-limit answers, 17 injected faults survived",
                "  job       24,000 ticks read, 2 rejected, 60 final 1m bars (and their 5m/15m/1h/1d rollups), 4 anomalies",
                "  coverage  (the coverage lines)",
                "  dashboard http://127.0.0.1:8080/ (stops with the demo; --keep-running keeps it up)",
                "  alerts    1 email, saved in " + dataDir.resolve("mail"));
        assertThat(summary).contains("(with demo --keep-running: DynamoDB Local keeps its data only while it runs)");
    }

    @Test
    void anInterruptedRunSaysSoAndPluralisesEmails() {
        long sessionEnd = START.plus(Duration.ofMinutes(3)).toEpochMilli();
        PipelineSnapshot last = new PipelineSnapshot(0, sessionEnd, 10, 200, 0, 0, 200, 0, 6, 0, sessionEnd, 0);

        String summary = DemoSummary.render(settings(tmp, 8000, true), last, sessionEnd, Duration.ofSeconds(9), true, List.of());

        assertThat(summary).contains("(3 symbols at 60x) stopped early (Ctrl-C) in 9 s.", "  alerts    0 emails, saved in ")
                .doesNotContain("injected faults", "--keep-running");
    }
}
