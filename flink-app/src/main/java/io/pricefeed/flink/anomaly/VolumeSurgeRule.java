package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * VOLUME_SURGE (DESIGN.md §6): a final 1m bar's volume is {@code r} times the mean volume of the
 * previous {@code n} bars or more, and at least {@code surgeMinVolume}.
 *
 * <p><b>The day's first bar is never judged and never enters the window</b>, whichever way the
 * day started (the bar carries no flag for it, and none is needed: the first bar this rule sees on
 * a trade date is the folder's first bar of that date, because bars come in order):
 * <ul>
 *   <li>producer up at the open (first session tick before 09:16): MinuteBarFolder puts the
 *       baseline at 0, so the 09:15 bar holds the whole day so far, including the pre-open call
 *       auction. That volume is inflated by construction: judged, it is a daily false surge;
 *       in the window, it lifts the mean for the next n bars and hides real surges;</li>
 *   <li>observation started mid-session: the baseline is the first tick's own cumulative volume,
 *       so the bar is not inflated but partial (only what traded after the first observation in
 *       that minute). It would pull the mean down and make ordinary bars look like surges.</li>
 * </ul>
 * Either way it is not a comparable minute. The 09:16 bar is the first judged one.
 *
 * <ul>
 *   <li><b>Flat gap-filled bars are skipped</b> (tickCount 0, volume 0): "the previous n bars" are the
 *       traded ones, as when {@code bars.fillGaps} is off, so a stock's quiet minutes do not drag
 *       the mean to nothing and make any trade a surge. A traded bar with volume 0 is a real
 *       observation and counts.</li>
 *   <li><b>Warm-up</b>: no verdict until the window holds n volumes. The window carries over
 *       days (yesterday's last bars are the best reference for this morning's second bar).</li>
 *   <li>A window whose mean is 0 has no scale: no verdict (no infinite ratio).</li>
 *   <li>Reaching counts: volume = r x mean fires, volume = surgeMinVolume passes the floor.</li>
 *   <li>The judged bar enters the window after its verdict, surge or not.</li>
 * </ul>
 *
 * <p>Anomaly: {@code value} = volume / mean, {@code threshold} = r, {@code ts} = bar end; id = hash
 * of symbol, rule and the bar start. Severity by multiple of r: LOW, MEDIUM from 1.5r, HIGH from
 * 2r. Context: {@code volume}, {@code meanVolume}, {@code window}, {@code minVolume}, {@code price}.
 */
public final class VolumeSurgeRule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final double r;
    private final int n;
    private final double minVolume;

    public VolumeSurgeRule(AnomalyThresholds thresholds) {
        this.r = thresholds.surgeRatio();
        this.n = thresholds.surgeWindow();
        this.minVolume = thresholds.surgeMinVolume();
    }

    /** The verdict on a final 1m bar; bars must come in bar-start order. Updates {@code state}. */
    public Optional<Anomaly> onFinalMinuteBar(Bar bar, VolumeSurgeState state) {
        if (bar.getTickCount() == 0) {
            return Optional.empty();
        }
        long day = RuleSupport.epochDay(bar.getBarStart());
        if (day != state.getLastEpochDay()) {
            state.setLastEpochDay(day);
            return Optional.empty(); // the day's first bar: inflated (open seen) or partial (mid-session start)
        }
        double volume = bar.getVolume();
        RollingWindow window = state.getVolumes();
        window.resize(n);
        Optional<Anomaly> verdict = Optional.empty();
        if (window.full()) {
            double mean = window.mean();
            if (mean > 0) {
                double ratio = volume / mean;
                if (RuleSupport.reaches(ratio, r) && RuleSupport.reaches(volume, minVolume)) {
                    verdict = Optional.of(anomaly(bar, mean, ratio));
                }
            }
        }
        window.add(volume);
        return verdict;
    }

    private Anomaly anomaly(Bar bar, double mean, double ratio) {
        String message = RuleSupport.fmt("%s 1m volume %,d is %.1fx the average of the last %d bars (%,.0f)",
                RuleSupport.shortName(bar.getSymbol()), bar.getVolume(), ratio, n, mean);
        Map<String, Double> context = new LinkedHashMap<>();
        context.put("volume", (double) bar.getVolume());
        context.put("meanVolume", mean);
        context.put("window", (double) n);
        context.put("minVolume", minVolume);
        context.put("price", bar.getClose());
        return RuleSupport.anomaly(bar.getSymbol(), AnomalyRule.VOLUME_SURGE, Long.toString(bar.getBarStart()),
                RuleSupport.byMultiple(ratio, r), bar.getBarEnd(), bar.getBarStart(), ratio, r, message, context);
    }
}
