package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RollupFunctionTest {
    private static final String SYM = "NSE:INFY-EQ";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final long OPEN = TradingCalendar.sessionOpen(DAY);
    private static final long LATENESS = 5_000;

    private static Bar minute(long start, double price, long volume) {
        return new Bar(SYM, Timeframe.M1, start, start + 60_000, price, price + 1, price - 1, price, price, volume, 3, 0, true);
    }

    @Test
    void everyRollupIsEmittedOnceWhenItsEndPlusLatenessHasPassed() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Bar, Bar> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RollupFunction(LATENESS, TradingCalendar.nse()), Bar::getSymbol, Types.STRING)) {
            h.open();
            // Every minute of the session, each final as the minute operator would emit it.
            for (int m = 0; m < 375; m++) {
                long start = OPEN + m * 60_000L;
                h.processElement(minute(start, 100 + m, 10), start + 60_000 - 1 + LATENESS);
                h.processWatermark(start + 60_000 - 1 + LATENESS);
            }

            List<Bar> out = h.extractOutputValues();
            assertThat(out.stream().filter(b -> b.getTimeframe() == Timeframe.M5).count()).isEqualTo(75);
            assertThat(out.stream().filter(b -> b.getTimeframe() == Timeframe.M15).count()).isEqualTo(25);
            assertThat(out.stream().filter(b -> b.getTimeframe() == Timeframe.H1).count()).isEqualTo(7);
            assertThat(out).allSatisfy(b -> assertThat(b.isFinalBar()).isTrue());

            List<Bar> hours = out.stream().filter(b -> b.getTimeframe() == Timeframe.H1).collect(Collectors.toList());
            assertThat(hours.get(0).getBarStart()).isEqualTo(OPEN);
            assertThat(hours.get(0).getVolume()).isEqualTo(600);
            assertThat(hours.get(0).getOpen()).isEqualTo(100);
            assertThat(hours.get(0).getClose()).isEqualTo(159);
            assertThat(hours.get(6).getBarEnd() - hours.get(6).getBarStart()).as("15:15-15:30").isEqualTo(15 * 60_000L);
            assertThat(hours.get(6).getVolume()).isEqualTo(150);

            Bar dayBar = out.stream().filter(b -> b.getTimeframe() == Timeframe.D1).findFirst().orElseThrow();
            assertThat(dayBar.getVolume()).isEqualTo(3_750);
            assertThat(dayBar.getTickCount()).isEqualTo(1_125);
            assertThat(dayBar.getHigh()).isEqualTo(475);
            assertThat(dayBar.getLow()).isEqualTo(99);
            assertThat(out.get(out.size() - 1)).as("the day closes last").isEqualTo(dayBar);
        }
    }
}
