package io.pricefeed.producer.fyers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The NSE capital-market entry of {@code /data/marketStatus} (FYERS_API.md §4.4): exchange 10,
 * segment 10, market type {@code NORMAL}. Only {@code OPEN} means continuous trading; every other
 * status ({@code CLOSED}, {@code PREOPEN}, {@code POSTCLOSE_START}, ...) means no live ticks.
 *
 * @param status the entry's status as Fyers wrote it, or {@code UNKNOWN} when the reply had no NSE
 *               capital-market entry
 */
public record MarketStatus(String status) {
    public static final int NSE = 10;
    public static final int CAPITAL_MARKET = 10;

    public boolean isOpen() {
        return "OPEN".equals(status);
    }

    /**
     * @throws FyersApiException for an error envelope, or MALFORMED when there is no status list
     */
    static MarketStatus parse(int httpStatus, byte[] body) {
        JsonNode root = QuotesParser.envelope(httpStatus, body);
        JsonNode entries = root.path("marketStatus");
        if (!entries.isArray()) {
            throw new FyersApiException(FyersErrorKind.MALFORMED, httpStatus, null,
                    "marketStatus reply has no 'marketStatus' array: " + QuotesParser.snippet(body));
        }
        for (JsonNode e : entries) {
            if (e.path("exchange").asInt(-1) == NSE && e.path("segment").asInt(-1) == CAPITAL_MARKET
                    && "NORMAL".equalsIgnoreCase(e.path("market_type").asText("NORMAL"))) {
                return new MarketStatus(e.path("status").asText("UNKNOWN").toUpperCase(Locale.ROOT));
            }
        }
        return new MarketStatus("UNKNOWN");
    }
}
