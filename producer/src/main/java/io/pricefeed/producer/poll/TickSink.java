package io.pricefeed.producer.poll;

import io.pricefeed.model.Tick;

/** Where the poller hands ticks; the producer's is the Kinesis publisher. */
@FunctionalInterface
public interface TickSink {
    /**
     * Accepts a tick, blocking while the sink is full: that is the backpressure that slows polling
     * rather than dropping ticks.
     */
    void accept(Tick tick) throws InterruptedException;
}
