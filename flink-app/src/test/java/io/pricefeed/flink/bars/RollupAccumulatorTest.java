package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RollupAccumulatorTest {
    private static final String SYM = "NSE:SBIN-EQ";
    private static final long OPEN = TradingCalendar.sessionOpen(LocalDate.of(2026, 3, 10));

    private static Bar minute(int n, double o, double h, double l, double c, double vwap, long v, long ticks, int rev) {
        long start = OPEN + n * 60_000L;
        return new Bar(SYM, Timeframe.M1, start, start + 60_000L, o, h, l, c, vwap, v, ticks, rev, true);
    }

    @Test
    void aFiveMinuteBarRollsUpItsMinutes() {
        RollupAccumulator acc = new RollupAccumulator(SYM, Timeframe.M5, OPEN);
        acc.add(minute(0, 100, 101, 99.5, 100.5, 100.2, 1_000, 10, 0));
        acc.add(minute(1, 100.5, 102, 100, 101.5, 101.0, 3_000, 12, 1));
        acc.add(minute(3, 101.5, 101.5, 98, 99, 99.5, 0, 4, 0));

        Bar bar = acc.toBar(true);

        assertThat(bar.getOpen()).isEqualTo(100);
        assertThat(bar.getHigh()).isEqualTo(102);
        assertThat(bar.getLow()).isEqualTo(98);
        assertThat(bar.getClose()).isEqualTo(99);
        assertThat(bar.getVolume()).isEqualTo(4_000);
        assertThat(bar.getTickCount()).isEqualTo(26);
        assertThat(bar.getVwap()).isCloseTo((100.2 * 1_000 + 101.0 * 3_000) / 4_000, within(1e-9));
        assertThat(bar.getRevision()).isEqualTo(1);
        assertThat(bar.getBarStart()).isEqualTo(OPEN);
        assertThat(bar.getBarEnd()).isEqualTo(OPEN + 5 * 60_000L);
        assertThat(bar.isFinalBar()).isTrue();
    }

    @Test
    void theLastHourBarIsShortAndTheDayBarIsTheSession() {
        long lastHour = OPEN + 6 * 3_600_000L; // 15:15
        RollupAccumulator hour = new RollupAccumulator(SYM, Timeframe.H1, lastHour);
        hour.add(new Bar(SYM, Timeframe.M1, lastHour, lastHour + 60_000, 1, 1, 1, 1, 1, 1, 1, 0, true));
        assertThat(hour.toBar(true).getBarEnd()).isEqualTo(OPEN + 375 * 60_000L); // 15:30

        RollupAccumulator day = new RollupAccumulator(SYM, Timeframe.D1, OPEN);
        day.add(minute(0, 1, 1, 1, 1, 1, 1, 1, 0));
        assertThat(day.toBar(true).getBarEnd()).isEqualTo(OPEN + 375 * 60_000L);
    }

    @Test
    void noVolumeMeansCloseAsVwapAndAnUnknownVwapStaysUnknown() {
        RollupAccumulator flat = new RollupAccumulator(SYM, Timeframe.M15, OPEN);
        flat.add(minute(0, 100, 100, 100, 100, 100, 0, 0, 0));
        assertThat(flat.toBar(true).getVwap()).isEqualTo(100);

        RollupAccumulator history = new RollupAccumulator(SYM, Timeframe.M15, OPEN);
        history.add(minute(0, 100, 101, 99, 100, Double.NaN, 500, 0, 0));
        assertThat(history.toBar(true).getVwap()).isNaN();
    }

    @Test
    void oneMinuteBarsAreNotRolledUp() {
        assertThatThrownBy(() -> new RollupAccumulator(SYM, Timeframe.M1, OPEN)).isInstanceOf(IllegalArgumentException.class);
    }
}
