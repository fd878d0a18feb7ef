package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.CAL;
import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;
import static io.pricefeed.flink.anomaly.Fixtures.minute;
import static io.pricefeed.flink.anomaly.Fixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PriceMoveRuleTest {
    private final PriceMoveRule rule = new PriceMoveRule(AnomalyThresholds.defaults(), CAL);
    private final PriceMoveState state = new PriceMoveState();

    private List<Anomaly> at(long ts, double ltp) {
        return rule.onTick(tick(ts, ltp, 100.0), state);
    }

    @Test
    void aMoveThatReachesABandExactlyFires() {
        assertThat(at(minute(DAY1, 10) + 1_000, 105.0)).hasSize(1);
        // 1092.40 -> 1147.02 is exactly +5 % in decimal and a hair below it in binary: still fires.
        PriceMoveState s = new PriceMoveState();
        assertThat(rule.onTick(tick(minute(DAY1, 10), 1147.02, 1092.40), s)).extracting(Anomaly::getThreshold)
                .containsExactly(5.0);
        assertThat(rule.onTick(tick(minute(DAY1, 10), 1037.78, 1092.40), new PriceMoveState()))
                .as("exactly -5 %").extracting(Anomaly::getThreshold).containsExactly(5.0);
    }

    @Test
    void justBelowABandDoesNot() {
        assertThat(at(minute(DAY1, 10), 104.99)).isEmpty();
        assertThat(at(minute(DAY1, 11), 95.01)).isEmpty();
    }

    @Test
    void theAnomalyCarriesAStableIdAReadableMessageAndItsInputs() {
        long ts = minute(DAY2, 15) + 12_345;
        Anomaly a = rule.onTick(tick(ts, 1150.40, 1092.40), state).get(0);

        assertThat(a.getId()).isEqualTo(Anomaly.stableId(SYM, AnomalyRule.PRICE_MOVE, "2026-03-10|5.0|up"));
        assertThat(a.getSymbol()).isEqualTo(SYM);
        assertThat(a.getRule()).isEqualTo(AnomalyRule.PRICE_MOVE);
        assertThat(a.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(a.getTs()).isEqualTo(ts);
        assertThat(a.getBarStart()).isEqualTo(minute(DAY2, 15));
        assertThat(a.getTimeframe()).isEqualTo(Timeframe.M1);
        assertThat(a.getValue()).isCloseTo(5.3094, within(1e-4));
        assertThat(a.getThreshold()).isEqualTo(5.0);
        assertThat(a.getMessage()).isEqualTo("SBIN up 5.31% vs previous close 1092.40");
        assertThat(a.getContext()).containsEntry("price", 1150.40).containsEntry("prevClose", 1092.40)
                .containsEntry("band", 5.0).containsKey("changePct");
    }

    @Test
    void eachBandFiresOncePerDirectionPerDay() {
        assertThat(at(minute(DAY1, 1), 105.5)).hasSize(1);
        assertThat(at(minute(DAY1, 2), 106.0)).as("still past 5 %").isEmpty();
        assertThat(at(minute(DAY1, 3), 103.0)).isEmpty();
        assertThat(at(minute(DAY1, 4), 105.2)).as("crossing again the same day is silent").isEmpty();
        List<Anomaly> down = at(minute(DAY1, 5), 94.9);
        assertThat(down).as("the other direction is its own alert").hasSize(1);
        assertThat(down.get(0).getValue()).isCloseTo(-5.1, within(1e-9));
        assertThat(down.get(0).getMessage()).isEqualTo("SBIN down 5.10% vs previous close 100.00");
        assertThat(down.get(0).getId()).isEqualTo(Anomaly.stableId(SYM, AnomalyRule.PRICE_MOVE, "2026-03-09|5.0|down"));
        assertThat(at(minute(DAY1, 6), 94.0)).isEmpty();
    }

    @Test
    void aJumpPastSeveralBandsFiresEachOnceInAscendingOrderWithRisingSeverity() {
        List<Anomaly> jump = at(minute(DAY1, 1), 107.6);
        assertThat(jump).extracting(Anomaly::getThreshold).containsExactly(5.0, 7.5);
        assertThat(jump).extracting(Anomaly::getSeverity).containsExactly(Severity.LOW, Severity.MEDIUM);
        assertThat(jump.get(0).getId()).isNotEqualTo(jump.get(1).getId());

        List<Anomaly> more = at(minute(DAY1, 2), 110.0);
        assertThat(more).extracting(Anomaly::getThreshold).containsExactly(10.0);
        assertThat(more).extracting(Anomaly::getSeverity).containsExactly(Severity.HIGH);

        assertThat(at(minute(DAY1, 3), 89.0)).as("down: 5, 7.5, 10 at once")
                .extracting(Anomaly::getThreshold).containsExactly(5.0, 7.5, 10.0);
    }

    @Test
    void aNewTradeDateResetsTheBands() {
        assertThat(at(minute(DAY1, 100), 106.0)).hasSize(1);
        List<Anomaly> nextDay = at(minute(DAY2, 0) + 5_000, 106.0);
        assertThat(nextDay).hasSize(1);
        assertThat(nextDay.get(0).getId()).isEqualTo(Anomaly.stableId(SYM, AnomalyRule.PRICE_MOVE, "2026-03-10|5.0|up"));
        assertThat(at(minute(DAY1, 101), 108.0)).as("a straggler of an earlier day is ignored").isEmpty();
        assertThat(at(minute(DAY2, 1), 106.5)).isEmpty();
    }

    @Test
    void onlySessionTicksCount() {
        long preOpen = TradingCalendar.sessionOpen(DAY1) - 5 * 60_000L; // 09:10
        long afterClose = TradingCalendar.sessionClose(DAY1) + 1_000;   // 15:30:01
        long holiday = TradingCalendar.sessionOpen(LocalDate.of(2026, 3, 3)) + 3_600_000L; // Holi
        assertThat(at(preOpen, 110.0)).isEmpty();
        assertThat(at(afterClose, 110.0)).isEmpty();
        assertThat(at(holiday, 110.0)).isEmpty();
        assertThat(at(minute(DAY1, 0), 110.0)).as("nothing was consumed by them").hasSize(3);
    }

    @Test
    void withoutAPreviousCloseThereIsNoVerdict() {
        assertThat(rule.onTick(tick(minute(DAY1, 1), 110.0, 0.0), state)).isEmpty();
        assertThat(at(minute(DAY1, 2), 106.0)).hasSize(1);
    }

    @Test
    void configuredBandsAreUsedInAscendingOrderAndTheTopOneIsHigh() {
        PriceMoveRule two = new PriceMoveRule(Fixtures.thresholds(List.of(3.0, 2.0), 4, 30, 5, 20, 1000, 3), CAL);
        List<Anomaly> out = two.onTick(tick(minute(DAY1, 1), 103.5, 100.0), new PriceMoveState());
        assertThat(out).extracting(Anomaly::getThreshold).containsExactly(2.0, 3.0);
        assertThat(out).extracting(Anomaly::getSeverity).containsExactly(Severity.MEDIUM, Severity.HIGH);
    }

    @Test
    void bandsFiredTodayStayFiredWhenTheBandListChangesOnRestart() {
        assertThat(at(minute(DAY1, 1), 105.5)).hasSize(1);
        PriceMoveRule widened = new PriceMoveRule(Fixtures.thresholds(List.of(3.0, 5.0, 7.5, 10.0), 4, 30, 5, 20, 1000, 3), CAL);
        assertThat(widened.onTick(tick(minute(DAY1, 2), 105.6, 100.0), state))
                .as("5 % fired already; 3 % is new").extracting(Anomaly::getThreshold).containsExactly(3.0);
    }
}
