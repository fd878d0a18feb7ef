package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * Issue #18: once a symbol's trading day is over (the watermark past 15:30 plus the allowed
 * lateness, when the 1d bar is due), {@link RollupFunction} holds no keyed state and no timer for
 * it. The 1m bars come as the minute operator emits them, each ahead of the watermark that makes it
 * final.
 */
class RollupFunctionCleanupTest {
    private static final String SYM = "NSE:INFY-EQ";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final long OPEN = TradingCalendar.sessionOpen(DAY);
    private static final long CLOSE = TradingCalendar.sessionClose(DAY);
    private static final long MINUTE = 60_000L;
    private static final long LATENESS = 5_000;
    private static final long DAY_OVER = CLOSE - 1 + LATENESS;

    private static KeyedOneInputStreamOperatorTestHarness<String, Bar, Bar> harness(boolean live) throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RollupFunction(LATENESS, TradingCalendar.nse(), live), Bar::getSymbol, Types.STRING);
    }

    private static Bar minute(long start, double price, long volume, boolean isFinal) {
        return new Bar(SYM, Timeframe.M1, start, start + MINUTE, price, price + 1, price - 1, price, price, volume, 3, 0,
                isFinal);
    }

    /** A final 1m bar, then the watermark that made it final (its end plus the lateness). */
    private static void finalMinute(KeyedOneInputStreamOperatorTestHarness<String, Bar, Bar> h, long start, double price,
                                    long volume) throws Exception {
        long finalAt = start + MINUTE - 1 + LATENESS;
        h.processElement(minute(start, price, volume, true), finalAt);
        h.processWatermark(finalAt);
    }

    private static List<Bar> of(KeyedOneInputStreamOperatorTestHarness<String, Bar, Bar> h, Timeframe tf) {
        return h.extractOutputValues().stream().filter(b -> b.getTimeframe() == tf).collect(Collectors.toList());
    }

    private static void assertNothingLeft(KeyedOneInputStreamOperatorTestHarness<String, Bar, Bar> h) {
        assertThat(h.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(h.numEventTimeTimers()).as("event-time timers").isZero();
        assertThat(h.numProcessingTimeTimers()).as("processing-time timers").isZero();
    }

    @Test
    void aWholeSessionOfFinalMinutesLeavesNoStateAndNoTimers() throws Exception {
        try (var h = harness(false)) {
            for (int m = 0; m < 374; m++) {
                finalMinute(h, OPEN + m * MINUTE, 100 + m, 10);
            }
            long last = CLOSE - MINUTE;
            h.processElement(minute(last, 474, 10, true), DAY_OVER);
            assertThat(h.numKeyedStateEntries()).as("15:25 5m, 15:15 15m, 15:15 1h and the day").isEqualTo(4);
            assertThat(h.numEventTimeTimers()).as("all four end at 15:30").isEqualTo(1);

            h.processWatermark(DAY_OVER);
            assertThat(of(h, Timeframe.M5)).hasSize(75);
            assertThat(of(h, Timeframe.M15)).hasSize(25);
            assertThat(of(h, Timeframe.H1)).hasSize(7);
            assertThat(of(h, Timeframe.D1)).singleElement().satisfies(d -> {
                assertThat(d.getVolume()).isEqualTo(3_750);
                assertThat(d.getOpen()).isEqualTo(100);
                assertThat(d.getClose()).isEqualTo(474);
            });
            assertThat(h.extractOutputValues()).allSatisfy(b -> assertThat(b.isFinalBar()).isTrue());
            assertNothingLeft(h);
        }
    }

    @Test
    void aSymbolThatStopsTradingMidSessionLeavesNothingOnceItsDayBarIsOut() throws Exception {
        long tenAm = OPEN + 45 * MINUTE;
        try (var h = harness(false)) {
            for (int m = 0; m < 32; m++) { // 10:00-10:31
                finalMinute(h, tenAm + m * MINUTE, 200, 100);
            }
            h.processWatermark(OPEN + 165 * MINUTE); // 12:00
            assertThat(of(h, Timeframe.M5)).hasSize(7);
            assertThat(of(h, Timeframe.M15)).hasSize(3);
            assertThat(of(h, Timeframe.H1)).extracting(Bar::getVolume).containsExactly(1_500L, 1_700L);
            assertThat(of(h, Timeframe.D1)).as("the day is not over").isEmpty();
            assertThat(h.numKeyedStateEntries()).as("the day's bar").isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isEqualTo(1);

            h.processWatermark(DAY_OVER);
            assertThat(of(h, Timeframe.D1)).singleElement().satisfies(d -> {
                assertThat(d.getBarStart()).isEqualTo(OPEN);
                assertThat(d.getVolume()).isEqualTo(3_200);
            });
            assertNothingLeft(h);
        }
    }

    @Test
    void withLiveRollupsTheProvisionalMinutesLeaveWithTheirFinalVersions() throws Exception {
        long start = CLOSE - 30 * MINUTE; // 15:00
        try (var h = harness(true)) {
            for (int m = 0; m < 30; m++) {
                long s = start + m * MINUTE;
                double price = 300 + m;
                // As the minute operator emits a minute: forming, closed (revision 0), then final.
                h.processElement(minute(s, price - 0.5, 40, false), s + 30_000);
                h.processElement(minute(s, price, 50, false), s + MINUTE - 1);
                h.processWatermark(s + MINUTE - 1);
                if (m == 29) {
                    assertThat(h.numKeyedStateEntries())
                            .as("four open rollups and the provisional 15:29 minute").isEqualTo(5);
                }
                finalMinute(h, s, price, 50);
            }

            List<Bar> forming = h.getSideOutput(RollupFunction.LIVE).stream().map(StreamRecord::getValue)
                    .collect(Collectors.toList());
            assertThat(forming).hasSize(30 * 2 * 4).allSatisfy(b -> assertThat(b.isFinalBar()).isFalse());
            assertThat(of(h, Timeframe.M5)).hasSize(6);
            assertThat(of(h, Timeframe.H1)).as("14:15-15:15 (from 15:00) and 15:15-15:30, final minutes only")
                    .extracting(Bar::getVolume).containsExactly(750L, 750L);
            assertThat(of(h, Timeframe.D1)).singleElement().satisfies(b -> assertThat(b.getVolume()).isEqualTo(1_500));
            assertNothingLeft(h);
        }
    }
}
