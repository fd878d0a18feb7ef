package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PRICE_MOVE (DESIGN.md §6): the change of {@code ltp} from {@code prevClose}, in percent, reaches
 * a band; each band fires once per direction per IST trade date.
 *
 * <ul>
 *   <li><b>Session ticks only</b> ([09:15, 15:30) IST on a trading day, as for bars); a tick
 *       without a positive {@code prevClose} (Fyers sends 0 when it does not know) has no verdict.</li>
 *   <li><b>Reaching counts</b>: exactly +5.00 % fires the 5 % band (with a 1e-9 relative slack for
 *       binary rounding), 4.99 % does not.</li>
 *   <li><b>Every band crossed fires, each once</b>: a tick that jumps straight to +7.6 % fires 5 %
 *       and then 7.5 % (ascending), because an alert per band is what a subscriber to "7.5 %"
 *       expects and the 5 % alert would otherwise never come that day. Up and down are separate:
 *       +5 % in the morning and -5 % in the afternoon are two alerts.</li>
 *   <li><b>No re-arming</b> within the day: falling back under a band and crossing it again is
 *       silent. A new trade date clears the memory; a straggler tick of an earlier date than the
 *       state's is ignored.</li>
 *   <li>When observation starts mid-session (producer restart) the first tick may already be past
 *       a band: it fires then, which is true ("up 6 % vs previous close"); the id is the same as
 *       an earlier firing that day, so the alert de-duplication drops a repeat.</li>
 * </ul>
 *
 * <p>Anomaly: {@code value} = signed change in percent, {@code threshold} = the band,
 * {@code ts} = the tick's ts, {@code barStart} = the 1m bar the tick falls in; id = hash of symbol,
 * rule and {@code <trade date>|<band>|up|down} (e.g. {@code 2026-03-10|5.0|up}). Severity by the
 * band's rank from the top: the highest band HIGH, the next MEDIUM, any lower LOW (defaults: 5 %
 * LOW, 7.5 % MEDIUM, 10 % HIGH). Context: {@code price}, {@code prevClose}, {@code changePct},
 * {@code band}.
 */
public final class PriceMoveRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double[] bandsPct;
    private final TradingCalendar calendar;

    public PriceMoveRule(AnomalyThresholds thresholds, TradingCalendar calendar) {
        this.bandsPct = thresholds.bandsAscending();
        this.calendar = calendar;
    }

    /** The bands this tick crosses for the first time today, ascending; updates {@code state}. */
    public List<Anomaly> onTick(Tick tick, PriceMoveState state) {
        long ts = tick.getTs();
        double prevClose = tick.getPrevClose();
        double ltp = tick.getLtp();
        if (!calendar.isSessionTime(ts) || !RuleSupport.isPositivePrice(prevClose) || !RuleSupport.isPositivePrice(ltp)) {
            return Collections.emptyList();
        }
        long day = RuleSupport.epochDay(ts);
        if (day < state.getEpochDay()) {
            return Collections.emptyList();
        }
        if (day > state.getEpochDay()) {
            state.startDay(day);
        }
        double changePct = (ltp - prevClose) / prevClose * 100.0;
        boolean up = changePct > 0;
        double magnitude = Math.abs(changePct);
        List<Anomaly> out = Collections.emptyList();
        for (int i = 0; i < bandsPct.length; i++) {
            double band = bandsPct[i];
            if (!RuleSupport.reaches(magnitude, band)) {
                break;
            }
            if (state.hasFired(up, band)) {
                continue;
            }
            state.markFired(up, band);
            if (out.isEmpty()) {
                out = new ArrayList<>(2);
            }
            out.add(anomaly(tick, up, changePct, band, severity(i)));
        }
        return out;
    }

    private Severity severity(int bandIndex) {
        int fromTop = bandsPct.length - 1 - bandIndex;
        return fromTop == 0 ? Severity.HIGH : fromTop == 1 ? Severity.MEDIUM : Severity.LOW;
    }

    private Anomaly anomaly(Tick tick, boolean up, double changePct, double band, Severity severity) {
        String direction = up ? "up" : "down";
        String discriminator = TradingCalendar.tradeDate(tick.getTs()) + "|" + band + "|" + direction;
        String message = RuleSupport.fmt("%s %s %.2f%% vs previous close %.2f", RuleSupport.shortName(tick.getSymbol()),
                direction, Math.abs(changePct), tick.getPrevClose());
        Map<String, Double> context = new LinkedHashMap<>();
        context.put("price", tick.getLtp());
        context.put("prevClose", tick.getPrevClose());
        context.put("changePct", changePct);
        context.put("band", band);
        return RuleSupport.anomaly(tick.getSymbol(), AnomalyRule.PRICE_MOVE, discriminator, severity, tick.getTs(),
                calendar.bucketStart(Timeframe.M1, tick.getTs()), changePct, band, message, context);
    }
}
