package io.pricefeed.flink.anomaly;

import java.io.Serializable;

/**
 * Everything the anomaly rules remember about one symbol: one value for the keyed state of the
 * anomaly operator ({@code ValueState<AnomalyState>}). A Flink POJO made of Flink POJOs (public
 * no-arg constructors, a getter and a setter per field, primitive arrays only), so Flink's
 * {@code PojoSerializer} handles it and its schema can evolve; also {@link Serializable}.
 *
 * <p>Size: two ring buffers (zscoreWindow + surgeWindow doubles, 50 by default) plus a few fields:
 * well under 1 KB per symbol.
 */
public class AnomalyState implements Serializable {
    private static final long serialVersionUID = 1L;

    private PriceMoveState priceMove = new PriceMoveState();
    private GapOpenState gapOpen = new GapOpenState();
    private ReturnZScoreState returnZScore = new ReturnZScoreState();
    private VolumeSurgeState volumeSurge = new VolumeSurgeState();
    /** Start of the last final 1m bar taken; a bar at or before it is a duplicate or out of order. */
    private long lastBarStart = Long.MIN_VALUE;

    public AnomalyState() {
    }

    public PriceMoveState getPriceMove() {
        return priceMove;
    }

    public void setPriceMove(PriceMoveState priceMove) {
        this.priceMove = priceMove == null ? new PriceMoveState() : priceMove;
    }

    public GapOpenState getGapOpen() {
        return gapOpen;
    }

    public void setGapOpen(GapOpenState gapOpen) {
        this.gapOpen = gapOpen == null ? new GapOpenState() : gapOpen;
    }

    public ReturnZScoreState getReturnZScore() {
        return returnZScore;
    }

    public void setReturnZScore(ReturnZScoreState returnZScore) {
        this.returnZScore = returnZScore == null ? new ReturnZScoreState() : returnZScore;
    }

    public VolumeSurgeState getVolumeSurge() {
        return volumeSurge;
    }

    public void setVolumeSurge(VolumeSurgeState volumeSurge) {
        this.volumeSurge = volumeSurge == null ? new VolumeSurgeState() : volumeSurge;
    }

    public long getLastBarStart() {
        return lastBarStart;
    }

    public void setLastBarStart(long lastBarStart) {
        this.lastBarStart = lastBarStart;
    }

    @Override
    public String toString() {
        return "AnomalyState{" + priceMove + ' ' + gapOpen + ' ' + returnZScore + ' ' + volumeSurge
                + " lastBarStart=" + lastBarStart + '}';
    }
}
