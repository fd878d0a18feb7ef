package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;
import static io.pricefeed.flink.anomaly.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumeSurgeRuleTest {
    private static final int N = 4;

    private final VolumeSurgeRule rule = new VolumeSurgeRule(Fixtures.smallWindows(30, N));
    private final VolumeSurgeState state = new VolumeSurgeState();

    private Optional<Anomaly> bar(LocalDate day, int minute, long volume) {
        return rule.onFinalMinuteBar(Fixtures.bar(minute(day, minute), 100.0, volume), state);
    }

    /** The 09:15 bar (skipped) and {@code n} ordinary bars of {@code volume}. */
    private void warm(int n, long volume) {
        assertThat(bar(DAY1, 0, 250_000)).isEmpty();
        for (int m = 1; m <= n; m++) {
            assertThat(bar(DAY1, m, volume)).isEmpty();
        }
    }

    @Test
    void exactlyRTimesTheMeanFiresAndJustBelowDoesNot() {
        warm(N, 1_000);
        assertThat(bar(DAY1, N + 1, 4_999)).isEmpty();
        // The window is now 1000, 1000, 1000, 4999: mean 1999.75.
        assertThat(bar(DAY1, N + 2, 9_999)).as("5.0001x").isPresent();
    }

    @Test
    void exactlyAtTheThresholdFires() {
        warm(N, 1_000);
        assertThat(bar(DAY1, N + 1, 5_000)).isPresent();
    }

    @Test
    void theFloorHoldsBackSurgesOfThinVolume() {
        warm(N, 100);
        assertThat(bar(DAY1, N + 1, 999)).as("9.99x but under the 1000 floor").isEmpty();
        VolumeSurgeState other = new VolumeSurgeState();
        rule.onFinalMinuteBar(Fixtures.bar(minute(DAY1, 0), 100.0, 5_000), other);
        for (int m = 1; m <= N; m++) {
            rule.onFinalMinuteBar(Fixtures.bar(minute(DAY1, m), 100.0, 100), other);
        }
        assertThat(rule.onFinalMinuteBar(Fixtures.bar(minute(DAY1, N + 1), 100.0, 1_000), other))
                .as("exactly at the floor").isPresent();
    }

    @Test
    void noVerdictDuringWarmUpWithNMinusOneBars() {
        warm(N - 1, 1_000);
        assertThat(bar(DAY1, N, 100_000)).as("100x, but only n-1 bars known").isEmpty();
    }

    @Test
    void aVerdictOnceNBarsAreKnown() {
        warm(N, 1_000);
        assertThat(bar(DAY1, N + 1, 100_000)).isPresent();
    }

    @Test
    void theAnomalyCarriesItsInputs() {
        warm(N, 1_000);
        Anomaly a = bar(DAY1, N + 1, 10_000).orElseThrow();
        long barStart = minute(DAY1, N + 1);
        assertThat(a.getRule()).isEqualTo(AnomalyRule.VOLUME_SURGE);
        assertThat(a.getId()).isEqualTo(Anomaly.stableId(SYM, AnomalyRule.VOLUME_SURGE, Long.toString(barStart)));
        assertThat(a.getTs()).isEqualTo(barStart + 60_000);
        assertThat(a.getValue()).isCloseTo(10.0, within(1e-12));
        assertThat(a.getThreshold()).isEqualTo(5.0);
        assertThat(a.getSeverity()).as("2x the ratio").isEqualTo(Severity.HIGH);
        assertThat(a.getMessage()).isEqualTo("SBIN 1m volume 10,000 is 10.0x the average of the last 4 bars (1,000)");
        assertThat(a.getContext()).containsEntry("volume", 10_000.0).containsEntry("meanVolume", 1_000.0)
                .containsEntry("window", 4.0).containsEntry("minVolume", 1_000.0);
    }

    @Test
    void theInflatedOpeningBarOfAProducerUpAtTheOpenIsNeitherJudgedNorRemembered() {
        warm(N, 1_000);
        // Day two: the 09:15 bar holds the pre-open auction, 300x an ordinary minute.
        assertThat(bar(DAY2, 0, 300_000)).as("not a surge").isEmpty();
        assertThat(state.getVolumes().toArray()).containsOnly(1_000.0);
        assertThat(bar(DAY2, 1, 5_000)).as("the window carries over and was not lifted").isPresent();
    }

    @Test
    void thePartialFirstBarOfAMidSessionStartIsNeitherJudgedNorRemembered() {
        // The producer came up at 11:00: the baseline is the first tick's own cumVolume, so the
        // first bar holds only the rest of that minute.
        assertThat(bar(DAY1, 105, 150)).isEmpty();
        for (int m = 106; m < 106 + N; m++) {
            assertThat(bar(DAY1, m, 1_000)).isEmpty();
        }
        assertThat(state.getVolumes().toArray()).containsOnly(1_000.0).hasSize(N);
        assertThat(bar(DAY1, 106 + N, 4_900)).as("4.9x the real mean; with the partial bar in the window it would be 6.2x").isEmpty();
    }

    @Test
    void flatGapFilledBarsAreSkipped() {
        warm(N, 1_000);
        for (int m = N + 1; m < N + 10; m++) {
            assertThat(rule.onFinalMinuteBar(Fixtures.flat(minute(DAY1, m), 100.0), state)).isEmpty();
        }
        assertThat(state.getVolumes().toArray()).containsOnly(1_000.0);
        assertThat(bar(DAY1, N + 10, 4_999)).as("the mean was not dragged towards 0").isEmpty();
    }

    @Test
    void aWindowOfZeroVolumesHasNoScale() {
        warm(N, 0);
        assertThat(bar(DAY1, N + 1, 50_000)).isEmpty();
    }
}
