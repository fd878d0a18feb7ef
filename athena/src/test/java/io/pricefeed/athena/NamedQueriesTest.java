package io.pricefeed.athena;

import static io.pricefeed.athena.MarketLake.INFY;
import static io.pricefeed.athena.MarketLake.MAR_10;
import static io.pricefeed.athena.MarketLake.MAR_11;
import static io.pricefeed.athena.MarketLake.SBIN;
import static io.pricefeed.athena.MarketLake.TCS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.athena.MarketLake.Day;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every named query, run as shipped with its parameters, against values computed here. */
class NamedQueriesTest {
    private static LakeQueryEngine engine;

    @BeforeAll
    static void open() {
        engine = LakeQueryEngine.open(MarketLake.shared());
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void topMoversRanksByAbsoluteChangeAgainstThePreviousClose() {
        QueryResult result = engine.namedQuery("top_movers", Map.of("trade_date", "2026-03-10"));

        assertThat(result.rows()).extracting(row -> row.get(0)).containsExactly(TCS, SBIN, INFY);
        assertThat(result.value(0, "direction")).isEqualTo("down");
        assertThat((double) result.value(0, "price_change_pct")).isCloseTo(-5.0, within(1e-12));
        assertThat(result.value(1, "direction")).isEqualTo("up");
        assertThat((double) result.value(1, "price_change_pct")).isCloseTo(100 * (99 - 97) / 97.0, within(1e-12));
        assertThat(result.value(1, "prev_close")).isEqualTo(97.0);
        assertThat((double) result.value(2, "price_change_pct")).isCloseTo(100 * 20 / 1505.0, within(1e-12));
        assertThat(result.value(1, "candle_type")).isEqualTo("bullish");

        // TCS has no previous day before 9 March: no change, so not a mover.
        assertThat(engine.namedQuery("top_movers", Map.of("trade_date", "2026-03-09")).rows())
                .extracting(row -> row.get(0)).containsExactly(SBIN);
    }

    @Test
    void averagePriceOverNinetyCalendarDays() {
        for (LocalDate end : List.of(MAR_11, LocalDate.of(2026, 3, 5), MarketLake.FIRST_DAY.plusDays(90))) {
            Map<String, List<Day>> window = MarketLake.allDays().stream()
                    .filter(d -> {
                        long age = ChronoUnit.DAYS.between(d.date(), end);
                        return age >= 0 && age < 90;
                    })
                    .collect(Collectors.groupingBy(Day::symbol, TreeMap::new, Collectors.toList()));

            QueryResult result = engine.namedQuery("avg_price_90d", Map.of("trade_date", end.toString()));

            assertThat(result.rows()).as("window ending " + end).hasSize(window.size());
            int r = 0;
            for (Map.Entry<String, List<Day>> e : window.entrySet()) {
                List<Day> days = e.getValue();
                assertThat(result.value(r, "symbol")).isEqualTo(e.getKey());
                assertThat(result.value(r, "trading_days")).as(e.getKey() + " to " + end).isEqualTo((long) days.size());
                assertThat(result.value(r, "first_day")).isEqualTo(days.get(0).date());
                assertThat((double) result.value(r, "avg_price_90d")).as(e.getKey() + " to " + end)
                        .isCloseTo(days.stream().mapToDouble(Day::avgPrice).average().orElseThrow(), within(1e-9));
                assertThat(result.value(r, "low_90d")).isEqualTo(days.stream().mapToDouble(Day::low).min().orElseThrow());
                r++;
            }
        }
        // 24 May is 90 days after 23 February: SBIN's window starts on 24 February.
        QueryResult late = engine.namedQuery("avg_price_90d", Map.of("trade_date", "2026-05-24"));
        assertThat(late.rows()).extracting(row -> row.get(0)).containsExactly(INFY, SBIN, TCS);
        assertThat(late.value(1, "first_day")).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(late.value(1, "trading_days")).isEqualTo(11L);
    }

    @Test
    void volatilityRankingByMeanGarmanKlassVariance() {
        Map<String, Double> meanVariance = MarketLake.allDays().stream().collect(Collectors.groupingBy(Day::symbol,
                Collectors.averagingDouble(Day::garmanKlass)));
        List<String> expectedOrder = meanVariance.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .map(Map.Entry::getKey).toList();

        QueryResult result = engine.namedQuery("volatility_ranking", Map.of("trade_date", "2026-03-11"));

        assertThat(result.rows()).extracting(row -> row.get(1)).containsExactlyElementsOf(expectedOrder);
        assertThat(result.rows()).extracting(row -> row.get(0)).containsExactly(1L, 2L, 3L);
        for (int r = 0; r < result.rows().size(); r++) {
            String symbol = (String) result.value(r, "symbol");
            assertThat((double) result.value(r, "gk_volatility_pct")).as(symbol)
                    .isCloseTo(100 * Math.sqrt(meanVariance.get(symbol)), within(1e-9));
        }
    }

    @Test
    void anomalyHistoryOfOneSymbolNewestFirstWithoutReplayDuplicates() {
        QueryResult result = engine.namedQuery("anomaly_history", Map.of("symbol", SBIN));

        assertThat(result.rows()).extracting(row -> row.get(result.columnIndex("id"))).containsExactly("a3", "a2", "a1");
        assertThat(result.value(2, "ts_ist")).isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 20, 0, 17_000_000));
        assertThat(result.value(2, "ts")).isEqualTo(LocalDateTime.of(2026, 3, 10, 3, 50, 0, 17_000_000));
        assertThat(result.value(2, "rule")).isEqualTo("PRICE_MOVE");
        assertThat(result.value(2, "trade_date")).isEqualTo(MAR_10);
        assertThat(result.value(0, "trade_date")).isEqualTo(MAR_11);
    }

    @Test
    void aParameterIsAValueNeverSql() {
        QueryResult result = engine.namedQuery("anomaly_history", Map.of("symbol", "x' OR '1' = '1"));
        assertThat(result.rows()).isEmpty();
        assertThat(engine.namedQuery("anomaly_history", Map.of("symbol", "NSE:SBIN-EQ'; DROP VIEW bars; --")).rows())
                .isEmpty();
        assertThat(engine.query("SELECT count(*) FROM bars WHERE timeframe = '1d'").rows()).isNotEmpty();
    }

    @Test
    void rejectsPerReasonAndDayOverAWeek() {
        QueryResult result = engine.namedQuery("rejects_by_reason", Map.of("trade_date", "2026-03-11"));

        assertThat(result.rows()).extracting(row -> List.of(row.get(0), row.get(1), row.get(2))).containsExactly(
                List.of(MAR_11, Rejection.BAD_PRICE, 1L),
                List.of(MAR_10, Rejection.BAD_PRICE, 2L),
                List.of(MAR_10, Rejection.LATE, 1L),
                List.of(MAR_10, Rejection.MALFORMED_JSON, 1L));
        assertThat(result.value(1, "first_ist")).isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 30));
        assertThat(result.value(1, "last_ist")).isEqualTo(LocalDateTime.of(2026, 3, 10, 14, 1, 0, 250_000_000));
        // Filed under the IST day it happened, though UTC still said 10 March.
        assertThat(result.value(0, "first_ist")).isEqualTo(LocalDateTime.of(2026, 3, 11, 0, 30));
    }

    @Test
    void barCoverageAgainstAFullSession() {
        int expected = TradingCalendar.barsPerSession(Timeframe.M1);
        assertThat(expected).isEqualTo(375);

        QueryResult result = engine.namedQuery("bar_coverage", Map.of("trade_date", "2026-03-10"));

        int infyBars = expected - MarketLake.INFY_MISSING_MINUTES.size();
        assertThat(result.rows()).extracting(row -> List.of(row.get(0), row.get(2), row.get(3), row.get(4)))
                .containsExactly(
                        List.of(INFY, (long) infyBars, expected, (long) MarketLake.INFY_MISSING_MINUTES.size()),
                        List.of(SBIN, (long) expected, expected, 0L));
        assertThat((double) result.value(0, "coverage_pct")).isCloseTo(100.0 * infyBars / expected, within(1e-12));
        assertThat(result.value(1, "coverage_pct")).isEqualTo(100.0);
        assertThat(result.value(1, "first_bar_ist")).isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 15));
        assertThat(result.value(1, "last_bar_ist")).isEqualTo(LocalDateTime.of(2026, 3, 10, 15, 29));
    }

    @Test
    void parametersAreCheckedByName() {
        assertThatThrownBy(() -> engine.namedQuery("top_movers", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Named query 'top_movers' needs parameter 'trade_date' (IST trading day, yyyy-MM-dd);"
                        + " its parameters: trade_date (IST trading day, yyyy-MM-dd)");
        assertThatThrownBy(() -> engine.namedQuery("top_movers", Map.of("trade_date", "2026-03-10", "symbol", "X")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Named query 'top_movers' has no parameter 'symbol'");
        assertThatThrownBy(() -> engine.namedQuery("top_mover", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("No named query 'top_mover'; known: top_movers, ");
        assertThatThrownBy(() -> engine.namedQuery("top_movers", Map.of("trade_date", "10/03/2026")))
                .isInstanceOf(QueryException.class)
                .hasMessageContaining("10/03/2026");
    }
}
