package io.pricefeed.producer.fyers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.model.Tick;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@code /data/quotes} reply into ticks (FYERS_API.md §4.1). Quotes carry no trade time,
 * so every tick is stamped with the receive time: that is the event time (DESIGN.md §3).
 *
 * <p>Defensive where the API facts are uncertain: numbers may arrive as JSON strings, the
 * per-symbol error body is opaque, and keys are read by name in any order.
 */
public final class QuotesParser {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNIPPET_BYTES = 120;

    private QuotesParser() {
    }

    /** The ticks of one reply, and the symbols Fyers refused in it with the reason. */
    public static final class Quotes {
        private final List<Tick> ticks;
        private final Map<String, String> rejectedSymbols;
        private final Map<String, String> invalidSymbols;

        Quotes(List<Tick> ticks, Map<String, String> rejectedSymbols, Map<String, String> invalidSymbols) {
            this.ticks = ticks;
            this.rejectedSymbols = rejectedSymbols;
            this.invalidSymbols = invalidSymbols;
        }

        public List<Tick> ticks() {
            return ticks;
        }

        /** Symbol -> why it has no quote (a per-entry {@code s:"error"}, or no usable price). */
        public Map<String, String> rejectedSymbols() {
            return rejectedSymbols;
        }

        /**
         * The subset of {@link #rejectedSymbols()} that Fyers itself refused ({@code s:"error"}):
         * asking again cannot help. An entry that is {@code ok} but has no usable price is only
         * skipped this time (it may trade later), so it is not here.
         */
        public Map<String, String> invalidSymbols() {
            return invalidSymbols;
        }
    }

    /**
     * @throws FyersApiException for an error envelope or a body that is not the envelope at all
     */
    public static Quotes parse(int httpStatus, byte[] body, long receivedAtMillis) {
        JsonNode root = envelope(httpStatus, body);
        JsonNode entries = root.path("d");
        if (!entries.isArray()) {
            throw new FyersApiException(FyersErrorKind.MALFORMED, httpStatus, null,
                    "quotes reply has no 'd' array: " + snippet(body));
        }
        List<Tick> ticks = new ArrayList<>(entries.size());
        Map<String, String> rejected = new LinkedHashMap<>();
        Map<String, String> invalid = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            String symbol = entry.path("n").asText("");
            JsonNode v = entry.path("v");
            if (symbol.isEmpty()) {
                symbol = v.path("symbol").asText("");
            }
            if (!"ok".equals(entry.path("s").asText())) {
                String reason = describeEntryError(v);
                rejected.put(symbol, reason);
                invalid.put(symbol, reason);
                continue;
            }
            double ltp = number(v, "lp");
            if (!(ltp > 0) || Double.isInfinite(ltp)) {
                rejected.put(symbol, "no usable last price (lp=" + v.path("lp") + ")");
                continue;
            }
            ticks.add(new Tick(symbol, receivedAtMillis, ltp, (long) number(v, "volume"), number(v, "atp"),
                    number(v, "open_price"), number(v, "high_price"), number(v, "low_price"),
                    number(v, "prev_close_price"), number(v, "bid"), number(v, "ask")));
        }
        return new Quotes(ticks, rejected, invalid);
    }

    /** Parses the common envelope and raises the classified error when {@code s} is not ok. */
    static JsonNode envelope(int httpStatus, byte[] body) {
        return envelope(httpStatus, body, true);
    }

    /**
     * As {@link #envelope(int, byte[])}; with {@code quoteBody} false an unreadable body is
     * described by its length only, for replies that may carry tokens (the login endpoints).
     */
    public static JsonNode envelope(int httpStatus, byte[] body, boolean quoteBody) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject()) {
            // Cloudflare's over-limit page is HTML with 429 or 403; anything else non-JSON is noise.
            FyersErrorKind kind = httpStatus == 429 || httpStatus == 403 ? FyersErrorKind.RATE_LIMIT
                    : httpStatus >= 500 ? FyersErrorKind.TRANSIENT : FyersErrorKind.MALFORMED;
            throw new FyersApiException(kind, httpStatus, null, "reply is not JSON: "
                    + (quoteBody ? snippet(body) : "(" + (body == null ? 0 : body.length) + " bytes, not shown)"));
        }
        String status = root.path("s").asText("");
        if ("ok".equals(status) || "no_data".equals(status)) {
            return root;
        }
        Integer code = root.path("code").canConvertToInt() ? root.path("code").asInt() : null;
        if (code == null && root.path("code").isTextual()) {
            code = parseIntOrNull(root.path("code").asText());
        }
        throw new FyersApiException(FyersErrorKind.classify(httpStatus, code), httpStatus, code,
                root.path("message").asText("(no message)"));
    }

    private static String describeEntryError(JsonNode v) {
        String code = v.path("code").asText("");
        String text = v.path("errmsg").asText(v.path("message").asText("error"));
        return code.isEmpty() ? text : text + " (code " + code + ")";
    }

    /** A number that may be written as a JSON number or a numeric string; 0 when absent. */
    private static double number(JsonNode v, String field) {
        JsonNode n = v.path(field);
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual()) {
            try {
                return Double.parseDouble(n.asText().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static Integer parseIntOrNull(String s) {
        try {
            return Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The first bytes of a body, for a log line that shows what came back without flooding. */
    static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET_BYTES), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").trim();
        return "'" + text + (body.length > SNIPPET_BYTES ? "...' (" + body.length + " bytes)" : "'");
    }
}
