package io.pricefeed.bench.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RateCurveTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aStandInThatSlowsDownShowsALastTenthSlowerThanTheFirst() {
        RateCurve curve = new RateCurve(1_000, 0);
        // tenth k takes k + 1 seconds: 100 records/s at first, 10 records/s at the end
        long t = 0;
        for (int k = 0; k < 10; k++) {
            t += (k + 1) * SECOND;
            curve.observe((k + 1) * 100L, t);
        }
        assertThat(curve.tenthRate(0)).isCloseTo(100, within(1e-9));
        assertThat(curve.tenthRate(9)).isCloseTo(10, within(1e-9));
        assertThat(curve.lastOverFirst()).isCloseTo(0.1, within(1e-9));
        assertThat(curve.totalSeconds()).isCloseTo(55, within(1e-9));
        assertThat(curve.overallRate()).isCloseTo(1_000 / 55.0, within(1e-9));
    }

    @Test
    void aSampleThatJumpsSeveralTenthsStampsThemAllAtOnce() {
        RateCurve curve = new RateCurve(100, 0);
        curve.observe(5, SECOND);
        assertThat(curve.complete()).isFalse();
        curve.observe(100, 2 * SECOND);
        assertThat(curve.complete()).isTrue();
        assertThat(curve.totalSeconds()).isCloseTo(2, within(1e-9));
        assertThat(curve.tenthRate(0)).isCloseTo(5, within(1e-9)); // 10 records over the first 2 s
    }

    @Test
    void ratesBeforeTheTargetIsReachedAreAnError() {
        RateCurve curve = new RateCurve(100, 0);
        curve.observe(50, SECOND);
        assertThatThrownBy(curve::overallRate).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not reached 100");
        assertThatThrownBy(() -> new RateCurve(5, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
