package io.pricefeed.athena;

import static io.pricefeed.athena.MarketLake.MAR_10;
import static io.pricefeed.athena.MarketLake.MAR_11;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnomaliesPerDayViewTest {

    @Test
    void countsDistinctEventsPerDayAndRule() {
        try (LakeQueryEngine engine = LakeQueryEngine.open(MarketLake.shared())) {
            // The lake holds SBIN's PRICE_MOVE twice (a replay); it counts once.
            assertThat(engine.query("SELECT count(*) FROM anomalies").rows()).containsExactly(List.of(5L));

            QueryResult result = engine.query("SELECT * FROM anomalies_per_day ORDER BY trade_date, rule");

            assertThat(result.columns()).containsExactly("trade_date", "rule", "anomalies", "symbols", "high_severity");
            assertThat(result.rows()).containsExactly(
                    List.of(MAR_10, "PRICE_MOVE", 2L, 2L, 1L),
                    List.of(MAR_10, "VOLUME_SURGE", 1L, 1L, 0L),
                    List.of(MAR_11, "RETURN_ZSCORE", 1L, 1L, 0L));
        }
    }
}
