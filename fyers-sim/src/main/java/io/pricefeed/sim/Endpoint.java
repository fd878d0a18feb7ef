package io.pricefeed.sim;

/** One Fyers API operation of the sim: a request at a simulated instant in, a reply out. */
@FunctionalInterface
interface Endpoint {
    SimReply handle(SimRequest request, long nowMillis);
}
