package io.pricefeed.flink.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RollingWindowTest {

    @Test
    void itKeepsTheLastValuesOldestFirst() {
        RollingWindow w = new RollingWindow(3);
        assertThat(w.full()).isFalse();
        w.add(1);
        w.add(2);
        assertThat(w.toArray()).containsExactly(1, 2);
        w.add(3);
        assertThat(w.full()).isTrue();
        w.add(4);
        w.add(5);
        assertThat(w.toArray()).containsExactly(3, 4, 5);
        assertThat(w.count()).isEqualTo(3);
    }

    @Test
    void meanAndSampleDeviationAreExact() {
        RollingWindow w = new RollingWindow(4);
        for (double v : new double[] {100, 2, 4, 4, 4, 5}) {
            w.add(v);
        }
        // 100 and 2 were evicted: mean 4.25, sample variance 0.75 / 3 = 0.25
        assertThat(w.toArray()).containsExactly(4, 4, 4, 5);
        assertThat(w.mean()).isEqualTo(4.25);
        assertThat(w.sampleStdDev()).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void undefinedStatisticsAreNaN() {
        RollingWindow w = new RollingWindow(3);
        assertThat(w.mean()).isNaN();
        w.add(1);
        assertThat(w.sampleStdDev()).isNaN();
    }

    @Test
    void aRingNeverDriftsLikeARunningSumWould() {
        RollingWindow w = new RollingWindow(3);
        w.add(1e16);
        w.add(1);
        w.add(1);
        for (int i = 0; i < 3; i++) {
            w.add(0.1);
        }
        assertThat(w.mean()).isCloseTo(0.1, within(1e-16));
        assertThat(w.sampleStdDev()).isLessThan(1e-15);
    }

    @Test
    void resizingKeepsTheNewestValues() {
        RollingWindow w = new RollingWindow(4);
        for (int i = 1; i <= 6; i++) {
            w.add(i);
        }
        w.resize(2);
        assertThat(w.toArray()).containsExactly(5, 6);
        w.add(7);
        assertThat(w.toArray()).containsExactly(6, 7);
        w.resize(5);
        assertThat(w.toArray()).containsExactly(6, 7);
        assertThat(w.full()).isFalse();
        w.add(8);
        assertThat(w.toArray()).containsExactly(6, 7, 8);

        RollingWindow fresh = new RollingWindow();
        assertThatThrownBy(() -> fresh.add(1)).isInstanceOf(IllegalStateException.class);
        fresh.resize(2);
        fresh.add(1);
        assertThat(fresh.toArray()).containsExactly(1);
    }
}
