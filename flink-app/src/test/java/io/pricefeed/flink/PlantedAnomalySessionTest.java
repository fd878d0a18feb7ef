package io.pricefeed.flink;

import static io.pricefeed.flink.PlantedAnomalySession.BURST;
import static io.pricefeed.flink.PlantedAnomalySession.GAPPER;
import static io.pricefeed.flink.PlantedAnomalySession.JUMPER;
import static io.pricefeed.flink.PlantedAnomalySession.MOVER;
import static io.pricefeed.flink.PlantedAnomalySession.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.flink.anomaly.AnomalyThresholds;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Tick;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The script of {@code AnomalySessionITCase} checked in plain Java, with the job's own rules
 * ({@code AnomalyDetector}): the four planted anomalies and nothing else, with room to spare, so
 * that the end-to-end test fails for the job's reasons and not the script's.
 */
class PlantedAnomalySessionTest {
    private static final SessionScript SCRIPT = PlantedAnomalySession.script();

    @Test
    void atTheDefaultThresholdsExactlyThePlantedAnomaliesFireNearTheirDesignValues() {
        List<Anomaly> found = PlantedAnomalySession.detect(SCRIPT, AnomalyThresholds.defaults());

        assertThat(found).extracting(Anomaly::getRule, Anomaly::getSymbol, Anomaly::getBarStart).containsExactly(
                tuple(AnomalyRule.GAP_OPEN, GAPPER, minute(0)),
                tuple(AnomalyRule.PRICE_MOVE, MOVER, minute(PlantedAnomalySession.SPIKE_MINUTE)),
                tuple(AnomalyRule.VOLUME_SURGE, BURST, minute(PlantedAnomalySession.BURST_MINUTE)),
                tuple(AnomalyRule.RETURN_ZSCORE, JUMPER, minute(PlantedAnomalySession.JUMP_MINUTE)));
        assertThat(found.get(0).getValue()).as("gap %").isCloseTo(3.5, within(1e-9));
        assertThat(found.get(1).getValue()).as("move %").isCloseTo(6.0, within(1e-9));
        assertThat(found.get(1).getThreshold()).as("the 5 % band only").isEqualTo(5.0);
        assertThat(found.get(2).getValue()).as("volume ratio").isCloseTo(10.0, within(1e-9));
        assertThat(found.get(3).getValue()).as("z, after rounding prices to 0.05").isCloseTo(4.5, within(0.05));
    }

    @Test
    void theCalmPathsStayCalmUnderMuchTighterThresholds() {
        // Bands 4 % (GAPPER trades about 3.5 % up all session), k 3 (calm |z| stays under 1.7),
        // surge 2.5x (calm minutes reach 1.2x), gap 1 % (calm opens are within 0.35 %): still the
        // same four events, so no calm path is anywhere near firing at the real thresholds.
        AnomalyThresholds tight = new AnomalyThresholds(List.of(4.0), 3, 30, 2.5, 20, 1000, 1.0);
        assertThat(PlantedAnomalySession.detect(SCRIPT, tight))
                .extracting(Anomaly::getRule, Anomaly::getSymbol, Anomaly::getBarStart).containsExactly(
                        tuple(AnomalyRule.GAP_OPEN, GAPPER, minute(0)),
                        tuple(AnomalyRule.PRICE_MOVE, MOVER, minute(PlantedAnomalySession.SPIKE_MINUTE)),
                        tuple(AnomalyRule.VOLUME_SURGE, BURST, minute(PlantedAnomalySession.BURST_MINUTE)),
                        tuple(AnomalyRule.RETURN_ZSCORE, JUMPER, minute(PlantedAnomalySession.JUMP_MINUTE)));
    }

    @Test
    void everySymbolIsSeenFromTheOpenAndTradesEveryMinuteInNseSteps() {
        assertThat(SCRIPT.symbols).hasSize(6);
        for (String symbol : SCRIPT.symbols) {
            List<Tick> ticks = SCRIPT.ticks.stream().filter(t -> t.getSymbol().equals(symbol))
                    .collect(java.util.stream.Collectors.toList());
            assertThat(ticks).hasSize(6 * PlantedAnomalySession.MINUTES);
            assertThat(ticks.get(0).getTs()).as("before 09:16: the open was seen").isLessThan(minute(1));
            assertThat(ticks.get(ticks.size() - 1).getTs()).isLessThan(SCRIPT.to);
            assertThat(ticks).allSatisfy(t -> assertThat(Math.round(t.getLtp() * 20) / 20.0).isEqualTo(t.getLtp()));
        }
    }
}
