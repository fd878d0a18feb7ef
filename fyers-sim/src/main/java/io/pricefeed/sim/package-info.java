/**
 * fyers-sim: a Fyers API v3 compatible local server driven by a simulated NSE market, for the
 * local demo and the producer's integration tests.
 *
 * <ul>
 *   <li>{@link io.pricefeed.sim.FyersSim} — the server, its builder and test hooks
 *       (issue a token, expire tokens, inject faults, read {@link io.pricefeed.sim.SimStats});</li>
 *   <li>{@link io.pricefeed.sim.MarketModel} — the market: a pure function of seed,
 *       symbol and instant, read by the quotes and history endpoints alike;</li>
 *   <li>{@link io.pricefeed.sim.SimClock} — accelerated or hand-stepped simulated time,
 *       shared with the producer in local runs;</li>
 *   <li>{@link io.pricefeed.sim.RateLimits}, {@link io.pricefeed.sim.FaultPlan},
 *       {@link io.pricefeed.sim.SimCredentials}, {@link io.pricefeed.sim.RefreshMode},
 *       {@link io.pricefeed.sim.SymbolUniverse} — the configuration;</li>
 *   <li>{@link io.pricefeed.sim.FyersSimMain} — run it on its own.</li>
 * </ul>
 */
package io.pricefeed.sim;
