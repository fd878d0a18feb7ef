package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * GAP_OPEN (DESIGN.md §6): the day's first bar opens {@code gapOpenPct} or more away from the
 * previous close, up or down. Judged once per IST trade date.
 *
 * <ul>
 *   <li><b>Only the 09:15 bar is judged.</b> The day's first 1m bar starts at 09:15 exactly when
 *       the producer saw the open (first session tick before 09:16, DESIGN.md §4), and then its
 *       open is the exchange's {@code dayOpen}. When observation started mid-session the first bar
 *       opens at whatever the price was then: that is an intraday move (PRICE_MOVE covers it), not
 *       a gap, and an hours-late "gap open" alert would mislead; so no verdict that day.</li>
 *   <li><b>Previous close from ticks.</b> A bar has no {@code prevClose}; {@link #onTick} keeps
 *       the latest positive one of today's <em>session</em> ticks (the opening bar's own ticks
 *       arrive before the bar is final). Pre-open quotes are not used: before 09:00 Fyers may
 *       still show yesterday's snapshot, whose {@code prevClose} is a day older. No previous
 *       close known for the bar's date: no verdict.</li>
 *   <li>Reaching counts (exactly 3 % fires, with a 1e-9 relative slack); a flat gap-filled bar
 *       (tickCount 0) is never an opening bar.</li>
 * </ul>
 *
 * <p>Anomaly: {@code value} = signed gap in percent, {@code threshold} = gapOpenPct, {@code ts} =
 * bar end, {@code barStart} = 09:15; id = hash of symbol, rule and the bar start. Severity by the
 * multiple of the threshold: LOW, MEDIUM from 1.5x, HIGH from 2x (defaults: 3 / 4.5 / 6 %).
 * Context: {@code price} (the open), {@code prevClose}, {@code gapPct}.
 */
public final class GapOpenRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double gapOpenPct;
    private final TradingCalendar calendar;

    public GapOpenRule(AnomalyThresholds thresholds, TradingCalendar calendar) {
        this.gapOpenPct = thresholds.gapOpenPct();
        this.calendar = calendar;
    }

    /** Remembers the previous close a session tick reports for its trade date. */
    public void onTick(Tick tick, GapOpenState state) {
        double prevClose = tick.getPrevClose();
        if (!calendar.isSessionTime(tick.getTs()) || !RuleSupport.isPositivePrice(prevClose)) {
            return;
        }
        long day = RuleSupport.epochDay(tick.getTs());
        if (day < state.getPrevCloseEpochDay()) {
            return;
        }
        state.setPrevClose(prevClose);
        state.setPrevCloseEpochDay(day);
    }

    /** The verdict on a final 1m bar: only the day's 09:15 bar can fire. */
    public Optional<Anomaly> onFinalMinuteBar(Bar bar, GapOpenState state) {
        long barStart = bar.getBarStart();
        LocalDate date = TradingCalendar.tradeDate(barStart);
        long day = date.toEpochDay();
        if (barStart != TradingCalendar.sessionOpen(date) || bar.getTickCount() == 0
                || state.getCheckedEpochDay() == day) {
            return Optional.empty();
        }
        state.setCheckedEpochDay(day);
        double prevClose = state.getPrevClose();
        double open = bar.getOpen();
        if (state.getPrevCloseEpochDay() != day || !RuleSupport.isPositivePrice(prevClose)
                || !RuleSupport.isPositivePrice(open)) {
            return Optional.empty();
        }
        double gapPct = (open - prevClose) / prevClose * 100.0;
        if (!RuleSupport.reaches(Math.abs(gapPct), gapOpenPct)) {
            return Optional.empty();
        }
        String message = RuleSupport.fmt("%s gapped %s %.2f%% at the open: %.2f vs previous close %.2f",
                RuleSupport.shortName(bar.getSymbol()), gapPct > 0 ? "up" : "down", Math.abs(gapPct), open, prevClose);
        Map<String, Double> context = new LinkedHashMap<>();
        context.put("price", open);
        context.put("prevClose", prevClose);
        context.put("gapPct", gapPct);
        return Optional.of(RuleSupport.anomaly(bar.getSymbol(), AnomalyRule.GAP_OPEN, Long.toString(barStart),
                RuleSupport.byMultiple(Math.abs(gapPct), gapOpenPct), bar.getBarEnd(), barStart, gapPct, gapOpenPct,
                message, context));
    }
}
