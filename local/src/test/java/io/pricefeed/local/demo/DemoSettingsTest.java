package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pricefeed.model.TradingCalendar;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DemoSettingsTest {
    private static final TradingCalendar NSE = TradingCalendar.nse();

    private static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TradingCalendar.IST).toInstant();
    }

    private static DemoSettings settings(List<String> symbols, Instant start, double speed, Integer minutes) {
        return new DemoSettings(symbols, start, speed, minutes, Path.of("data"), false, false, 4568, 8000, 8080,
                DemoSettings.DEFAULT_TICK_SHARDS, 2, DemoSettings.DEFAULT_SEED);
    }

    private static DemoSettings settings(double speed, Integer minutes, Instant start) {
        return settings(List.of("NSE:SBIN-EQ"), start, speed, minutes);
    }

    private static DemoSettings atSpeed(double speed) {
        return settings(speed, null, ist("2026-03-10T09:14"));
    }

    // ---- the producer's pace ----------------------------------------------------------------

    @ParameterizedTest(name = "{0}x -> {1} calls per simulated minute")
    @CsvSource({
            "60, 10",   // 10 real calls a second = 600 a real minute = 10 per simulated minute at 60x
            "1, 200",   // 600 would be allowed in real time, but Fyers caps at 200 a minute
            "3, 200",   // exactly the cap
            "7, 85",    // floor(600 / 7)
            "599, 1",   // floor(600 / 599)
            "600, 1",   // the fastest speed: one call per simulated minute (10 a real second)
    })
    void callsPerSimulatedMinuteKeepToTenRealCallsASecondAndTheFyersCap(double speed, int calls) {
        assertThat(atSpeed(speed).callsPerSimulatedMinute()).isEqualTo(calls);
    }

    @ParameterizedTest(name = "{0}x -> heartbeat {1}")
    @CsvSource({"60, PT12S", "1, PT1S", "5, PT1S", "600, PT2M"})
    void heartbeatsAboutFiveTimesARealSecondButNotMoreOftenThanASimulatedSecond(double speed, Duration interval) {
        assertThat(atSpeed(speed).heartbeatInterval()).isEqualTo(interval);
    }

    // ---- the session's end ------------------------------------------------------------------

    @Test
    void endIsStartPlusTheGivenMinutes() {
        assertThat(settings(60, 20, ist("2026-03-10T09:14")).end()).isEqualTo(ist("2026-03-10T09:34"));
    }

    @Test
    void endWithoutMinutesIsTheCloseOfTheStartDayInIst() {
        assertThat(settings(60, null, ist("2026-03-10T09:14")).end()).isEqualTo(ist("2026-03-10T15:30"));
        // 04:00 IST is still the previous day in UTC (22:30Z): the close is the IST day's.
        Instant earlyMorning = ist("2026-03-10T04:00");
        assertThat(earlyMorning.atOffset(ZoneOffset.UTC).getDayOfMonth()).isEqualTo(9);
        assertThat(settings(60, null, earlyMorning).end()).isEqualTo(ist("2026-03-10T15:30"));
    }

    @Test
    void endWithoutMinutesAfterTheCloseRunsAnHour() {
        assertThat(settings(60, null, ist("2026-03-10T16:00")).end()).isEqualTo(ist("2026-03-10T17:00"));
    }

    // ---- the default start ------------------------------------------------------------------

    private static Instant defaultStartAt(Instant now) {
        // A UTC clock on purpose: the day must be taken in IST whatever the clock's zone.
        return DemoSettings.defaultStart(NSE, Clock.fixed(now, ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "now {0} IST -> start {1} IST")
    @CsvSource({
            "2026-03-10T10:00, 2026-03-09T09:14", // a Tuesday, in session: the Monday (today's ticks would be in the future)
            "2026-03-11T01:30, 2026-03-10T09:14", // Wednesday before the open (still 03-10 in UTC): taken in IST
            "2026-03-10T23:00, 2026-03-09T09:14", // after the close: still the day before
            "2026-03-08T12:00, 2026-03-06T09:14", // a Sunday: the Friday before
            "2026-03-04T11:00, 2026-03-02T09:14", // the day after Holi (a Tuesday holiday): the Monday
            "2026-04-04T11:00, 2026-04-02T09:14", // Saturday after Good Friday: Thursday
            "2026-01-03T11:00, 2026-01-02T09:14", // early January: previous trading day, same year
    })
    void defaultStartIsTheLastTradingDayBeforeToday(String now, String expected) {
        assertThat(defaultStartAt(ist(now))).isEqualTo(ist(expected));
    }

    @Test
    void defaultStartFallsBackToAFixedDayInAYearTheCalendarDoesNotCover() {
        assertThat(NSE.coversYear(2030)).isFalse();
        assertThat(defaultStartAt(ist("2030-06-11T10:00")))
                .isEqualTo(ist("2026-03-10T09:14"))
                .isEqualTo(DemoSettings.FALLBACK_DAY.atTime(DemoSettings.DEFAULT_START_TIME).atZone(TradingCalendar.IST).toInstant());
        // The fallback day is itself a trading day, so the simulated session has a market.
        assertThat(NSE.isTradingDay(DemoSettings.FALLBACK_DAY)).isTrue();
    }

    // ---- validation: each message names the flag --------------------------------------------

    @ParameterizedTest(name = "--speed {0}")
    @ValueSource(doubles = {0, 0.5, -60, 600.5, 601, Double.NaN, Double.POSITIVE_INFINITY})
    void speedOutOfRangeIsRefusedNamingTheFlag(double speed) {
        assertThatIllegalArgumentException().isThrownBy(() -> atSpeed(speed))
                .withMessageStartingWith("--speed must be between 1 and 600")
                .withMessageEndingWith("got " + speed);
    }

    @Test
    void speedAtTheBoundsIsAccepted() {
        assertThat(atSpeed(1).speed()).isEqualTo(1);
        assertThat(atSpeed(600).speed()).isEqualTo(600);
    }

    @ParameterizedTest(name = "--minutes {0}")
    @ValueSource(ints = {0, -5})
    void minutesBelowOneAreRefusedNamingTheFlag(int minutes) {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(60, minutes, ist("2026-03-10T09:14")))
                .withMessage("--minutes must be at least 1, got " + minutes);
    }

    @Test
    void noSymbolsIsRefusedNamingTheFlag() {
        assertThatIllegalArgumentException().isThrownBy(() -> settings(List.of(), ist("2026-03-10T09:14"), 60, null))
                .withMessage("--symbols: the demo needs at least one symbol");
    }

    @Test
    void symbolsAreCopiedSoTheCallerCannotChangeThem() {
        List<String> names = new java.util.ArrayList<>(List.of("NSE:SBIN-EQ"));
        DemoSettings s = settings(names, ist("2026-03-10T09:14"), 60, null);
        names.add("NSE:TCS-EQ");
        assertThat(s.symbols()).containsExactly("NSE:SBIN-EQ");
    }

    @Test
    void filesGoUnderTheDataDir() {
        DemoSettings s = atSpeed(60);
        assertThat(s.lakeDir()).isEqualTo(Path.of("data", "lake"));
        assertThat(s.mailDir()).isEqualTo(Path.of("data", "mail"));
        assertThat(s.logDir()).isEqualTo(Path.of("data", "logs"));
        assertThat(s.runDir()).isEqualTo(Path.of("data", "demo"));
    }
}
