package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
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
 * lateness), {@link MinuteBarFunction} holds no keyed state and no timer for it, as
 * apache/flink-training's harness tests check. Each test first shows the day's bars were built,
 * so an empty operator is not an idle one.
 */
class MinuteBarFunctionCleanupTest {
    private static final String SYM = "NSE:SBIN-EQ";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final long OPEN = TradingCalendar.sessionOpen(DAY);
    private static final long CLOSE = TradingCalendar.sessionClose(DAY);
    private static final long MINUTE = 60_000L;
    private static final long LATENESS = 5_000;
    private static final long OUT_OF_ORDERNESS = 500;
    /** The watermark at which the day's last bar (15:29) is final: nothing can change the day after it. */
    private static final long DAY_OVER = CLOSE - 1 + LATENESS;
    private static final int SESSION_MINUTES = 375;

    private static KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> harness(MinuteBarFunction function)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(function, Tick::getSymbol, Types.STRING);
    }

    private static MinuteBarFunction bars(boolean fillGaps) {
        return new MinuteBarFunction(LATENESS, fillGaps, TradingCalendar.nse());
    }

    private static long minute(int m) {
        return OPEN + m * MINUTE;
    }

    private static Tick tick(long ts, double ltp, long cum) {
        return new Tick(SYM, ts, ltp, cum, 100.0, 0, 0, 0, 99, 0, 0);
    }

    /** Ticks and heartbeats as the job's source sees them: the watermark trails the largest ts by the bound. */
    private static final class Feed {
        private final KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h;
        private long maxTs = Long.MIN_VALUE;

        Feed(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h) {
            this.h = h;
        }

        void tick(Tick t) throws Exception {
            h.processElement(t, t.getTs());
            heartbeat(t.getTs());
        }

        void heartbeat(long ts) throws Exception {
            if (ts > maxTs) {
                maxTs = ts;
                h.processWatermark(ts - OUT_OF_ORDERNESS);
            }
        }
    }

    private static List<Bar> finals(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h) {
        return h.extractOutputValues().stream().filter(Bar::isFinalBar).collect(Collectors.toList());
    }

    private static List<Rejection> rejects(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h) {
        return h.getSideOutput(MinuteBarFunction.REJECTS) == null ? List.of()
                : h.getSideOutput(MinuteBarFunction.REJECTS).stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    private static void assertNothingLeft(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h) {
        assertThat(h.numKeyedStateEntries()).as("keyed state entries").isZero();
        assertThat(h.numEventTimeTimers()).as("event-time timers").isZero();
        assertThat(h.numProcessingTimeTimers()).as("processing-time timers").isZero();
    }

    @Test
    void aWholeSessionFromTheOpenLeavesNoStateAndNoTimers() throws Exception {
        try (var h = harness(bars(false))) {
            Feed feed = new Feed(h);
            long cum = 5_000; // pre-open auction volume: the first bar holds it (first tick before 09:16)
            for (int m = 0; m < SESSION_MINUTES; m++) {
                double price = 100 + (m % 10) * 0.1;
                Tick first = new Tick(SYM, minute(m) + 20_000, price, cum += 100, 100.0, m == 0 ? 99.5 : 0, 0, 0, 99, 0, 0);
                feed.tick(first);
                if (m == 100) {
                    feed.tick(first); // a redelivered tick: counts once
                }
                feed.tick(tick(minute(m) + 40_000, price + 0.05, cum += 100));
                if (m == 200) {
                    feed.heartbeat(minute(201) + 1_500); // 09:15+201m+1s: the 200th minute has closed ...
                    feed.tick(tick(minute(200) + 50_000, 101.0, cum += 50)); // ... and this tick revises it
                }
                if (m == 300) {
                    feed.heartbeat(minute(301) + LATENESS + 1_000); // the 300th minute is final ...
                    feed.tick(tick(minute(300) + 45_000, 150.0, cum)); // ... so this one is too late
                }
            }
            feed.heartbeat(DAY_OVER - 1 + OUT_OF_ORDERNESS);
            assertThat(h.numKeyedStateEntries()).as("the 15:29 bar is not final yet").isPositive();
            assertThat(h.numEventTimeTimers()).isPositive();

            feed.heartbeat(DAY_OVER + OUT_OF_ORDERNESS);
            List<Bar> finals = finals(h);
            assertThat(finals).hasSize(SESSION_MINUTES);
            assertThat(finals).extracting(Bar::getBarStart).doesNotHaveDuplicates()
                    .startsWith(OPEN).endsWith(CLOSE - MINUTE);
            assertThat(finals.get(0).getOpen()).as("the producer saw the open: dayOpen").isEqualTo(99.5);
            assertThat(finals.stream().mapToLong(Bar::getVolume).sum())
                    .as("every share of the day, auction included, is in exactly one bar").isEqualTo(cum);
            assertThat(finals.stream().mapToLong(Bar::getTickCount).sum())
                    .as("two a minute, the duplicate once, the revising tick in, the late one out")
                    .isEqualTo(2L * SESSION_MINUTES + 1);
            assertThat(finals.get(200).getRevision()).isEqualTo(1);
            assertThat(finals.get(200).getClose()).isEqualTo(101.0);
            assertThat(rejects(h)).extracting(Rejection::getReason).containsExactly("late");
            assertNothingLeft(h);

            // A straggler of the finished day is turned away without bringing state back.
            feed.tick(tick(CLOSE - 10_000, 100.0, cum));
            feed.tick(tick(CLOSE + 15 * MINUTE, 100.0, cum)); // after the close: no bar at all
            assertThat(rejects(h)).extracting(Rejection::getReason).containsExactly("late", "late");
            assertThat(finals(h)).hasSize(SESSION_MINUTES);
            assertNothingLeft(h);
        }
    }

    @Test
    void aSymbolThatStopsTradingMidSessionIsForgottenAtTheClose() throws Exception {
        long tenAm = minute(45);
        try (var h = harness(bars(false))) {
            Feed feed = new Feed(h);
            long cum = 1_000_000; // observed from 10:00: volume is counted from this tick on
            for (int m = 0; m < 60; m++) {
                feed.tick(tick(tenAm + m * MINUTE + 10_000, 100 + m * 0.01, cum += 200));
            }
            feed.heartbeat(minute(165)); // 12:00: every bar of the morning is final
            assertThat(finals(h)).hasSize(60);
            // The day itself is kept until the close: the symbol may trade again today, and its next
            // bar's volume is counted from this morning's last tick.
            assertThat(h.numKeyedStateEntries()).as("the day's baseline").isEqualTo(1);
            assertThat(h.numEventTimeTimers()).as("the day's end").isEqualTo(1);

            feed.tick(tick(minute(285) + 10_000, 101.0, cum += 700)); // 14:00, after two quiet hours
            feed.heartbeat(DAY_OVER + OUT_OF_ORDERNESS);
            List<Bar> finals = finals(h);
            assertThat(finals).hasSize(61);
            assertThat(finals.get(0).getVolume()).as("mid-session start: the first tick is the baseline").isZero();
            assertThat(finals.get(60).getVolume()).as("the morning's baseline carried over the pause").isEqualTo(700);
            assertNothingLeft(h);
        }
    }

    @Test
    void withGapFillingTheFlatBarsRunToTheCloseAndThenNothingIsLeft() throws Exception {
        long threePm = CLOSE - 30 * MINUTE;
        try (var h = harness(bars(true))) {
            Feed feed = new Feed(h);
            long cum = 2_000_000;
            for (int m = 0; m < 10; m++) {
                feed.tick(tick(threePm + m * MINUTE + 10_000, 100 + m, cum += 300));
            }
            feed.heartbeat(DAY_OVER + OUT_OF_ORDERNESS);

            List<Bar> finals = finals(h);
            assertThat(finals).extracting(Bar::getBarStart).doesNotHaveDuplicates().hasSize(30)
                    .startsWith(threePm).endsWith(CLOSE - MINUTE);
            assertThat(finals.subList(10, 30)).as("15:10-15:29: flat at the last close").allSatisfy(b -> {
                assertThat(b.getTickCount()).isZero();
                assertThat(b.getVolume()).isZero();
                assertThat(b.getClose()).isEqualTo(109.0);
            });
            assertNothingLeft(h);
        }
    }

    @Test
    void aLiveUpdateStillDeferredAtTheDayEndIsCancelledWithTheDay() throws Exception {
        try (var h = harness(new MinuteBarFunction(LATENESS, false, TradingCalendar.nse(), 1_000))) {
            Feed feed = new Feed(h);
            h.setProcessingTime(10_000);
            feed.tick(tick(CLOSE - 50_000, 100.0, 1_000));  // 15:29:10, shown at once
            feed.tick(tick(CLOSE - 40_000, 100.5, 1_100));  // 15:29:20, within the interval: deferred
            assertThat(h.extractOutputValues()).as("one live update").hasSize(1);
            assertThat(h.numProcessingTimeTimers()).as("the deferred update").isEqualTo(1);

            // The watermark reaches the day's end before the processing-time interval is up (a backlog).
            feed.heartbeat(DAY_OVER + OUT_OF_ORDERNESS);
            assertThat(finals(h)).singleElement().satisfies(b -> {
                assertThat(b.getTickCount()).isEqualTo(2);
                assertThat(b.getClose()).isEqualTo(100.5);
            });
            assertNothingLeft(h);

            int emitted = h.extractOutputValues().size();
            h.setProcessingTime(60_000);
            assertThat(h.extractOutputValues()).as("nothing shown for a finished day").hasSize(emitted);
            assertNothingLeft(h);
        }
    }

    @Test
    void aLiveUpdateThatFiredBeforeTheDayEndLeavesNoThrottleBehind() throws Exception {
        try (var h = harness(new MinuteBarFunction(LATENESS, false, TradingCalendar.nse(), 1_000))) {
            Feed feed = new Feed(h);
            h.setProcessingTime(10_000);
            feed.tick(tick(CLOSE - 50_000, 100.0, 1_000));
            feed.tick(tick(CLOSE - 40_000, 100.5, 1_100));
            h.setProcessingTime(11_000); // the deferred update goes out
            assertThat(h.extractOutputValues()).extracting(Bar::getTickCount).containsExactly(1L, 2L);

            feed.heartbeat(DAY_OVER + OUT_OF_ORDERNESS);
            assertThat(finals(h)).hasSize(1);
            assertNothingLeft(h);
        }
    }

    @Test
    void aBatchReplayOfTwoDaysDrainsToNothing() throws Exception {
        LocalDate monday = DAY.minusDays(1);
        try (var h = harness(bars(true))) {
            for (LocalDate day : List.of(monday, DAY)) {
                long start = TradingCalendar.sessionClose(day) - 10 * MINUTE; // 15:20
                long cum = 500_000;
                for (int m = 0; m < 10; m += 2) { // every other minute: the gaps are filled
                    Tick t = tick(start + m * MINUTE + 30_000, 200 + m, cum += 1_000);
                    h.processElement(t, t.getTs());
                }
            }
            h.processWatermark(Long.MAX_VALUE); // a bounded job's end: every timer fires

            List<Bar> finals = finals(h);
            assertThat(finals).hasSize(20);
            assertThat(finals.stream().filter(b -> TradingCalendar.tradeDate(b.getBarStart()).equals(monday)))
                    .hasSize(10);
            assertThat(finals.stream().mapToLong(Bar::getVolume).sum())
                    .as("each day counted from its own first tick").isEqualTo(2 * 4 * 1_000L);
            assertNothingLeft(h);
        }
    }
}
