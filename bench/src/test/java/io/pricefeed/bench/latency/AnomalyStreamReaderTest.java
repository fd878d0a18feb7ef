package io.pricefeed.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnomalyStreamReaderTest {
    /** 2026-03-10 10:00:00 IST. */
    private static final long TEN_IST = 1_773_117_000_000L;
    private final RunPlan plan = RunPlan.of(10, TEN_IST, 30, 3, 2);
    private final long surgeMinute = plan.firstMeasured() + RunPlan.MINUTE;
    private final AnomalyStreamReader reader = new AnomalyStreamReader(URI.create("http://127.0.0.1:1"), plan);

    @Test
    void aPlantedSurgeIsNotedWithItsArrivalAndId() {
        reader.onAnomaly(anomaly("a-1", plan.symbol(1), AnomalyRule.VOLUME_SURGE, surgeMinute), surgeMinute + 61_234);

        BarKey surge = new BarKey(1, surgeMinute);
        assertThat(reader.surgeSeen(surge)).isEqualTo(surgeMinute + 61_234);
        assertThat(reader.surgeId(surge)).isEqualTo("a-1");
        assertThat(reader.surgesSeen()).isEqualTo(1);
        assertThat(reader.unexpected()).isZero();
    }

    @Test
    void redeliveriesUnplannedAnomaliesAndTheKclProbeAreToldApart() {
        reader.onAnomaly(anomaly("a-1", plan.symbol(0), AnomalyRule.VOLUME_SURGE, surgeMinute), surgeMinute + 61_000);
        reader.onAnomaly(anomaly("a-1", plan.symbol(0), AnomalyRule.VOLUME_SURGE, surgeMinute), surgeMinute + 62_000);
        reader.onAnomaly(anomaly("a-2", plan.symbol(5), AnomalyRule.VOLUME_SURGE, surgeMinute), surgeMinute + 61_000);
        reader.onAnomaly(anomaly("a-3", plan.symbol(0), AnomalyRule.PRICE_MOVE, surgeMinute), surgeMinute + 61_000);
        reader.onAnomaly(anomaly(AlertMailPath.PROBE_ID_PREFIX + "1", "NSE:PROBE-EQ", AnomalyRule.PRICE_MOVE, surgeMinute),
                surgeMinute + 61_000);

        assertThat(reader.surgeSeen(new BarKey(0, surgeMinute))).as("the first arrival counts").isEqualTo(surgeMinute + 61_000);
        assertThat(reader.duplicates()).isEqualTo(1);
        assertThat(reader.unexpected()).as("symbol 5 has no surge then; a price move was not planted").isEqualTo(2);
        assertThat(reader.surgeIds()).containsExactly("a-1");
    }

    private static byte[] anomaly(String id, String symbol, AnomalyRule rule, long barStart) {
        return WireCodec.encode(new Anomaly(id, symbol, rule, Severity.MEDIUM, barStart + 60_000, barStart, Timeframe.M1,
                20.0, 3.0, "test", Map.of()));
    }
}
