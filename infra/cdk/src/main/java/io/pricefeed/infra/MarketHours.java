package io.pricefeed.infra;

import java.time.Instant;
import java.time.LocalTime;

import io.pricefeed.model.TradingCalendar;

/**
 * When the pipeline runs: every schedule and the "no ticks" alarm derive from these times, all
 * in Asia/Kolkata, so the compute only costs money around the NSE session (09:15-15:30 IST).
 *
 * <p>The schedules fire on every weekday. NSE holidays are not excluded: EventBridge Scheduler
 * and Application Auto Scaling cron expressions cannot skip a list of dates, and a holiday costs
 * one idle session (the producer's own trading calendar keeps it from polling); see the README.
 */
final class MarketHours {

    static final String TIME_ZONE = TradingCalendar.IST.getId();
    /** Cron day-of-week field for Monday to Friday (both cron dialects used here accept it). */
    static final String WEEKDAYS = "MON-FRI";

    /**
     * The job starts first: Managed Flink takes a few minutes to start (longer when restoring a
     * snapshot), and it must be consuming before the session opens at 09:15. It does not lose the
     * producer's pre-open ticks either way: they wait in the stream.
     */
    static final LocalTime JOB_START = LocalTime.of(8, 55);
    /** The producer starts at the pre-open, so the first session tick is seen at 09:15 sharp. */
    static final LocalTime PRODUCER_START = LocalTime.of(9, 0);
    /**
     * Both stop after 15:40: the producer heartbeats until 5 minutes after the close (DESIGN.md
     * section 3), which lets the watermark pass 15:30 plus the allowed lateness and every bar of
     * the day close and commit before the job takes its stop snapshot.
     */
    static final LocalTime PRODUCER_STOP = LocalTime.of(15, 45);
    static final LocalTime JOB_STOP = LocalTime.of(15, 45);

    static final LocalTime SESSION_OPEN = TradingCalendar.SESSION_OPEN;
    static final LocalTime SESSION_CLOSE = TradingCalendar.SESSION_CLOSE;

    private MarketHours() {
    }

    /** Minutes after midnight UTC of an IST wall-clock time (IST has a fixed offset, no daylight saving). */
    static int utcMinuteOfDay(LocalTime ist) {
        int offsetMinutes = TradingCalendar.IST.getRules().getOffset(Instant.EPOCH).getTotalSeconds() / 60;
        return Math.floorMod(ist.getHour() * 60 + ist.getMinute() - offsetMinutes, 24 * 60);
    }

    /** An EventBridge Scheduler cron expression firing at {@code time} on weekdays. */
    static String weekdayCron(LocalTime time) {
        return "cron(" + time.getMinute() + " " + time.getHour() + " ? * " + WEEKDAYS + " *)";
    }
}
