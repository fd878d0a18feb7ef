package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
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

/** Forming bars (DESIGN.md §4 live bars): throttled per symbol, deferred not dropped, and rolled up. */
class LiveBarsTest {
    private static final String SYM = "NSE:SBIN-EQ";
    private static final long OPEN = TradingCalendar.sessionOpen(LocalDate.of(2026, 3, 10));
    private static final long BAR = OPEN + 5 * 60_000L; // 09:20
    private static final long LATENESS = 5_000;
    private static final long INTERVAL = 1_000;

    @Test
    void theFormingBarIsShownAtMostOncePerIntervalAndTheLastTickIsNeverLeftUnshown() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new MinuteBarFunction(LATENESS, false, TradingCalendar.nse(), INTERVAL), Tick::getSymbol, Types.STRING)) {
            h.open();
            h.setProcessingTime(10_000);
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 2_000, 100.5, 1_100)); // within the interval: deferred
            h.setProcessingTime(10_400);
            send(h, tick(BAR + 3_000, 101.0, 1_300));
            assertThat(h.extractOutputValues()).as("one update so far, from the first tick").hasSize(1);

            h.setProcessingTime(11_000); // the deferred update shows the latest state
            List<Bar> shown = h.extractOutputValues();
            assertThat(shown).hasSize(2);
            assertThat(shown).allSatisfy(b -> assertThat(b.isFinalBar()).isFalse());
            Bar latest = shown.get(1);
            assertThat(latest.getClose()).isEqualTo(101.0);
            assertThat(latest.getHigh()).isEqualTo(101.0);
            assertThat(latest.getTickCount()).isEqualTo(3);
            assertThat(latest.getVolume()).isEqualTo(300);

            h.processWatermark(BAR + 60_000 - 1 + LATENESS);
            List<Bar> all = h.extractOutputValues();
            assertThat(all.get(all.size() - 1).isFinalBar()).isTrue();
            assertThat(all.get(all.size() - 2)).as("the closed bar, shown under the live key until final")
                    .satisfies(b -> assertThat(b.isFinalBar()).isFalse());
            h.setProcessingTime(20_000);
            assertThat(h.extractOutputValues()).as("no update for a bar that is no longer open").hasSize(all.size());
        }
    }

    @Test
    void formingRollupsAreTheFinalMinutesPlusTheNewerOnes() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Bar, Bar> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new RollupFunction(LATENESS, TradingCalendar.nse(), true), Bar::getSymbol, Types.STRING)) {
            h.open();
            Bar first = minute(BAR, 100, 102, 99, 101, 1_000, true);
            Bar forming = minute(BAR + 60_000, 101, 105, 100, 104, 500, false);
            h.processElement(first, BAR);
            h.processElement(forming, BAR + 60_000);
            List<Bar> live = h.getSideOutput(RollupFunction.LIVE).stream().map(StreamRecord::getValue).collect(Collectors.toList());
            assertThat(live).extracting(Bar::getTimeframe)
                    .containsExactly(Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.D1);
            Bar fiveMinutes = live.get(0);
            assertThat(fiveMinutes.isFinalBar()).isFalse();
            assertThat(new double[] {fiveMinutes.getOpen(), fiveMinutes.getHigh(), fiveMinutes.getLow(), fiveMinutes.getClose()})
                    .containsExactly(100, 105, 99, 104);
            assertThat(fiveMinutes.getVolume()).isEqualTo(1_500);
            assertThat(h.extractOutputValues()).as("nothing final yet").isEmpty();
        }
    }

    private static Bar minute(long start, double o, double hi, double lo, double c, long volume, boolean isFinal) {
        return new Bar(SYM, Timeframe.M1, start, start + 60_000, o, hi, lo, c, c, volume, 10, 0, isFinal);
    }

    private static Tick tick(long ts, double ltp, long cum) {
        return new Tick(SYM, ts, ltp, cum, 100.0, 100, 0, 0, 99, 0, 0);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h, Tick t) throws Exception {
        h.processElement(t, t.getTs());
    }
}
