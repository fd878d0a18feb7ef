package io.pricefeed.bench.latency;

/** A symbol's (by its index in the {@link RunPlan}) 1m bar, by its start. */
record BarKey(int symbol, long barStart) {
}
