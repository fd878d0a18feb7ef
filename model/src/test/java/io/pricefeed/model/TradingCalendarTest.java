package io.pricefeed.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TradingCalendarTest {
    private static final TradingCalendar CAL = TradingCalendar.nse();
    private static final LocalDate TUESDAY = LocalDate.of(2026, 3, 10);

    /** Epoch millis of an IST wall-clock time, computed independently with java.time zones. */
    private static long ist(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time)).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
    }

    @Test
    void weekendsAreNotTradingDays() {
        assertThat(CAL.isTradingDay(LocalDate.of(2026, 3, 7))).as("Saturday").isFalse();
        assertThat(CAL.isTradingDay(LocalDate.of(2026, 3, 8))).as("Sunday").isFalse();
        assertThat(CAL.isTradingDay(LocalDate.of(2026, 3, 9))).as("Monday").isTrue();
        assertThat(CAL.isTradingDay(TUESDAY)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"2026-01-15", "2026-01-26", "2026-03-03", "2026-04-03", "2026-10-02", "2026-11-24", "2026-12-25"})
    void holidaysOf2026AreClosed(LocalDate holiday) {
        assertThat(CAL.isHoliday(holiday)).isTrue();
        assertThat(CAL.isTradingDay(holiday)).isFalse();
        assertThat(CAL.isSessionTime(ist(holiday, "10:00"))).isFalse();
    }

    @Test
    void sessionEdgesAreHalfOpen() {
        assertThat(CAL.isSessionTime(ist(TUESDAY, "09:14:59.999"))).isFalse();
        assertThat(CAL.isSessionTime(ist(TUESDAY, "09:15"))).isTrue();
        assertThat(CAL.isSessionTime(ist(TUESDAY, "15:29:59.999"))).isTrue();
        assertThat(CAL.isSessionTime(ist(TUESDAY, "15:30"))).isFalse();
        assertThat(CAL.isSessionTime(ist(LocalDate.of(2026, 3, 7), "10:00"))).as("Saturday").isFalse();
    }

    @Test
    void sessionBoundsAreIstWallClock() {
        assertThat(TradingCalendar.sessionOpen(TUESDAY)).isEqualTo(ist(TUESDAY, "09:15"));
        assertThat(TradingCalendar.sessionClose(TUESDAY)).isEqualTo(ist(TUESDAY, "15:30"));
        // The design's example: 1773114300 s = 10-Mar-2026 09:15 IST.
        assertThat(TradingCalendar.sessionOpen(TUESDAY)).isEqualTo(1_773_114_300_000L);
    }

    @Test
    void tradeDateChangesAtIstMidnightNotUtcMidnight() {
        long istMidnight = ist(TUESDAY, "00:00");
        assertThat(TradingCalendar.tradeDate(istMidnight - 1)).isEqualTo(TUESDAY.minusDays(1));
        assertThat(TradingCalendar.tradeDate(istMidnight)).isEqualTo(TUESDAY);
        assertThat(TradingCalendar.tradeDate(ist(TUESDAY, "23:59:59.999"))).isEqualTo(TUESDAY);
    }

    @ParameterizedTest(name = "{0} at {1} -> [{2}, {3})")
    @CsvSource({
        "1m,  09:15:00,     09:15, 09:16",
        "1m,  09:15:59.999, 09:15, 09:16",
        "1m,  15:29:30,     15:29, 15:30",
        "5m,  09:19:59.999, 09:15, 09:20",
        "5m,  09:20:00,     09:20, 09:25",
        "5m,  15:27:00,     15:25, 15:30",
        "15m, 09:29:59.999, 09:15, 09:30",
        "15m, 09:44:00,     09:30, 09:45",
        "15m, 15:15:00,     15:15, 15:30",
        "1h,  09:15:00,     09:15, 10:15",
        "1h,  10:14:59.999, 09:15, 10:15",
        "1h,  10:15:00,     10:15, 11:15",
        "1h,  14:59:00,     14:15, 15:15",
        "1h,  15:15:00,     15:15, 15:30",
        "1h,  15:29:59.999, 15:15, 15:30",
        "1d,  09:15:00,     09:15, 15:30",
        "1d,  15:29:59.999, 09:15, 15:30",
    })
    void bucketsAreAlignedToTheSessionOpen(String tf, String at, String start, String end) {
        Timeframe timeframe = Timeframe.parse(tf);
        Bucket bucket = CAL.bucket(timeframe, ist(TUESDAY, at));
        assertThat(bucket).isEqualTo(new Bucket(ist(TUESDAY, start), ist(TUESDAY, end)));
    }

    @ParameterizedTest
    @EnumSource(Timeframe.class)
    void bucketsTileTheWholeSessionWithoutGapsOrOverlaps(Timeframe tf) {
        List<Bucket> buckets = new ArrayList<>();
        for (long t = ist(TUESDAY, "09:15"); t < ist(TUESDAY, "15:30"); t += 1000) {
            Bucket b = CAL.bucket(tf, t);
            assertThat(b.contains(t)).isTrue();
            if (buckets.isEmpty() || !buckets.get(buckets.size() - 1).equals(b)) {
                buckets.add(b);
            }
        }
        assertThat(buckets).hasSize(TradingCalendar.barsPerSession(tf));
        assertThat(buckets.get(0).start()).isEqualTo(ist(TUESDAY, "09:15"));
        assertThat(buckets.get(buckets.size() - 1).end()).isEqualTo(ist(TUESDAY, "15:30"));
        for (int i = 1; i < buckets.size(); i++) {
            assertThat(buckets.get(i).start()).isEqualTo(buckets.get(i - 1).end());
        }
    }

    @Test
    void barsPerSessionMatchTheDesign() {
        assertThat(TradingCalendar.barsPerSession(Timeframe.M1)).isEqualTo(375);
        assertThat(TradingCalendar.barsPerSession(Timeframe.M5)).isEqualTo(75);
        assertThat(TradingCalendar.barsPerSession(Timeframe.M15)).isEqualTo(25);
        assertThat(TradingCalendar.barsPerSession(Timeframe.H1)).isEqualTo(7);
        assertThat(TradingCalendar.barsPerSession(Timeframe.D1)).isEqualTo(1);
    }

    @Test
    void aNonSessionInstantHasNoBucket() {
        assertThatThrownBy(() -> CAL.bucketStart(Timeframe.M1, ist(TUESDAY, "15:30")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a session time")
                .hasMessageContaining("2026-03-10 15:30:00.000 IST");
        assertThatThrownBy(() -> CAL.bucket(Timeframe.D1, ist(LocalDate.of(2026, 1, 26), "10:00")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextAndPreviousTradingDaysSkipWeekendsAndHolidays() {
        // Fri 23-Jan-2026 -> (weekend, Republic Day Mon 26-Jan) -> Tue 27-Jan.
        assertThat(CAL.nextTradingDay(LocalDate.of(2026, 1, 23))).isEqualTo(LocalDate.of(2026, 1, 27));
        assertThat(CAL.previousTradingDay(LocalDate.of(2026, 1, 27))).isEqualTo(LocalDate.of(2026, 1, 23));
        assertThat(CAL.tradingDays(LocalDate.of(2026, 1, 23), LocalDate.of(2026, 1, 27)))
                .containsExactly(LocalDate.of(2026, 1, 23), LocalDate.of(2026, 1, 27));
    }

    @Test
    void holidaysForOtherYearsLoadFromAFile() throws Exception {
        String file = "# comment\n\n2031-01-27,Republic Day (observed)\n2031-12-25\n";
        TradingCalendar custom = TradingCalendar.load(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "test.csv");
        assertThat(custom.coversYear(2031)).isTrue();
        assertThat(custom.coversYear(2026)).isFalse();
        assertThat(custom.isTradingDay(LocalDate.of(2031, 1, 27))).isFalse();
        assertThat(custom.isTradingDay(LocalDate.of(2031, 12, 25))).isFalse();
        assertThat(custom.isTradingDay(LocalDate.of(2031, 12, 24))).isTrue();
        assertThat(CAL.coveredYears()).contains(2025, 2026);
    }

    @Test
    void aBadHolidayLineNamesItsLine() {
        String file = "2031-01-27,ok\n27/01/2031,bad\n";
        assertThatThrownBy(() -> TradingCalendar.load(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "holidays.csv"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holidays.csv line 2")
                .hasMessageContaining("27/01/2031");
    }
}
