package io.pricefeed.producer.fyers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One {@code /data/history} candle: {@code [epoch, open, high, low, close, volume]}, the epoch being
 * the candle's start in seconds (daily candles are stamped 00:00 UTC of their date).
 */
public record HistoryCandle(long startEpochSecond, double open, double high, double low, double close, long volume) {

    /**
     * The candles of a reply; empty for {@code s:"no_data"} (weekends, holidays, before listing).
     *
     * @throws FyersApiException for an error envelope or candles that are not six-number arrays
     */
    static List<HistoryCandle> parse(int httpStatus, byte[] body) {
        JsonNode root = QuotesParser.envelope(httpStatus, body);
        JsonNode candles = root.path("candles");
        if ("no_data".equals(root.path("s").asText()) && (candles.isMissingNode() || candles.isNull() || candles.isEmpty())) {
            return List.of();
        }
        if (!candles.isArray()) {
            throw new FyersApiException(FyersErrorKind.MALFORMED, httpStatus, null,
                    "history reply has no 'candles' array: " + QuotesParser.snippet(body));
        }
        List<HistoryCandle> out = new ArrayList<>(candles.size());
        for (JsonNode c : candles) {
            if (!c.isArray() || c.size() < 6 || !c.get(0).isNumber()) {
                throw new FyersApiException(FyersErrorKind.MALFORMED, httpStatus, null,
                        "history candle is not [epoch, o, h, l, c, v]: " + c);
            }
            out.add(new HistoryCandle(c.get(0).asLong(), c.get(1).asDouble(), c.get(2).asDouble(), c.get(3).asDouble(),
                    c.get(4).asDouble(), c.get(5).asLong()));
        }
        return Collections.unmodifiableList(out);
    }
}
