package io.pricefeed.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.RateLimits;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request budget at its limit against fyers-sim's Fyers limits (10/s, 200/min, rolling, on the
 * shared accelerated clock): 200 symbols want 240 calls a minute, the budget allows 194, and the sim
 * must never refuse one.
 */
class QuotePollerBudgetITCase {
    @Test
    void pollingAtTheFullBudgetNeverMeetsA429(@TempDir Path dir) {
        SimClock clock = SimClock.accelerated(SimClock.ist("2026-03-10T10:00"), 20);
        SymbolUniverse universe = SymbolUniverse.synthetic(200, 21);
        FyersSim.Builder sim = FyersSim.builder().seed(21).symbols(universe).rateLimits(RateLimits.FYERS).recordServedQuotes();
        try (PollerRig rig = new PollerRig(sim, clock, universe.names(), dir, TradingCalendar.nse(), 2, RequestBudget.builder()).start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> rig.metrics.quoteCallsOk.get() > 0);
            long from = clock.now();
            long okFrom = rig.metrics.quoteCallsOk.get();
            long minutes = 6;
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(100))
                    .until(() -> clock.now() >= from + Duration.ofMinutes(minutes).toMillis());
            long calls = rig.metrics.quoteCallsOk.get() - okFrom;

            assertThat(rig.sim.stats().rateLimited()).as("-429 answers").isZero();
            assertThat(rig.sim.stats().minuteViolations()).isZero();
            assertThat(calls).as("quotes calls in %d simulated minutes (budget 194/min)", minutes)
                    .isGreaterThan((long) (0.85 * 194 * minutes));
            System.out.printf("budget: %d calls in %d simulated minutes = %.1f/min of 194 (%.1f%% of the configured 200)%n",
                    calls, minutes, calls / (double) minutes, 100.0 * calls / minutes / 200);
        }
    }
}
