package io.pricefeed.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.flink.config.ConfigException;
import io.pricefeed.flink.config.JobConfig;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class AnomalyThresholdsTest {

    private static AnomalyThresholds fromAnomalyGroup(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return AnomalyThresholds.fromConfig(JobConfig.fromPropertyGroups(Map.of("anomaly", p)));
    }

    @Test
    void theDefaultsAreDesignSection6() {
        AnomalyThresholds t = AnomalyThresholds.defaults();
        assertThat(t.priceMoveBandsPct()).containsExactly(5.0, 7.5, 10.0);
        assertThat(t.zscoreK()).isEqualTo(4.0);
        assertThat(t.zscoreWindow()).isEqualTo(30);
        assertThat(t.surgeRatio()).isEqualTo(5.0);
        assertThat(t.surgeWindow()).isEqualTo(20);
        assertThat(t.surgeMinVolume()).isEqualTo(1000.0);
        assertThat(t.gapOpenPct()).isEqualTo(3.0);
    }

    @Test
    void configuredValuesAreTakenAndBandsSorted() {
        AnomalyThresholds t = fromAnomalyGroup("priceMoveBandsPct", "10, 2.5,5", "zscoreK", "3.5", "zscoreWindow", "60",
                "surgeRatio", "8", "surgeWindow", "10", "surgeMinVolume", "500", "gapOpenPct", "2");
        assertThat(t.priceMoveBandsPct()).containsExactly(2.5, 5.0, 10.0);
        assertThat(t.zscoreK()).isEqualTo(3.5);
        assertThat(t.zscoreWindow()).isEqualTo(60);
        assertThat(t.surgeRatio()).isEqualTo(8.0);
        assertThat(t.surgeWindow()).isEqualTo(10);
        assertThat(t.surgeMinVolume()).isEqualTo(500.0);
        assertThat(t.gapOpenPct()).isEqualTo(2.0);
    }

    @Test
    void valuesTheRulesCannotUseFailNamingTheKey() {
        assertThatThrownBy(() -> fromAnomalyGroup("priceMoveBandsPct", "5,7.5,5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.priceMoveBandsPct").hasMessageContaining("twice");
        assertThatThrownBy(() -> fromAnomalyGroup("zscoreWindow", "1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.zscoreWindow");
        assertThatThrownBy(() -> fromAnomalyGroup("surgeWindow", "1001"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.surgeWindow");
        assertThatThrownBy(() -> fromAnomalyGroup("surgeRatio", "1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.surgeRatio");
        assertThatThrownBy(() -> new AnomalyThresholds(List.of(), 4, 30, 5, 20, 1000, 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.priceMoveBandsPct");
        assertThatThrownBy(() -> new AnomalyThresholds(List.of(5.0), Double.NaN, 30, 5, 20, 1000, 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.zscoreK");
        assertThatThrownBy(() -> new AnomalyThresholds(List.of(5.0), 4, 30, 5, 20, -1, 3))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.surgeMinVolume");
        assertThatThrownBy(() -> new AnomalyThresholds(List.of(5.0), 4, 30, 5, 20, 1000, Double.POSITIVE_INFINITY))
                .isInstanceOf(ConfigException.class).hasMessageContaining("anomaly.gapOpenPct");
        assertThat(new AnomalyThresholds(List.of(5.0), 4, 2, 1.01, 1, 0, 3).zscoreWindow()).as("the smallest usable").isEqualTo(2);
    }

    @Test
    void theyAreSerializableForAnOperatorField() throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(AnomalyThresholds.defaults());
            out.writeObject(new AnomalyDetectorRules());
        }
    }

    /** The rules are serializable too, should an operator prefer to hold them. */
    private static final class AnomalyDetectorRules implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final PriceMoveRule priceMove = new PriceMoveRule(AnomalyThresholds.defaults(), Fixtures.CAL);
        final GapOpenRule gapOpen = new GapOpenRule(AnomalyThresholds.defaults(), Fixtures.CAL);
        final ReturnZScoreRule zscore = new ReturnZScoreRule(AnomalyThresholds.defaults());
        final VolumeSurgeRule surge = new VolumeSurgeRule(AnomalyThresholds.defaults());
    }
}
