package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary's coverage, read back by DuckDB from a lake laid out as the job writes it. */
class DemoCoverageTest {
    private static final Instant START = LocalDateTime.of(2026, 3, 10, 9, 14).atZone(TradingCalendar.IST).toInstant();
    /** 20 simulated minutes from 09:14: the session minutes 09:15 .. 09:33 are 19 whole 1m bars. */
    private static final long END = START.plusSeconds(20 * 60).toEpochMilli();
    private static final List<String> SYMBOLS = List.of("NSE:SBIN-EQ", "NSE:TCS-EQ", "NSE:INFY-EQ");

    @TempDir
    Path lake;

    private DemoSettings settings() {
        return new DemoSettings(SYMBOLS, START, 60, 20, lake.getParent(), false, false, 4568, 8000, 8080, 8, 2, 42);
    }

    @Test
    void aSymbolThatStoppedEarlyIsCountedAndWarnedAbout() throws Exception {
        // SBIN and TCS have every minute (and SBIN one past the end, which does not count); INFY
        // stopped after 10 minutes.
        writeMinuteBars(Map.of("NSE:SBIN-EQ", 20, "NSE:TCS-EQ", 19, "NSE:INFY-EQ", 10));
        writeLastTicks(Map.of("NSE:SBIN-EQ", LocalTime.of(9, 33, 58), "NSE:TCS-EQ", LocalTime.of(9, 33, 55),
                "NSE:INFY-EQ", LocalTime.of(9, 24, 50)));

        DemoCoverage coverage;
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            coverage = DemoCoverage.read(engine, settings(), END, 1_200);
        }

        assertThat(coverage.expectedMinutes()).isEqualTo(19);
        assertThat(coverage.minuteBars()).containsExactlyInAnyOrderEntriesOf(
                Map.of("NSE:SBIN-EQ", 19L, "NSE:TCS-EQ", 19L, "NSE:INFY-EQ", 10L));
        assertThat(coverage.lines()).containsExactly(
                "  coverage  1m bars per symbol 10-19 of the session's 19 (84.2%); last tick 09:33:58 IST "
                        + "(the earliest symbol's last: 09:24:50); watermark lag at most 1.2 s real",
                "  WARNING: coverage is short: 1 of 3 symbols have fewer than 99% of the session's 19 1m bars "
                        + "(fewest: NSE:INFY-EQ with 10)",
                "  WARNING: ticks stop short of the session's end: the earliest symbol's last tick is at 09:24:50 IST, "
                        + "the session ran to 09:34:00 IST");
    }

    @Test
    void aFullRunWithALagOverFiveSecondsWarnsOnlyAboutTheLag() {
        Map<String, Long> bars = new LinkedHashMap<>();
        Map<String, Long> last = new LinkedHashMap<>();
        long close = LocalDateTime.of(2026, 3, 10, 15, 30).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
        for (String s : SYMBOLS) {
            bars.put(s, 375L);
            last.put(s, close - 2_000);
        }

        List<String> lines = new DemoCoverage(375, bars, last, close, 6_240).lines();

        assertThat(lines).containsExactly(
                "  coverage  1m bars per symbol 375 of the session's 375 (100.0%); last tick 15:29:58 IST; "
                        + "watermark lag at most 6.2 s real",
                "  WARNING: the watermark lag reached 6.2 s of real time (over 5.0 s): the job fell behind the session");
    }

    @Test
    void aSymbolWithNoBarsAtAllIsShownAsZeroAndNoTicksAsNone() {
        Map<String, Long> bars = new LinkedHashMap<>(Map.of("NSE:SBIN-EQ", 0L));
        Map<String, Long> last = new LinkedHashMap<>(Map.of("NSE:SBIN-EQ", Long.MIN_VALUE));

        List<String> lines = new DemoCoverage(19, bars, last, END, -1).lines();

        assertThat(lines.get(0)).isEqualTo("  coverage  1m bars per symbol 0 of the session's 19 (0.0%); last tick none IST; "
                + "watermark lag at most - real");
        assertThat(lines).hasSize(3);
    }

    /** Each symbol's count of 1m bars from 09:15 IST on, one a minute. */
    private void writeMinuteBars(Map<String, Integer> minutes) {
        long open = START.plusSeconds(60).toEpochMilli();
        List<Bar> bars = new ArrayList<>();
        minutes.forEach((symbol, n) -> {
            for (int i = 0; i < n; i++) {
                long start = open + i * 60_000L;
                bars.add(new Bar(symbol, Timeframe.M1, start, start + 60_000, 100.0, 101.0, 99.0, 100.5, 100.2, 1000, 10, 0, true));
            }
        });
        TestLakeWriter.bars(lake, bars);
    }

    /** Each symbol's last tick, at an IST time on the day. */
    private void writeLastTicks(Map<String, LocalTime> last) {
        List<Tick> ticks = new ArrayList<>();
        last.forEach((symbol, time) -> ticks.add(new Tick(symbol, START.atZone(TradingCalendar.IST).with(time).toInstant()
                .toEpochMilli(), 100.0, 1000, 100.0, 100.0, 101.0, 99.0, 99.5, 0.0, 0.0)));
        TestLakeWriter.ticks(lake, ticks);
    }
}
