package io.pricefeed.athena;

import static io.pricefeed.athena.MarketLake.INFY;
import static io.pricefeed.athena.MarketLake.MAR_10;
import static io.pricefeed.athena.MarketLake.MAR_11;
import static io.pricefeed.athena.MarketLake.SBIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Bar;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The intraday_returns view against returns and session VWAP computed here from the 1m bars written. */
class IntradayReturnsViewTest {
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
    void oneRowPerMinuteBarWithTheFinalRevision() {
        QueryResult counts = engine.query("SELECT symbol, trade_date, count(*) AS n FROM intraday_returns"
                + " GROUP BY symbol, trade_date ORDER BY symbol, trade_date");
        assertThat(counts.rows()).containsExactly(
                List.of(INFY, MAR_10, 372L),
                List.of(SBIN, MAR_10, 375L),
                List.of(SBIN, MAR_11, 3L));
        QueryResult revised = engine.query("SELECT close FROM intraday_returns WHERE symbol = '" + SBIN + "'"
                + " AND bar_start = TIMESTAMP '2026-03-10 03:55:00'");
        assertThat(revised.rows()).containsExactly(
                List.of(MarketLake.sbinMinutes().get(MarketLake.SBIN_REVISED_MINUTE).getClose()));
    }

    @Test
    void returnsAndSessionVwapOfAFullSession() {
        assertMatches(SBIN, MarketLake.sbinMinutes());
    }

    /** Missing minutes: returns run from the previous bar present; a bar without vwap adds no weight. */
    @Test
    void returnsAndSessionVwapAcrossGapsAndABarWithoutVwap() {
        List<Bar> infy = MarketLake.infyMinutes();
        assertMatches(INFY, infy);

        QueryResult noVwap = engine.query("SELECT vwap, session_vwap FROM intraday_returns WHERE symbol = '" + INFY
                + "' AND bar_start_ist = TIMESTAMP '2026-03-10 10:05:00'");
        assertThat(noVwap.value(0, "vwap")).isNull();
        QueryResult before = engine.query("SELECT session_vwap FROM intraday_returns WHERE symbol = '" + INFY
                + "' AND bar_start_ist = TIMESTAMP '2026-03-10 10:04:00'");
        assertThat(noVwap.value(0, "session_vwap")).isEqualTo(before.value(0, "session_vwap"));
    }

    @Test
    void theFirstBarOfADayHasNoReturn() {
        QueryResult first = engine.query("SELECT trade_date, prev_close, return_pct, log_return, bar_start_ist"
                + " FROM intraday_returns WHERE symbol = '" + SBIN + "' AND bar_start_ist IN"
                + " (TIMESTAMP '2026-03-10 09:15:00', TIMESTAMP '2026-03-11 09:15:00') ORDER BY trade_date");
        assertThat(first.rows()).containsExactly(
                java.util.Arrays.asList(MAR_10, null, null, null, LocalDateTime.of(2026, 3, 10, 9, 15)),
                java.util.Arrays.asList(MAR_11, null, null, null, LocalDateTime.of(2026, 3, 11, 9, 15)));
    }

    private static void assertMatches(String symbol, List<Bar> bars) {
        QueryResult rows = engine.query("SELECT * FROM intraday_returns WHERE symbol = '" + symbol
                + "' AND trade_date = DATE '2026-03-10' ORDER BY bar_start");
        assertThat(rows.rows()).hasSameSizeAs(bars);
        double turnover = 0;
        double volume = 0;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            String what = symbol + " bar " + i;
            long minutesIntoSession = (bar.getBarStart() - bars.get(0).getBarStart()) / 60_000;
            assertThat(rows.value(i, "bar_start_ist")).as(what)
                    .isEqualTo(LocalDateTime.of(2026, 3, 10, 9, 15).plusMinutes(minutesIntoSession));
            assertThat(rows.value(i, "close")).as(what).isEqualTo(bar.getClose());
            if (i == 0) {
                assertThat(rows.value(i, "return_pct")).as(what).isNull();
            } else {
                double prev = bars.get(i - 1).getClose();
                assertThat(rows.value(i, "prev_close")).as(what).isEqualTo(prev);
                assertThat((double) rows.value(i, "return_pct")).as(what)
                        .isCloseTo(100 * (bar.getClose() - prev) / prev, within(1e-12));
                assertThat((double) rows.value(i, "log_return")).as(what)
                        .isCloseTo(Math.log(bar.getClose() / prev), within(1e-15));
            }
            if (!Double.isNaN(bar.getVwap())) {
                turnover += bar.getVwap() * bar.getVolume();
                volume += bar.getVolume();
            }
            double sessionVwap = turnover / volume;
            assertThat((double) rows.value(i, "session_vwap")).as(what).isCloseTo(sessionVwap, within(1e-9));
            assertThat((double) rows.value(i, "vwap_deviation_pct")).as(what)
                    .isCloseTo(100 * (bar.getClose() - sessionVwap) / sessionVwap, within(1e-9));
        }
    }
}
