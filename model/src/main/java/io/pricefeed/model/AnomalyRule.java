package io.pricefeed.model;

/** The anomaly rules of DESIGN.md §6. */
public enum AnomalyRule {
    /** |ltp - prevClose| / prevClose crosses a band, once per band and direction per day. */
    PRICE_MOVE,
    /** A 1m log return k standard deviations from the rolling mean of the last n returns. */
    RETURN_ZSCORE,
    /** A 1m volume r times the mean of the previous n bars and above a floor. */
    VOLUME_SURGE,
    /** The day's first bar opens x% away from the previous close. */
    GAP_OPEN
}
