package io.pricefeed.flink.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DESIGN.md §4, rule by rule, without Flink. */
class MinuteBarFolderTest {
    private static final String SYM = "NSE:SBIN-EQ";
    private static final LocalDate DAY = LocalDate.of(2026, 3, 10);
    private static final long OPEN = TradingCalendar.sessionOpen(DAY); // 09:15 IST

    /** A tick at open + offset with the fields the rules read. */
    private static Tick tick(long offsetMs, double ltp, long cum, double atp, double dayOpen, double dayHigh, double dayLow) {
        return new Tick(SYM, OPEN + offsetMs, ltp, cum, atp, dayOpen, dayHigh, dayLow, 1092.4, 0, 0);
    }

    private static long minute(int n) {
        return OPEN + n * 60_000L;
    }

    @Test
    void aFirstTickBeforeNineSixteenOwnsEverythingTradedSoFar() {
        List<Tick> ticks = List.of(
                tick(2_000, 1098.0, 50_000, 1096.0, 1094.0, 1101.0, 1090.0),
                tick(30_000, 1099.5, 60_000, 1096.5, 1094.0, 1101.0, 1090.0));

        Bar bar = MinuteBarFolder.fold(SYM, minute(0), ticks, null).bar();

        assertThat(bar.getOpen()).as("open = dayOpen").isEqualTo(1094.0);
        assertThat(bar.getHigh()).as("widened by dayHigh").isEqualTo(1101.0);
        assertThat(bar.getLow()).as("widened by dayLow").isEqualTo(1090.0);
        assertThat(bar.getClose()).isEqualTo(1099.5);
        assertThat(bar.getVolume()).as("baseline 0").isEqualTo(60_000);
        assertThat(bar.getVwap()).as("turnover since 0 over volume = atp").isCloseTo(1096.5, within(1e-9));
        assertThat(bar.getTickCount()).isEqualTo(2);
        assertThat(bar.getBarEnd()).isEqualTo(minute(1));
        assertThat(bar.getTimeframe()).isEqualTo(Timeframe.M1);
    }

    @Test
    void aFirstTickBeforeNineSixteenWithoutADayOpenOpensAtItsPrice() {
        Bar bar = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(59_999, 1098.0, 500, 1097, 0, 0, 0)), null).bar();
        assertThat(bar.getOpen()).isEqualTo(1098.0);
        assertThat(bar.getHigh()).isEqualTo(1098.0);
        assertThat(bar.getLow()).isEqualTo(1098.0);
        assertThat(bar.getVolume()).isEqualTo(500);
    }

    @Test
    void aFirstTickFromNineSixteenStartsFromItsOwnVolumeWithoutWidening() {
        List<Tick> ticks = List.of(
                tick(60_000, 1098.0, 1_000_000, 1096.0, 1094.0, 1105.0, 1085.0),
                tick(80_000, 1097.0, 1_004_000, 1096.01, 1094.0, 1105.0, 1085.0));

        Bar bar = MinuteBarFolder.fold(SYM, minute(1), ticks, null).bar();

        assertThat(bar.getOpen()).isEqualTo(1098.0);
        assertThat(bar.getHigh()).as("no widening from the day range seen at startup").isEqualTo(1098.0);
        assertThat(bar.getLow()).isEqualTo(1097.0);
        assertThat(bar.getVolume()).as("volume before the first observation is not invented").isEqualTo(4_000);
        double expectedVwap = (1096.01 * 1_004_000 - 1096.0 * 1_000_000) / 4_000;
        assertThat(bar.getVwap()).isCloseTo(expectedVwap, within(1e-6));
        assertThat(bar.getTickCount()).isEqualTo(2);
    }

    @Test
    void aNewDayHighOrLowBetweenTicksWidensTheBar() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0),
                List.of(tick(1_000, 100.0, 10, 100, 100, 101, 99)), null).after();
        List<Tick> ticks = List.of(
                tick(61_000, 100.5, 20, 100.1, 100, 101, 99),     // nothing new
                tick(62_000, 100.2, 30, 100.2, 100, 102.5, 99),   // a high of 102.5 traded in between
                tick(63_000, 100.1, 40, 100.2, 100, 102.5, 98.0), // and a low of 98
                tick(64_000, 100.0, 50, 100.2, 100, 102.0, 97.0));// dayHigh dropping is noise; low widens

        Bar bar = MinuteBarFolder.fold(SYM, minute(1), ticks, s).bar();

        assertThat(bar.getHigh()).isEqualTo(102.5);
        assertThat(bar.getLow()).isEqualTo(97.0);
        assertThat(bar.getOpen()).isEqualTo(100.5);
        assertThat(bar.getClose()).isEqualTo(100.0);
    }

    @Test
    void anUnknownDayLowOfZeroNeverWidens() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(1_000, 100.0, 10, 100, 100, 101, 99)), null).after();
        Bar bar = MinuteBarFolder.fold(SYM, minute(1), List.of(tick(61_000, 100.5, 20, 100.1, 100, 0, 0)), s).bar();
        assertThat(bar.getLow()).isEqualTo(100.5);
        assertThat(bar.getHigh()).isEqualTo(100.5);
    }

    @Test
    void theBaselineIsTheLastTickBeforeTheBar() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0),
                List.of(tick(1_000, 100.0, 1_000, 100.0, 100, 100, 100), tick(50_000, 100.4, 3_000, 100.2, 100, 100.4, 100)),
                null).after();
        Bar bar = MinuteBarFolder.fold(SYM, minute(1), List.of(tick(70_000, 100.6, 4_500, 100.3, 100, 100.6, 100)), s).bar();

        assertThat(bar.getVolume()).isEqualTo(1_500);
        assertThat(bar.getVwap()).isCloseTo((100.3 * 4_500 - 100.2 * 3_000) / 1_500, within(1e-9));
    }

    @Test
    void aBarWithoutVolumeHasItsCloseAsVwap() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(1_000, 100.0, 1_000, 100.0, 100, 100, 100)), null).after();
        Bar bar = MinuteBarFolder.fold(SYM, minute(1),
                List.of(tick(61_000, 100.05, 1_000, 100.0, 100, 100.05, 100), tick(62_000, 99.95, 1_000, 100.0, 100, 100.05, 99.95)), s).bar();
        assertThat(bar.getVolume()).isZero();
        assertThat(bar.getVwap()).isEqualTo(99.95);
    }

    @Test
    void aTickWhoseCumulativeVolumeWentBackIsSetAside() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(1_000, 100.0, 5_000, 100.0, 100, 100, 100)), null).after();
        Tick bad = tick(61_000, 150.0, 4_000, 100.0, 100, 150, 100);
        MinuteBarFolder.Result r = MinuteBarFolder.fold(SYM, minute(1), List.of(bad, tick(62_000, 100.1, 5_100, 100.0, 100, 100.1, 100)), s);

        assertThat(r.regressed()).containsExactly(bad);
        assertThat(r.bar().getHigh()).isEqualTo(100.1);
        assertThat(r.bar().getVolume()).isEqualTo(100);
        assertThat(r.bar().getTickCount()).isEqualTo(1);
    }

    @Test
    void yesterdaysStateDoesNotLeakIntoToday() {
        SessionState yesterday = MinuteBarFolder.fold(SYM, TradingCalendar.sessionOpen(DAY.minusDays(1)) + 300 * 60_000L,
                List.of(new Tick(SYM, TradingCalendar.sessionOpen(DAY.minusDays(1)) + 300 * 60_000L + 5, 90, 9_000_000, 91, 92, 93, 89, 88, 0, 0)),
                null).after();

        Bar bar = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(3_000, 100.0, 2_000, 100.0, 99, 101, 98)), yesterday).bar();

        assertThat(bar.getVolume()).as("a fresh day, first tick at the open").isEqualTo(2_000);
        assertThat(bar.getOpen()).isEqualTo(99);
    }

    @Test
    void theInputStateIsNeverChanged() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(1_000, 100.0, 1_000, 100.0, 100, 100, 100)), null).after();
        String before = s.toString();
        MinuteBarFolder.fold(SYM, minute(1), List.of(tick(61_000, 101, 2_000, 100.5, 100, 101, 100)), s);
        assertThat(s).hasToString(before);
    }

    @Test
    void gapFillingCarriesTheLastCloseFlat() {
        SessionState s = MinuteBarFolder.fold(SYM, minute(0), List.of(tick(1_000, 100.25, 1_000, 100.0, 100, 100.25, 100)), null).after();

        Bar flat = MinuteBarFolder.flatBar(SYM, minute(3), s);

        assertThat(flat).isEqualTo(new Bar(SYM, Timeframe.M1, minute(3), minute(4), 100.25, 100.25, 100.25, 100.25, 100.25, 0, 0, 0, false));
        assertThat(MinuteBarFolder.flatBar(SYM, minute(3), null)).as("nothing before the first tick").isNull();
        assertThat(MinuteBarFolder.flatBar(SYM, TradingCalendar.sessionOpen(DAY.plusDays(1)), s)).as("not across days").isNull();
    }
}
