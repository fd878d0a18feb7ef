package io.pricefeed.producer;

import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.sim.SimClock;
import java.time.Duration;

/**
 * fyers-sim's clock as the producer's time, shared the way a composition root shares it (the
 * producer's main code knows nothing of the simulator): accelerated clocks are paced, stepped
 * ones polled.
 */
public final class SimPacedClock {
    private SimPacedClock() {
    }

    public static PacedClock of(SimClock sim) {
        return sim.isStepped() ? PacedClock.polling(sim.asClock(), Duration.ofMillis(2))
                : PacedClock.scaled(sim.asClock(), sim.speed());
    }
}
