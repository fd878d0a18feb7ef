package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * RETURN_ZSCORE (DESIGN.md §6): a final 1m bar's log return {@code ln(close / previous close)} is
 * {@code k} or more sample standard deviations from the mean of the previous {@code n} returns.
 *
 * <ul>
 *   <li><b>Against the previous n, not including itself</b>: an outlier must not widen the
 *       deviation it is measured with. The return is added to the window after the verdict.</li>
 *   <li><b>Warm-up</b>: no verdict until the window holds n returns (n + 1 bars of intraday history).</li>
 *   <li><b>Overnight returns are excluded.</b> The day's first bar against the previous day's last
 *       close measures the overnight gap (news, auction), not a 1m move: it would be a false
 *       z-score and, in the window, inflate the deviation for the next n bars. The first bar of a
 *       day only sets the reference close. The window itself carries over days, so there is no
 *       half-hour warm-up every morning.</li>
 *   <li><b>Flat gap-filled bars are skipped</b> (tickCount 0: {@code bars.fillGaps} invents them at
 *       the previous close with volume 0). A minute without ticks is no observation; its 0 return
 *       would shrink the deviation of a quiet stock until ordinary trades look like outliers. The
 *       next traded bar's return then spans the quiet minutes, exactly as when gap filling is off,
 *       so verdicts do not depend on {@code bars.fillGaps}.</li>
 *   <li><b>Zero deviation</b>: a window of identical returns (flat prices) has no scale; below
 *       {@value #MIN_STD_DEV} (far under any real 1m return deviation, far above rounding noise) there
 *       is no verdict rather than an infinite z-score. The return still enters the window.</li>
 *   <li>Reaching counts (|z| = k fires, with a 1e-9 relative slack).</li>
 * </ul>
 *
 * <p>Anomaly: {@code value} = signed z, {@code threshold} = k, {@code ts} = bar end; id = hash of
 * symbol, rule and the bar start. Severity by multiple of k: LOW, MEDIUM from 1.5k, HIGH from 2k.
 * Context: {@code price} (close), {@code prevBarClose}, {@code logReturn}, {@code mean},
 * {@code stdDev}, {@code window}.
 */
public final class ReturnZScoreRule implements Serializable {
    private static final long serialVersionUID = 1L;

    /** A window deviation below this is treated as zero. */
    public static final double MIN_STD_DEV = 1e-10;

    private final double k;
    private final int n;

    public ReturnZScoreRule(AnomalyThresholds thresholds) {
        this.k = thresholds.zscoreK();
        this.n = thresholds.zscoreWindow();
    }

    /** The verdict on a final 1m bar; bars must come in bar-start order. Updates {@code state}. */
    public Optional<Anomaly> onFinalMinuteBar(Bar bar, ReturnZScoreState state) {
        double close = bar.getClose();
        if (bar.getTickCount() == 0 || !RuleSupport.isPositivePrice(close)) {
            return Optional.empty();
        }
        long day = RuleSupport.epochDay(bar.getBarStart());
        double prevClose = state.getLastClose();
        state.setLastClose(close);
        if (day != state.getLastCloseEpochDay() || !RuleSupport.isPositivePrice(prevClose)) {
            state.setLastCloseEpochDay(day);
            return Optional.empty(); // the day's first bar: the overnight return is not a 1m return
        }
        double logReturn = Math.log(close / prevClose);
        RollingWindow window = state.getReturns();
        window.resize(n);
        Optional<Anomaly> verdict = Optional.empty();
        if (window.full()) {
            double mean = window.mean();
            double std = window.sampleStdDev();
            if (std >= MIN_STD_DEV) {
                double z = (logReturn - mean) / std;
                if (RuleSupport.reaches(Math.abs(z), k)) {
                    verdict = Optional.of(anomaly(bar, prevClose, logReturn, mean, std, z));
                }
            }
        }
        window.add(logReturn);
        return verdict;
    }

    private Anomaly anomaly(Bar bar, double prevClose, double logReturn, double mean, double std, double z) {
        double simplePct = (bar.getClose() / prevClose - 1) * 100.0;
        String message = RuleSupport.fmt("%s 1m return %+.2f%% (%.2f vs %.2f) is %.1f standard deviations %s the mean"
                        + " of the last %d returns", RuleSupport.shortName(bar.getSymbol()), simplePct, bar.getClose(),
                prevClose, Math.abs(z), z > 0 ? "above" : "below", n);
        Map<String, Double> context = new LinkedHashMap<>();
        context.put("price", bar.getClose());
        context.put("prevBarClose", prevClose);
        context.put("logReturn", logReturn);
        context.put("mean", mean);
        context.put("stdDev", std);
        context.put("window", (double) n);
        return RuleSupport.anomaly(bar.getSymbol(), AnomalyRule.RETURN_ZSCORE, Long.toString(bar.getBarStart()),
                RuleSupport.byMultiple(Math.abs(z), k), bar.getBarEnd(), bar.getBarStart(), z, k, message, context);
    }
}
