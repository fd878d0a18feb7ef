package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.CAL;
import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;
import static io.pricefeed.flink.anomaly.Fixtures.bar;
import static io.pricefeed.flink.anomaly.Fixtures.minute;
import static io.pricefeed.flink.anomaly.Fixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GapOpenRuleTest {
    private final GapOpenRule rule = new GapOpenRule(AnomalyThresholds.defaults(), CAL);
    private final GapOpenState state = new GapOpenState();

    /** The day's opening: a session tick (carrying the previous close), then the final 09:15 bar. */
    private Optional<Anomaly> open(LocalDate day, double prevClose, double open) {
        rule.onTick(tick(minute(day, 0) + 5_000, open, prevClose), state);
        return rule.onFinalMinuteBar(bar(minute(day, 0), open, open, 50_000), state);
    }

    @Test
    void anOpenExactlyAtTheThresholdFires() {
        assertThat(open(DAY1, 100.0, 103.0)).isPresent();
        // 1092.40 * 1.03 = 1125.172 exactly in decimal.
        assertThat(open(DAY2, 1092.40, 1125.172)).isPresent();
    }

    @Test
    void justBelowDoesNot() {
        assertThat(open(DAY1, 100.0, 102.99)).isEmpty();
        assertThat(open(DAY2, 100.0, 97.01)).isEmpty();
    }

    @Test
    void aGapUpIsReportedWithItsInputs() {
        Anomaly a = open(DAY2, 1000.0, 1035.0).orElseThrow();
        long open = TradingCalendar.sessionOpen(DAY2);
        assertThat(a.getId()).isEqualTo(Anomaly.stableId(SYM, AnomalyRule.GAP_OPEN, Long.toString(open)));
        assertThat(a.getBarStart()).isEqualTo(open);
        assertThat(a.getTs()).as("known at the bar's end").isEqualTo(open + 60_000);
        assertThat(a.getValue()).isCloseTo(3.5, within(1e-9));
        assertThat(a.getThreshold()).isEqualTo(3.0);
        assertThat(a.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(a.getMessage()).isEqualTo("SBIN gapped up 3.50% at the open: 1035.00 vs previous close 1000.00");
        assertThat(a.getContext()).containsEntry("price", 1035.0).containsEntry("prevClose", 1000.0).containsKey("gapPct");
    }

    @Test
    void aGapDownFiresWithANegativeValueAndSeverityGrowsWithTheGap() {
        Anomaly a = open(DAY1, 100.0, 95.0).orElseThrow();
        assertThat(a.getValue()).isCloseTo(-5.0, within(1e-9));
        assertThat(a.getSeverity()).as("5 % is 1.67x of 3 %").isEqualTo(Severity.MEDIUM);
        assertThat(a.getMessage()).startsWith("SBIN gapped down 5.00%");
        assertThat(open(DAY2, 100.0, 106.0).orElseThrow().getSeverity()).as("2x").isEqualTo(Severity.HIGH);
    }

    @Test
    void aMidSessionStartHasNoGapVerdict() {
        // The producer came up at 11:00: the first bar opens at an intraday price, not at the open.
        rule.onTick(tick(minute(DAY1, 105) + 2_000, 110.0, 100.0), state);
        assertThat(rule.onFinalMinuteBar(bar(minute(DAY1, 105), 110.0, 110.0, 4_000), state)).isEmpty();
        assertThat(rule.onFinalMinuteBar(bar(minute(DAY1, 106), 110.0, 110.0, 4_000), state)).isEmpty();
    }

    @Test
    void onlyTheOpeningBarIsJudgedAndOnlyOncePerDay() {
        assertThat(open(DAY1, 100.0, 104.0)).isPresent();
        assertThat(rule.onFinalMinuteBar(bar(minute(DAY1, 0), 104.0, 104.0, 50_000), state))
                .as("the same bar again").isEmpty();
        assertThat(rule.onFinalMinuteBar(bar(minute(DAY1, 1), 110.0, 110.0, 5_000), state)).isEmpty();
        assertThat(open(DAY2, 104.0, 108.0)).as("a new day is judged again").isPresent();
    }

    @Test
    void withoutTodaysPreviousCloseThereIsNoVerdict() {
        // Yesterday's ticks reported a previous close; today none arrived before the opening bar.
        rule.onTick(tick(minute(DAY1, 200), 100.0, 100.0), state);
        assertThat(rule.onFinalMinuteBar(bar(minute(DAY2, 0), 110.0, 110.0, 50_000), state)).isEmpty();
    }

    @Test
    void preOpenQuotesDoNotProvideThePreviousClose() {
        // 08:30: Fyers may still show yesterday's snapshot, whose prevClose is a day older.
        rule.onTick(tick(TradingCalendar.sessionOpen(DAY2) - 45 * 60_000L, 100.0, 90.0), state);
        assertThat(rule.onFinalMinuteBar(bar(minute(DAY2, 0), 95.0, 95.0, 50_000), state)).isEmpty();
    }

    @Test
    void aFlatGapFilledBarIsNeverAnOpeningBar() {
        rule.onTick(tick(minute(DAY1, 0) + 5_000, 110.0, 100.0), state);
        assertThat(rule.onFinalMinuteBar(Fixtures.flat(minute(DAY1, 0), 110.0), state)).isEmpty();
    }
}
