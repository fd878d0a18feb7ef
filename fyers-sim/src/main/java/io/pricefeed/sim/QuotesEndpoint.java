package io.pricefeed.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /data/quotes?symbols=A,B,...} (FYERS_API.md §4.1): one entry per requested symbol,
 * at most 50. An unknown symbol gets a per-entry {@code s:"error"} while the others are quoted;
 * only when no symbol is known does the whole call fail (-300).
 */
final class QuotesEndpoint implements Endpoint {
    static final int MAX_SYMBOLS = 50;

    private final MarketModel market;

    QuotesEndpoint(MarketModel market) {
        this.market = market;
    }

    @Override
    public SimReply handle(SimRequest request, long nowMillis) {
        String raw = request.param("symbols");
        List<String> symbols = new ArrayList<>();
        if (raw != null) {
            for (String s : raw.split(",")) {
                if (!s.isBlank()) {
                    symbols.add(s.trim());
                }
            }
        }
        if (symbols.isEmpty()) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("symbols is required"));
        }
        if (symbols.size() > MAX_SYMBOLS) {
            return SimReply.error(FyersError.INVALID_INPUT.detail(
                    "at most " + MAX_SYMBOLS + " symbols per request, got " + symbols.size()));
        }
        ObjectNode root = SimReply.okEnvelope();
        ArrayNode entries = root.putArray("d");
        int quoted = 0;
        for (String symbol : symbols) {
            ObjectNode entry = entries.addObject();
            entry.put("n", symbol);
            SimSymbol known = market.universe().find(symbol).orElse(null);
            if (known == null) {
                entry.put("s", "error");
                ObjectNode v = entry.putObject("v");
                v.put("code", -300);
                v.put("errmsg", "Invalid symbol");
                continue;
            }
            entry.put("s", "ok");
            values(entry.putObject("v"), known, market.quote(symbol, nowMillis));
            quoted++;
        }
        if (quoted == 0) {
            return SimReply.error(FyersError.INVALID_SYMBOL);
        }
        return SimReply.ok(root);
    }

    /** The {@code v} object, fields in the order of Fyers' replies. */
    private static void values(ObjectNode v, SimSymbol symbol, SimQuote q) {
        v.put("ch", q.ch());
        v.put("chp", q.chp());
        v.put("lp", q.lp());
        v.put("spread", q.spread());
        v.put("ask", q.ask());
        v.put("bid", q.bid());
        v.put("open_price", q.open());
        v.put("high_price", q.high());
        v.put("low_price", q.low());
        v.put("prev_close_price", q.prevClose());
        v.put("atp", q.atp());
        v.put("volume", q.volume());
        v.put("short_name", symbol.shortName());
        v.put("exchange", symbol.exchange());
        v.put("description", symbol.symbol());
        v.put("original_name", symbol.symbol());
        v.put("symbol", symbol.symbol());
        v.put("fyToken", symbol.fyToken());
        v.put("tt", Long.toString(q.tradingDateEpochSecond()));
    }
}
