package io.pricefeed.athena;

import static io.pricefeed.athena.MarketLake.INFY;
import static io.pricefeed.athena.MarketLake.INFY_1D;
import static io.pricefeed.athena.MarketLake.MAR_10;
import static io.pricefeed.athena.MarketLake.NSE;
import static io.pricefeed.athena.MarketLake.SBIN;
import static io.pricefeed.athena.MarketLake.SBIN_1D;
import static io.pricefeed.athena.MarketLake.TCS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.athena.MarketLake.Day;
import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Bar;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily_metrics view against values computed here from the bars written. */
class DailyMetricsViewTest {
    private static LakeQueryEngine engine;
    /** symbol|date -> row of daily_metrics. */
    private static Map<String, Map<String, Object>> metrics;

    @BeforeAll
    static void open() {
        engine = LakeQueryEngine.open(MarketLake.shared());
        QueryResult result = engine.query("SELECT * FROM daily_metrics ORDER BY symbol, trade_date");
        metrics = new HashMap<>();
        for (int r = 0; r < result.rows().size(); r++) {
            Map<String, Object> row = new HashMap<>();
            for (String column : result.columns()) {
                row.put(column, result.value(r, column));
            }
            metrics.put(row.get("symbol") + "|" + row.get("trade_date"), row);
        }
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @Test
    void oneRowPerSymbolAndDayWithTheFinalLiveBar() {
        assertThat(metrics).hasSize(MarketLake.allDays().size());
        // SBIN 10 March is in the lake three times: revision 1 wins over revision 0 and the backfill.
        Map<String, Object> sbin = row(SBIN, MAR_10);
        assertThat(sbin.get("close")).isEqualTo(99.0);
        assertThat(sbin.get("vwap")).isNotNull();
        assertThat(MarketLake.SBIN_MAR_10_STALE_CLOSE).isNotEqualTo(99.0);
        // INFY 11 March: the live bar beats its backfilled twin of the same revision by its ticks.
        Map<String, Object> infy = row(INFY, MarketLake.MAR_11);
        assertThat(infy.get("close")).isEqualTo(1520.0);
        assertThat(infy.get("tick_count")).isEqualTo(4_000L);
        assertThat(infy.get("vwap")).isEqualTo(INFY_1D.get(2).avgPrice());
    }

    @Test
    void perDayMetricsMatchTheirFormulas() {
        for (Day d : MarketLake.allDays()) {
            Map<String, Object> row = row(d.symbol(), d.date());
            String what = d.symbol() + " " + d.date();
            assertThat(row.get("open")).as(what).isEqualTo(d.open());
            assertThat(row.get("volume")).as(what).isEqualTo(d.volume());
            // Binary-fraction prices: these are exact.
            assertThat(row.get("daily_return")).as(what).isEqualTo(d.close() - d.open());
            assertThat(row.get("avg_price")).as(what).isEqualTo(d.avgPrice());
            assertThat((double) row.get("volatility")).as(what).isCloseTo(d.garmanKlass(), within(1e-15));
            assertThat((double) row.get("volatility")).as(what).isGreaterThanOrEqualTo(0.0);
            assertThat(row.get("is_market_up")).as(what).isEqualTo(d.close() > d.open());
        }
        // One worked number, so a formula changed on both sides still shows: ln(103/98)^2 / 2 - ...
        double gk = 0.5 * Math.pow(Math.log(103.0 / 98), 2) - (2 * Math.log(2) - 1) * Math.pow(Math.log(100.5 / 100), 2);
        assertThat((double) row(SBIN, SBIN_1D.get(0).date()).get("volatility")).isCloseTo(gk, within(1e-15))
                .isCloseTo(0.0012285, within(1e-7));
    }

    @Test
    void ninetyDayAveragePriceIsTheMeanOfTheDaysAvgPriceSoFar() {
        // The lake spans 17 days, so every window holds all of the symbol's days up to this one.
        for (Day d : MarketLake.allDays()) {
            double expected = MarketLake.allDays().stream()
                    .filter(o -> o.symbol().equals(d.symbol()) && !o.date().isAfter(d.date()))
                    .mapToDouble(Day::avgPrice).average().orElseThrow();
            assertThat((double) row(d.symbol(), d.date()).get("avg_price_90d")).as(d.toString())
                    .isCloseTo(expected, within(1e-9));
        }
    }

    @Test
    void ninetyDayAveragePriceWindowIsNinetyCalendarDays(@TempDir Path lake) {
        // avg_price 100 on 1 December, 200 on 28 February (89 days later), 300 on 2 March (91 days later).
        TestLakeWriter.bars(lake, List.of(flatDay(LocalDate.of(2025, 12, 1), 100), flatDay(LocalDate.of(2026, 2, 28), 200),
                flatDay(LocalDate.of(2026, 3, 2), 300)));
        try (LakeQueryEngine small = LakeQueryEngine.open(lake)) {
            QueryResult result = small.query("SELECT avg_price_90d FROM daily_metrics ORDER BY trade_date");
            assertThat(result.rows()).containsExactly(List.of(100.0), List.of(150.0), List.of(250.0));
        }
    }

    private static Bar flatDay(LocalDate date, double price) {
        return TestLake.day(SBIN, date, price, price, price, price, price, 1_000, 10);
    }

    @Test
    void candleTypesAtTheirEdges() {
        for (Day d : MarketLake.allDays()) {
            assertThat(row(d.symbol(), d.date()).get("candle_type")).as(d.symbol() + " " + d.date() + " " + d)
                    .isEqualTo(d.candle());
        }
        assertThat(MarketLake.allDays()).extracting(Day::candle)
                .contains("doji", "hammer", "shooting_star", "marubozu", "bullish", "bearish");
    }

    @Test
    void previousCloseIsThePreviousTradingDayAcrossWeekendsAndHolidays() {
        for (Day d : MarketLake.allDays()) {
            Map<String, Object> row = row(d.symbol(), d.date());
            Day previous = day(d.symbol(), NSE.previousTradingDay(d.date()));
            if (previous == null) {
                assertThat(row.get("prev_close")).as(d.toString()).isNull();
                assertThat(row.get("price_change_pct")).as(d.toString()).isNull();
            } else {
                assertThat(row.get("prev_close")).as(d.toString()).isEqualTo(previous.close());
                assertThat((double) row.get("price_change_pct")).as(d.toString())
                        .isCloseTo(100 * (d.close() - previous.close()) / previous.close(), within(1e-12));
            }
        }
        // Wednesday 4 March follows Monday 2 March (Holi on the 3rd); Monday 9 follows Friday 6.
        assertThat(row(SBIN, LocalDate.of(2026, 3, 4)).get("prev_close")).isEqualTo(101.0);
        assertThat(row(SBIN, LocalDate.of(2026, 3, 9)).get("prev_close")).isEqualTo(100.75);
        assertThat((double) row(TCS, MAR_10).get("price_change_pct")).isCloseTo(-5.0, within(1e-12));
    }

    @Test
    void rollingFiveDayAverageOfCloseNeedsFiveDays() {
        for (int i = 0; i < SBIN_1D.size(); i++) {
            Object actual = row(SBIN, SBIN_1D.get(i).date()).get("rolling_avg_5d");
            if (i < 4) {
                assertThat(actual).as("day " + i).isNull();
            } else {
                double sum = 0;
                for (int k = i - 4; k <= i; k++) {
                    sum += SBIN_1D.get(k).close();
                }
                assertThat((double) actual).as("day " + i).isCloseTo(sum / 5, within(1e-12));
            }
        }
        // 4 March: the closes of 25, 26, 27 February, 2 and 4 March (3 March was a holiday).
        assertThat((double) row(SBIN, LocalDate.of(2026, 3, 4)).get("rolling_avg_5d"))
                .isCloseTo((104.75 + 100.75 + 100 + 101 + 103) / 5, within(1e-12));
        assertThat(row(INFY, MarketLake.MAR_11).get("rolling_avg_5d")).isNull();
    }

    @Test
    void volumeSurgeRatioAgainstTheSevenTradingDaysBefore() {
        for (int i = 0; i < SBIN_1D.size(); i++) {
            Map<String, Object> row = row(SBIN, SBIN_1D.get(i).date());
            if (i < 7) {
                assertThat(row.get("volume_avg_7d")).as("day " + i).isNull();
                assertThat(row.get("volume_surge_ratio")).as("day " + i).isNull();
            } else {
                double avg = 0;
                for (int k = i - 7; k < i; k++) {
                    avg += SBIN_1D.get(k).volume() / 7.0;
                }
                assertThat((double) row.get("volume_avg_7d")).as("day " + i).isCloseTo(avg, within(1e-9));
                assertThat((double) row.get("volume_surge_ratio")).as("day " + i)
                        .isCloseTo(SBIN_1D.get(i).volume() / avg, within(1e-12));
            }
        }
        // 10 March: 50,000 against (9,000 + 11,000 + 7,000 + 10,000 + 14,000 + 9,000 + 13,000) / 7.
        assertThat((double) row(SBIN, MAR_10).get("volume_surge_ratio"))
                .isCloseTo(50_000 / (73_000 / 7.0), within(1e-12)).isCloseTo(4.7945, within(1e-4));
        assertThat(row(INFY, MAR_10).get("volume_surge_ratio")).isNull();
    }

    @Test
    void tradeDateIsADateInTheView() {
        QueryResult types = engine.query("SELECT trade_date FROM daily_metrics LIMIT 1");
        assertThat(types.types()).containsExactly("DATE");
        assertThat(engine.query("SELECT count(*) FROM daily_metrics WHERE trade_date = DATE '2026-03-10'").rows())
                .containsExactly(List.of(3L));
    }

    private static Map<String, Object> row(String symbol, LocalDate date) {
        Map<String, Object> row = metrics.get(symbol + "|" + date);
        assertThat(row).as("daily_metrics row for " + symbol + " " + date).isNotNull();
        return row;
    }

    private static Day day(String symbol, LocalDate date) {
        return MarketLake.allDays().stream().filter(d -> d.symbol().equals(symbol) && d.date().equals(date))
                .findFirst().orElse(null);
    }
}
