package io.pricefeed.producer.poll;

import io.pricefeed.model.TradingCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;

/**
 * When the producer polls and when it heartbeats, from the NSE calendar alone (DESIGN.md §3,
 * FYERS_API.md §6): quotes are polled during the session, [09:15, 15:30) IST of a trading day;
 * heartbeats go out from the open until {@code heartbeatAfterClose} past the close, so the job's
 * watermark passes the last bar. Market status from Fyers confirms the session on top of this
 * ({@link QuotePoller}); nothing here makes a call. Pure and thread-safe.
 */
public final class MarketSchedule {
    public static final Duration DEFAULT_HEARTBEAT_AFTER_CLOSE = Duration.ofMinutes(5);

    private final TradingCalendar calendar;
    private final long heartbeatAfterCloseMs;

    public MarketSchedule(TradingCalendar calendar, Duration heartbeatAfterClose) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        if (heartbeatAfterClose.isNegative()) {
            throw new IllegalArgumentException("heartbeatAfterClose must not be negative, was " + heartbeatAfterClose);
        }
        this.heartbeatAfterCloseMs = heartbeatAfterClose.toMillis();
    }

    public TradingCalendar calendar() {
        return calendar;
    }

    /** In [09:15, 15:30) IST of a trading day. */
    public boolean isPollingTime(long epochMillis) {
        return calendar.isSessionTime(epochMillis);
    }

    /** In [09:15, 15:30 + heartbeatAfterClose) IST of a trading day. */
    public boolean isHeartbeatTime(long epochMillis) {
        LocalDate day = TradingCalendar.tradeDate(epochMillis);
        return calendar.isTradingDay(day) && epochMillis >= TradingCalendar.sessionOpen(day)
                && epochMillis < TradingCalendar.sessionClose(day) + heartbeatAfterCloseMs;
    }

    /** The next session open at or after {@code epochMillis} (now, when the session is on). */
    public long nextPollingStart(long epochMillis) {
        if (isPollingTime(epochMillis)) {
            return epochMillis;
        }
        LocalDate day = TradingCalendar.tradeDate(epochMillis);
        if (calendar.isTradingDay(day) && epochMillis < TradingCalendar.sessionOpen(day)) {
            return TradingCalendar.sessionOpen(day);
        }
        return TradingCalendar.sessionOpen(calendar.nextTradingDay(day));
    }

    /** The end of the session that contains {@code epochMillis}. */
    public long pollingEnd(long epochMillis) {
        return TradingCalendar.sessionClose(TradingCalendar.tradeDate(epochMillis));
    }

    /** The next instant at or after {@code epochMillis} at which heartbeats are due (now, when they are). */
    public long nextHeartbeatStart(long epochMillis) {
        if (isHeartbeatTime(epochMillis)) {
            return epochMillis;
        }
        LocalDate day = TradingCalendar.tradeDate(epochMillis);
        if (calendar.isTradingDay(day) && epochMillis < TradingCalendar.sessionOpen(day)) {
            return TradingCalendar.sessionOpen(day);
        }
        return TradingCalendar.sessionOpen(calendar.nextTradingDay(day));
    }
}
