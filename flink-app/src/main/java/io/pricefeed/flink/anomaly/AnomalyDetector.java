package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The anomaly rules of DESIGN.md §6 for one symbol: feed it that symbol's ticks and final 1m bars
 * in arrival order, get the anomalies back. Plain Java; the keyed Flink operator keeps the
 * {@link AnomalyState} in keyed state and wraps it per element:
 *
 * <pre>{@code
 * AnomalyDetector detector = new AnomalyDetector(thresholds, calendar, stateValue.value()); // null: fresh
 * for (Anomaly a : detector.onTick(tick)) { out.collect(a); }      // or onFinalMinuteBar(bar)
 * stateValue.update(detector.state());
 * }</pre>
 *
 * <ul>
 *   <li>ticks: PRICE_MOVE; and the previous close GAP_OPEN needs (session ticks only);</li>
 *   <li>final 1m bars, in bar-start order (as MinuteBarFunction emits them): GAP_OPEN, then
 *       RETURN_ZSCORE, then VOLUME_SURGE: a fixed order, so the output is deterministic. A bar that
 *       starts at or before the last one taken is a duplicate or out of order and is ignored, so a
 *       redelivered bar never counts twice in a window.</li>
 * </ul>
 * Deterministic: no clock, no randomness; the same input gives the same anomalies with the same
 * ids, in a replay, after a restart from the state, or in another detector instance. The ticks of
 * the day's first bar should reach the detector before that bar (they do: a bar is final only
 * when the watermark has passed its end plus the allowed lateness); otherwise GAP_OPEN has no
 * previous close for it and gives no verdict.
 */
public final class AnomalyDetector {
    private final PriceMoveRule priceMove;
    private final GapOpenRule gapOpen;
    private final ReturnZScoreRule returnZScore;
    private final VolumeSurgeRule volumeSurge;
    private final AnomalyState state;

    /** A detector with fresh state. */
    public AnomalyDetector(AnomalyThresholds thresholds, TradingCalendar calendar) {
        this(thresholds, calendar, null);
    }

    /**
     * A detector over existing state, which it updates in place (null: fresh state).
     */
    public AnomalyDetector(AnomalyThresholds thresholds, TradingCalendar calendar, AnomalyState state) {
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(calendar, "calendar");
        this.priceMove = new PriceMoveRule(thresholds, calendar);
        this.gapOpen = new GapOpenRule(thresholds, calendar);
        this.returnZScore = new ReturnZScoreRule(thresholds);
        this.volumeSurge = new VolumeSurgeRule(thresholds);
        this.state = state == null ? new AnomalyState() : state;
    }

    /** PRICE_MOVE anomalies of one tick (ascending bands); non-session ticks are ignored. */
    public List<Anomaly> onTick(Tick tick) {
        Objects.requireNonNull(tick, "tick");
        gapOpen.onTick(tick, state.getGapOpen());
        return priceMove.onTick(tick, state.getPriceMove());
    }

    /**
     * GAP_OPEN, RETURN_ZSCORE and VOLUME_SURGE anomalies of one final 1m bar, in that order.
     *
     * @throws IllegalArgumentException for a bar that is not a final 1m bar (a wiring error)
     */
    public List<Anomaly> onFinalMinuteBar(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        if (bar.getTimeframe() != Timeframe.M1 || !bar.isFinalBar()) {
            throw new IllegalArgumentException("the anomaly rules take final 1m bars only, got " + bar);
        }
        if (bar.getBarStart() <= state.getLastBarStart()) {
            return Collections.emptyList();
        }
        state.setLastBarStart(bar.getBarStart());
        List<Anomaly> out = Collections.emptyList();
        out = add(out, gapOpen.onFinalMinuteBar(bar, state.getGapOpen()));
        out = add(out, returnZScore.onFinalMinuteBar(bar, state.getReturnZScore()));
        out = add(out, volumeSurge.onFinalMinuteBar(bar, state.getVolumeSurge()));
        return out;
    }

    /** The state this detector reads and updates, for the operator to store back. */
    public AnomalyState state() {
        return state;
    }

    private static List<Anomaly> add(List<Anomaly> out, Optional<Anomaly> verdict) {
        if (verdict.isEmpty()) {
            return out;
        }
        List<Anomaly> more = out.isEmpty() ? new ArrayList<>(3) : out;
        more.add(verdict.get());
        return more;
    }
}
