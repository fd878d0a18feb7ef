package io.pricefeed.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /data/marketStatus} (FYERS_API.md §4.4): NSE capital market (exchange 10, segment
 * 10, {@code NORMAL}) is {@code OPEN} during the session on the simulated clock and
 * {@code CLOSED} otherwise. NSE F&amp;O and BSE cash follow the same hours here, so a client that
 * looks for its entry among several is exercised.
 */
final class MarketStatusEndpoint implements Endpoint {
    private final MarketModel market;

    MarketStatusEndpoint(MarketModel market) {
        this.market = market;
    }

    @Override
    public SimReply handle(SimRequest request, long nowMillis) {
        String status = market.isMarketOpen(nowMillis) ? "OPEN" : "CLOSED";
        ObjectNode root = SimReply.okEnvelope();
        ArrayNode entries = root.putArray("marketStatus");
        entry(entries, 10, 10, status);
        entry(entries, 10, 11, status);
        entry(entries, 12, 10, status);
        return SimReply.ok(root);
    }

    private static void entry(ArrayNode entries, int exchange, int segment, String status) {
        ObjectNode e = entries.addObject();
        e.put("exchange", exchange);
        e.put("segment", segment);
        e.put("market_type", "NORMAL");
        e.put("status", status);
    }
}
