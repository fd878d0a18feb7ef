package io.pricefeed.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertEmailTest {
    private static final long BAR = 1_773_114_300_000L; // 2026-03-10 09:15 IST

    private static Anomaly anomaly(AnomalyRule rule, Severity severity, double value, double threshold, String message) {
        Map<String, Double> ctx = new LinkedHashMap<>();
        ctx.put("price", 1150.4);
        ctx.put("prevClose", 1092.4);
        return new Anomaly("4f1c0a9e", "NSE:SBIN-EQ", rule, severity, BAR + 5_123, BAR, Timeframe.M1,
                value, threshold, message, ctx);
    }

    @Test
    void aPriceMoveSubjectReadsLikeTheDesign() {
        AlertEmail email = AlertEmail.of(anomaly(AnomalyRule.PRICE_MOVE, Severity.HIGH, 5.31, 5.0,
                "SBIN up 5.31% vs previous close 1092.40"));
        assertThat(email.subject()).isEqualTo("[Pricefeed] NSE:SBIN-EQ +5.3% vs prev close (HIGH)");
        assertThat(AlertEmail.of(anomaly(AnomalyRule.PRICE_MOVE, Severity.HIGH, -7.62, 7.5, "down")).subject())
                .isEqualTo("[Pricefeed] NSE:SBIN-EQ -7.6% vs prev close (HIGH)");
    }

    @Test
    void everyRuleHasAHeadline() {
        assertThat(AlertEmail.of(anomaly(AnomalyRule.GAP_OPEN, Severity.MEDIUM, -3.4, 3, "gap")).subject())
                .isEqualTo("[Pricefeed] NSE:SBIN-EQ gap open -3.4% (MEDIUM)");
        assertThat(AlertEmail.of(anomaly(AnomalyRule.RETURN_ZSCORE, Severity.MEDIUM, 4.62, 4, "z")).subject())
                .isEqualTo("[Pricefeed] NSE:SBIN-EQ 1m return +4.6 sd (MEDIUM)");
        assertThat(AlertEmail.of(anomaly(AnomalyRule.VOLUME_SURGE, Severity.LOW, 7.25, 5, "v")).subject())
                .isEqualTo("[Pricefeed] NSE:SBIN-EQ 1m volume 7.3x normal (LOW)");
    }

    @Test
    void theBodyTellsWhatWhenAndHowToLookItUp() {
        String body = AlertEmail.of(anomaly(AnomalyRule.PRICE_MOVE, Severity.HIGH, 5.31, 5.0,
                "SBIN up 5.31% vs previous close 1092.40")).body();
        assertThat(body).startsWith("SBIN up 5.31% vs previous close 1092.40\n\n")
                .contains("Value:      5.31% (threshold 5.00%)")
                .contains("Price:      1150.40")
                .contains("Prev close: 1092.40")
                .contains("Bar:        1m starting 2026-03-10 09:15:00.000 IST")
                .contains("Time:       2026-03-10 09:15:05.123 IST")
                .contains("./pricefeed bars NSE:SBIN-EQ --tf 1m --last 20")
                .contains("trade_date = '2026-03-10'")
                .contains("Anomaly id 4f1c0a9e");
    }
}
