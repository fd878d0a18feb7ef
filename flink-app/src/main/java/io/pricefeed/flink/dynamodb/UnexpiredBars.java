package io.pricefeed.flink.dynamodb;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.Bar;
import org.apache.flink.api.common.functions.FilterFunction;

/**
 * The final bars whose DynamoDB TTL has not passed at a given instant ({@link BarItem#outlives},
 * the table's own rule, as a Flink filter).
 * A backfill of old history writes only these: an item whose {@code expiresAt} is already past
 * would be deleted by DynamoDB within days (and a year of 1m history is millions of such items);
 * the lake keeps every bar. Forming rollups are left out: history is complete, and a {@code #live}
 * item for a past day would be a forming bar that never forms.
 */
public final class UnexpiredBars implements FilterFunction<Bar> {
    private static final long serialVersionUID = 1L;

    private final long nowMillis;

    public UnexpiredBars(long nowMillis) {
        this.nowMillis = nowMillis;
    }

    @Override
    public boolean filter(Bar bar) {
        return BarItem.outlives(bar, nowMillis);
    }
}
