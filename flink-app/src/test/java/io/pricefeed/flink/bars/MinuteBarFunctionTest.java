package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.model.WireCodec;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class MinuteBarFunctionTest {
    private static final String SYM = "NSE:SBIN-EQ";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final long OPEN = TradingCalendar.sessionOpen(DAY);
    private static final long BAR = OPEN + 5 * 60_000L; // 09:20, mid-session
    private static final long LATENESS = 5_000;

    private static KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> harness(boolean fillGaps) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new MinuteBarFunction(LATENESS, fillGaps, TradingCalendar.nse()), Tick::getSymbol, Types.STRING);
        h.open();
        return h;
    }

    private static Tick tick(long ts, double ltp, long cum) {
        return new Tick(SYM, ts, ltp, cum, 100.0, 100, 0, 0, 99, 0, 0);
    }

    private static void send(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h, Tick t) throws Exception {
        h.processElement(t, t.getTs());
    }

    private static List<Bar> bars(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h) {
        return h.extractOutputValues();
    }

    private static List<Rejection> rejects(KeyedOneInputStreamOperatorTestHarness<String, Tick, Bar> h) {
        return h.getSideOutput(MinuteBarFunction.REJECTS) == null ? List.of()
                : h.getSideOutput(MinuteBarFunction.REJECTS).stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }

    @Test
    void aBarClosesAtItsEndAndIsFinalOnceTheLatenessHasPassed() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 30_000, 100.5, 1_500));

            h.processWatermark(BAR + 60_000 - 2);
            assertThat(bars(h)).isEmpty();

            h.processWatermark(BAR + 60_000 - 1);
            assertThat(bars(h)).singleElement().satisfies(b -> {
                assertThat(b.isFinalBar()).isFalse();
                assertThat(b.getRevision()).isZero();
                assertThat(b.getOpen()).isEqualTo(100.0);
                assertThat(b.getClose()).isEqualTo(100.5);
                assertThat(b.getVolume()).as("mid-session start: baseline is the first tick").isEqualTo(500);
            });

            h.processWatermark(BAR + 60_000 - 2 + LATENESS);
            assertThat(bars(h)).hasSize(1);
            h.processWatermark(BAR + 60_000 - 1 + LATENESS);
            assertThat(bars(h)).hasSize(2);
            Bar last = bars(h).get(1);
            assertThat(last.isFinalBar()).isTrue();
            assertThat(last.getTickCount()).isEqualTo(2);
        }
    }

    @Test
    void ticksOutOfOrderWithinTheBoundAreFoldedInTimeOrderAndDuplicatesCountOnce() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(BAR + 30_000, 100.5, 1_500));
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 30_000, 100.5, 1_500));
            send(h, tick(BAR + 20_000, 99.5, 1_200));

            h.processWatermark(BAR + 60_000 - 1 + LATENESS);

            Bar bar = bars(h).get(bars(h).size() - 1);
            assertThat(bar.isFinalBar()).isTrue();
            assertThat(bar.getOpen()).isEqualTo(100.0);
            assertThat(bar.getLow()).isEqualTo(99.5);
            assertThat(bar.getClose()).isEqualTo(100.5);
            assertThat(bar.getTickCount()).isEqualTo(3);
        }
    }

    @Test
    void aLateTickWithinTheLatenessRevisesTheBar() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 30_000, 100.5, 1_500));
            h.processWatermark(BAR + 60_000);
            send(h, tick(BAR + 45_000, 101.0, 1_800)); // late, but within 5 s of lateness

            assertThat(bars(h)).hasSize(2);
            Bar revised = bars(h).get(1);
            assertThat(revised.getRevision()).isEqualTo(1);
            assertThat(revised.isFinalBar()).isFalse();
            assertThat(revised.getClose()).isEqualTo(101.0);
            assertThat(revised.getVolume()).isEqualTo(800);

            h.processWatermark(BAR + 60_000 - 1 + LATENESS);
            Bar fin = bars(h).get(2);
            assertThat(fin.isFinalBar()).isTrue();
            assertThat(fin.getRevision()).isEqualTo(1);
            assertThat(fin.getTickCount()).isEqualTo(3);
            assertThat(fin.getHigh()).isEqualTo(101.0);
        }
    }

    @Test
    void aTickBeyondTheLatenessGoesToRejectsAsLate() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            h.processWatermark(BAR + 60_000 - 1 + LATENESS);
            Tick late = tick(BAR + 50_000, 250.0, 2_000);
            send(h, late);

            assertThat(bars(h)).hasSize(2).allSatisfy(b -> assertThat(b.getHigh()).isEqualTo(100.0));
            assertThat(rejects(h)).singleElement().satisfies(r -> {
                assertThat(r.getReason()).isEqualTo("late");
                assertThat(r.getTs()).as("filed under its event time").isEqualTo(late.getTs());
                DecodeResult raw = WireCodec.decode(r.getRaw(), Long.MAX_VALUE / 2);
                assertThat(raw.tick()).as("the raw tick is kept").isEqualTo(late);
            });
        }
    }

    @Test
    void aCumulativeVolumeThatWentBackIsRejected() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 2_000, 100.0, 900));
            h.processWatermark(BAR + 60_000 - 1 + LATENESS);
            assertThat(rejects(h)).extracting(Rejection::getReason).containsExactly("volume_regressed");
        }
    }

    @Test
    void withoutGapFillingAQuietMinuteHasNoBar() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 180_000 + 1_000, 100.5, 1_500));
            h.processWatermark(BAR + 240_000 - 1 + LATENESS);
            assertThat(bars(h).stream().filter(Bar::isFinalBar).map(Bar::getBarStart))
                    .containsExactly(BAR, BAR + 180_000);
        }
    }

    @Test
    void withGapFillingQuietMinutesAreFlatBarsUpToTheClose() throws Exception {
        long lastMinutes = TradingCalendar.sessionClose(DAY) - 3 * 60_000L; // 15:27
        try (var h = harness(true)) {
            send(h, tick(BAR + 1_000, 100.0, 1_000));
            send(h, tick(BAR + 120_000 + 1_000, 100.5, 1_500));
            send(h, tick(lastMinutes + 10_000, 101.0, 2_000));
            h.processWatermark(TradingCalendar.sessionClose(DAY) - 1 + LATENESS);

            List<Bar> finals = bars(h).stream().filter(Bar::isFinalBar).collect(Collectors.toList());
            assertThat(finals.get(1).getBarStart()).isEqualTo(BAR + 60_000);
            assertThat(finals.get(1).getVolume()).isZero();
            assertThat(finals.get(1).getClose()).isEqualTo(100.0);
            assertThat(finals.get(1).getTickCount()).isZero();
            // 09:20 ... 15:29: every minute from the first tick to the close, exactly once.
            assertThat(finals).hasSize((int) ((TradingCalendar.sessionClose(DAY) - BAR) / 60_000L));
            assertThat(finals.get(finals.size() - 1).getBarStart()).isEqualTo(TradingCalendar.sessionClose(DAY) - 60_000L);
            assertThat(finals.get(finals.size() - 1).getClose()).isEqualTo(101.0);
            assertThat(finals.stream().map(Bar::getBarStart).distinct().count()).isEqualTo(finals.size());
        }
    }

    @Test
    void ticksOutsideTheSessionMakeNoBars() throws Exception {
        try (var h = harness(false)) {
            send(h, tick(OPEN - 30_000, 100.0, 1_000));                      // pre-open
            send(h, tick(TradingCalendar.sessionClose(DAY) + 1_000, 100, 1)); // after the close
            h.processWatermark(TradingCalendar.sessionClose(DAY) + 3_600_000L);
            assertThat(bars(h)).isEmpty();
            assertThat(rejects(h)).isEmpty();
        }
    }
}
