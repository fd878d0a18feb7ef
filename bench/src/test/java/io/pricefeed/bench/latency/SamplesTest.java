package io.pricefeed.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SamplesTest {
    private static final List<Long> ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).boxed().toList();

    @Test
    void nearestRankPercentilesOfOneToAHundredAreTheRanksThemselves() {
        assertThat(Samples.percentile(ONE_TO_HUNDRED, 0.5)).isEqualTo(50);
        assertThat(Samples.percentile(ONE_TO_HUNDRED, 0.99)).isEqualTo(99);
        assertThat(Samples.percentile(ONE_TO_HUNDRED, 1.0)).isEqualTo(100);
    }

    @Test
    void withFewSamplesThe99thPercentileIsTheLargest() {
        assertThat(Samples.percentile(List.of(10L, 20L, 30L), 0.99)).isEqualTo(30);
        assertThat(Samples.percentile(List.of(10L, 20L, 30L), 0.5)).isEqualTo(20);
    }

    @Test
    void noSamplesHaveNoPercentile() {
        assertThat(Samples.percentile(List.of(), 0.5)).isEqualTo(Long.MIN_VALUE);
    }
}
