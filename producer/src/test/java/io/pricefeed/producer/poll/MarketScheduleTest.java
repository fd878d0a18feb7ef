package io.pricefeed.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.TradingCalendar;
import io.pricefeed.sim.SimClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketScheduleTest {
    /** 2026-03-10 is a Tuesday; 2026-03-03 (Holi) a holiday; 2026-03-14/15 a weekend. */
    private final MarketSchedule schedule = new MarketSchedule(TradingCalendar.nse(), Duration.ofMinutes(5));

    private static long ist(String t) {
        return SimClock.ist(t).toEpochMilli();
    }

    @Test
    void pollsOnlyInTheSessionOfATradingDay() {
        assertThat(schedule.isPollingTime(ist("2026-03-10T09:14:59.999"))).isFalse();
        assertThat(schedule.isPollingTime(ist("2026-03-10T09:15"))).isTrue();
        assertThat(schedule.isPollingTime(ist("2026-03-10T15:29:59.999"))).isTrue();
        assertThat(schedule.isPollingTime(ist("2026-03-10T15:30"))).isFalse();
        assertThat(schedule.isPollingTime(ist("2026-03-10T02:00"))).as("night").isFalse();
        assertThat(schedule.isPollingTime(ist("2026-03-14T11:00"))).as("Saturday").isFalse();
        assertThat(schedule.isPollingTime(ist("2026-03-15T11:00"))).as("Sunday").isFalse();
        assertThat(schedule.isPollingTime(ist("2026-03-03T11:00"))).as("Holi").isFalse();
    }

    @Test
    void heartbeatsRunFromTheOpenUntilFiveMinutesAfterTheClose() {
        assertThat(schedule.isHeartbeatTime(ist("2026-03-10T09:14:59"))).isFalse();
        assertThat(schedule.isHeartbeatTime(ist("2026-03-10T09:15"))).isTrue();
        assertThat(schedule.isHeartbeatTime(ist("2026-03-10T15:34:59.999"))).isTrue();
        assertThat(schedule.isHeartbeatTime(ist("2026-03-10T15:35"))).isFalse();
        assertThat(schedule.isHeartbeatTime(ist("2026-03-14T15:32"))).as("Saturday").isFalse();
        assertThat(schedule.isHeartbeatTime(ist("2026-03-03T15:32"))).as("Holi").isFalse();
    }

    @Test
    void theNextSessionSkipsNightsWeekendsAndHolidays() {
        assertThat(schedule.nextPollingStart(ist("2026-03-10T06:00"))).isEqualTo(ist("2026-03-10T09:15"));
        assertThat(schedule.nextPollingStart(ist("2026-03-10T11:00"))).as("now, in the session").isEqualTo(ist("2026-03-10T11:00"));
        assertThat(schedule.nextPollingStart(ist("2026-03-10T15:30"))).isEqualTo(ist("2026-03-11T09:15"));
        assertThat(schedule.nextPollingStart(ist("2026-03-13T16:00"))).as("Friday evening").isEqualTo(ist("2026-03-16T09:15"));
        assertThat(schedule.nextPollingStart(ist("2026-03-02T20:00"))).as("the eve of Holi").isEqualTo(ist("2026-03-04T09:15"));
        assertThat(schedule.nextHeartbeatStart(ist("2026-03-10T15:33"))).isEqualTo(ist("2026-03-10T15:33"));
        assertThat(schedule.nextHeartbeatStart(ist("2026-03-10T15:35"))).isEqualTo(ist("2026-03-11T09:15"));
        assertThat(schedule.pollingEnd(ist("2026-03-10T11:00"))).isEqualTo(ist("2026-03-10T15:30"));
    }

    @Test
    void aCalendarWithAnExtraHolidayIsFollowed() {
        MarketSchedule s = new MarketSchedule(TradingCalendar.withHolidays(List.of(LocalDate.of(2026, 3, 10))), Duration.ZERO);
        assertThat(s.isPollingTime(ist("2026-03-10T11:00"))).isFalse();
        assertThat(s.nextPollingStart(ist("2026-03-10T11:00"))).isEqualTo(ist("2026-03-11T09:15"));
        assertThat(s.isHeartbeatTime(ist("2026-03-11T15:30"))).as("no tail when heartbeatAfterClose is 0").isFalse();
    }
}
