package io.pricefeed.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryCommandTest extends CliTestBase {
    @TempDir
    static Path lake;


    /** Two days of 1d bars for two symbols, in the lake layout, with the columns the job writes. */
    @BeforeAll
    static void writeLake() {
        LocalDate mar9 = LocalDate.of(2026, 3, 9);
        LocalDate mar10 = LocalDate.of(2026, 3, 10);
        TestLakeWriter.bars(lake, List.of(
                day("NSE:SBIN-EQ", mar9, 100.0, 101.0, 99.0, 100.0), day("NSE:INFY-EQ", mar9, 1500.0, 1510.0, 1490.0, 1500.0),
                day("NSE:SBIN-EQ", mar10, 100.0, 103.0, 99.5, 102.0), day("NSE:INFY-EQ", mar10, 1500.0, 1500.0, 1420.0, 1425.0)));
    }

    /** The session's bar: vwap the close, volume 1000, 10 ticks. */
    private static Bar day(String symbol, LocalDate date, double open, double high, double low, double close) {
        return new Bar(symbol, Timeframe.D1, TradingCalendar.sessionOpen(date), TradingCalendar.sessionClose(date), open,
                high, low, close, close, 1000, 10, 0, true);
    }

    @Test
    void printsAnAlignedTableByDefault() {
        int exit = run("query", "--lake", lake.toString(),
                "SELECT symbol, close, volume FROM bars WHERE trade_date = '2026-03-10' ORDER BY symbol");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(""
                + "symbol      |  close | volume\n"
                + "------------+--------+-------\n"
                + "NSE:INFY-EQ | 1425.0 |   1000\n"
                + "NSE:SBIN-EQ |  102.0 |   1000\n"
                + "(2 rows)\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void csvAndJsonForPrograms() {
        String sql = "SELECT symbol, trade_date, price_change_pct FROM daily_metrics"
                + " WHERE trade_date = DATE '2026-03-10' ORDER BY symbol";

        assertThat(run("query", "--lake", lake.toString(), "--format", "csv", sql)).isZero();
        assertThat(out.toString()).isEqualTo("symbol,trade_date,price_change_pct\n"
                + "NSE:INFY-EQ,2026-03-10,-5.0\n"
                + "NSE:SBIN-EQ,2026-03-10,2.0\n");

        out.getBuffer().setLength(0);
        assertThat(run("query", "--lake", lake.toString(), "--format", "JSON", sql)).isZero();
        assertThat(out.toString()).isEqualTo("[\n"
                + "{\"symbol\":\"NSE:INFY-EQ\",\"trade_date\":\"2026-03-10\",\"price_change_pct\":-5.0},\n"
                + "{\"symbol\":\"NSE:SBIN-EQ\",\"trade_date\":\"2026-03-10\",\"price_change_pct\":2.0}\n"
                + "]\n");
    }

    @Test
    void runsANamedQueryWithItsParameters() {
        int exit = run("query", "--lake", lake.toString(), "--format", "csv", "--named", "top_movers",
                "--param", "trade_date=2026-03-10");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("symbol,trade_date,prev_close,close,price_change_pct,direction,")
                .contains("\nNSE:INFY-EQ,2026-03-10,1500.0,1425.0,-5.0,down,")
                .contains("\nNSE:SBIN-EQ,2026-03-10,100.0,102.0,2.0,up,");
        assertThat(out.toString().indexOf("INFY")).isLessThan(out.toString().indexOf("SBIN"));
    }

    @Test
    void aMissingOrUnknownParameterIsNamed() {
        assertThat(run("query", "--lake", lake.toString(), "--named", "top_movers")).isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: Named query 'top_movers' needs parameter 'trade_date'");

        err.getBuffer().setLength(0);
        assertThat(run("query", "--lake", lake.toString(), "--named", "top_movers", "--param", "day=2026-03-10"))
                .isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: Named query 'top_movers' has no parameter 'day'");
    }

    @Test
    void aSqlErrorPrintsDuckDbsMessageAndFails() {
        assertThat(run("query", "--lake", lake.toString(), "SELECT price FROM bars")).isEqualTo(1);
        assertThat(err.toString()).startsWith("pricefeed: Query failed: Binder Error").contains("\"price\" not found");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEmptyLakeSaysSo(@TempDir Path empty) {
        int exit = run("query", "--lake", empty.toString(), "SELECT count(*) AS bars FROM bars");

        assertThat(exit).isZero();
        assertThat(err.toString()).isEqualTo("pricefeed: the lake " + empty.toAbsolutePath().normalize()
                + " has no data yet (no bars, ticks, anomalies or rejects files); every table is empty."
                + " ./pricefeed demo fills it.\n");
        assertThat(out.toString()).isEqualTo("bars\n----\n   0\n(1 row)\n");
    }

    @Test
    void aMissingLakeIsNamed(@TempDir Path parent) {
        assertThat(run("query", "--lake", parent.resolve("nope").toString(), "SELECT 1")).isEqualTo(1);
        assertThat(err.toString()).contains("nope").contains("does not exist");
    }

    @Test
    void rowsCutOffAreReportedOnStderrOutsideTheTable() {
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv", "--max-rows", "1",
                "SELECT symbol FROM bars ORDER BY symbol")).isZero();
        assertThat(out.toString()).isEqualTo("symbol\nNSE:INFY-EQ\n");
        assertThat(err.toString()).isEqualTo("pricefeed: only the first 1 rows were printed; raise --max-rows for more\n");
    }

    /** 250 rows, more than the table's default limit: n = 0..249. */
    private static final String MANY_ROWS = "SELECT range AS n FROM range(250) ORDER BY n";

    @Test
    void csvAndJsonPrintEveryRowByDefault() {
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv", MANY_ROWS)).as(err.toString()).isZero();
        List<String> csv = out.toString().lines().collect(Collectors.toList());
        assertThat(csv).hasSize(1 + 250).startsWith("n", "0", "1").endsWith("248", "249");
        assertThat(err.toString()).isEmpty();

        out.getBuffer().setLength(0);
        assertThat(run("query", "--lake", lake.toString(), "--format", "json", MANY_ROWS)).as(err.toString()).isZero();
        List<String> json = out.toString().lines().collect(Collectors.toList());
        assertThat(json).hasSize(1 + 250 + 1).startsWith("[", "{\"n\":0},").endsWith("{\"n\":249}", "]");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void maxRowsGivenLimitsCsvToo() {
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv", "--max-rows", "5", MANY_ROWS)).isZero();
        assertThat(out.toString()).isEqualTo("n\n0\n1\n2\n3\n4\n");
        assertThat(err.toString()).isEqualTo("pricefeed: only the first 5 rows were printed; raise --max-rows for more\n");
    }

    @Test
    void theTableStillStopsAt200RowsByDefault() {
        assertThat(run("query", "--lake", lake.toString(), MANY_ROWS)).as(err.toString()).isZero();
        List<String> table = out.toString().lines().collect(Collectors.toList());
        assertThat(table).hasSize(2 + 200 + 1).startsWith("  n", "---", "  0")
                .endsWith("199", "(first 200 rows shown; the query returned more)");
        assertThat(err.toString()).isEmpty();

        out.getBuffer().setLength(0);
        assertThat(run("query", "--lake", lake.toString(), "--max-rows", "300", MANY_ROWS)).isZero();
        assertThat(out.toString()).endsWith("249\n(250 rows)\n");
    }

    @Test
    void maxRowsBelowOneIsRefused() {
        assertThat(run("query", "--lake", lake.toString(), "--format", "csv", "--max-rows", "0", MANY_ROWS)).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("pricefeed: --max-rows must be at least 1, got 0\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theHelpSaysWhichFormatsTheDefaultLimits() {
        assertThat(run("query", "--help")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--max-rows=N print at most N rows, in any format (default: 200 for the table format,"
                        + " every row for csv and json)");
    }

    @Test
    void listShowsTablesViewsAndNamedQueries() {
        assertThat(run("query", "--list")).isZero();
        assertThat(out.toString())
                .startsWith("Tables: bars, ticks, anomalies, rejects\n"
                        + "Views:  daily_metrics, intraday_returns, anomalies_per_day\n")
                .contains("  top_movers\n")
                .contains("      --param trade_date=...  IST trading day, yyyy-MM-dd\n")
                .contains("      --param symbol=...  Fyers symbol, e.g. NSE:SBIN-EQ\n");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(run("query", "--lake", lake.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Give either one SQL statement or --named <query>");

        err.getBuffer().setLength(0);
        assertThat(run("query", "--format", "xml", "SELECT 1")).isEqualTo(2);
        assertThat(err.toString()).contains("'xml' is not a format; use table, csv or json");

        err.getBuffer().setLength(0);
        assertThat(run("query", "--named", "top_movers", "SELECT 1")).isEqualTo(2);
    }
}
