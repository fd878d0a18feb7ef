package io.pricefeed.flink.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnexpiredBarsTest {
    static final long START = 1_773_114_300_000L; // 2026-03-10 09:15 IST
    static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void keepsAFinalBarUntilItsTableTimeToLiveHasPassed() {
        Bar minute = bar(Timeframe.M1, 60_000, true);
        assertThat(new UnexpiredBars(minute.getBarEnd() + 29 * DAY).filter(minute)).isTrue();
        assertThat(new UnexpiredBars(minute.getBarEnd() + 30 * DAY).filter(minute)).isFalse();
    }

    @Test
    void keepsFinalDailyBarsForever() {
        Bar daily = bar(Timeframe.D1, 22_500_000, true);
        assertThat(new UnexpiredBars(daily.getBarEnd() + 3650 * DAY).filter(daily)).isTrue();
    }

    @Test
    void dropsFormingBarsEvenWhenTheirLiveTimeToLiveHasNotPassed() {
        Bar forming = bar(Timeframe.H1, 3_600_000, false);
        assertThat(new UnexpiredBars(forming.getBarEnd()).filter(forming)).isFalse();
    }

    private static Bar bar(Timeframe tf, long length, boolean fin) {
        return new Bar("NSE:SBIN-EQ", tf, START, START + length, 100, 102, 99, 101, Double.NaN, 5, 0, 0, fin);
    }
}
