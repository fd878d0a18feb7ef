package io.pricefeed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TimeframeTest {
    @Test
    void labelsRoundTrip() {
        for (Timeframe tf : Timeframe.values()) {
            assertThat(Timeframe.parse(tf.label())).isSameAs(tf);
        }
        assertThat(Timeframe.parse(" 1H ")).isSameAs(Timeframe.H1);
        assertThat(Timeframe.M15.nominalMillis()).isEqualTo(900_000L);
        assertThat(Timeframe.M1.isRollup()).isFalse();
        assertThat(Timeframe.D1.isRollup()).isTrue();
    }

    @Test
    void anUnknownLabelListsTheValidOnes() {
        assertThat(Timeframe.fromLabel("2m")).isEmpty();
        assertThat(Timeframe.fromLabel(null)).isEmpty();
        assertThatThrownBy(() -> Timeframe.parse("2m"))
                .hasMessage("unknown timeframe '2m' (expected one of 1m, 5m, 15m, 1h, 1d)");
    }
}
