package io.pricefeed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A journal of every quote the sim delivered, for tests that check a client lost nothing: each
 * {@code /data/quotes} reply that went out whole and on time (HTTP 200, no injected fault, so not
 * truncated and not held back past a client's timeout) adds one entry per quoted symbol, read back
 * from the very bytes sent. Off unless {@link FyersSim.Builder#recordServedQuotes()}. Thread-safe.
 */
public final class ServedQuotes {
    /**
     * One symbol's values in one delivered reply.
     *
     * @param simMillis the simulated instant the reply was computed for
     * @param request   the number of the reply in delivery order (entries of one reply share it)
     */
    public record ServedQuote(long simMillis, long request, String symbol, double lp, long volume, double atp,
                              double open, double high, double low, double prevClose, double bid, double ask) {
    }

    private final List<ServedQuote> entries = new ArrayList<>();
    private long requests;

    synchronized void record(long simMillis, byte[] quotesReplyBody) {
        JsonNode root;
        try {
            root = SimReply.JSON.readTree(quotesReplyBody);
        } catch (IOException e) {
            throw new UncheckedIOException("the sim's own quotes reply does not parse", e);
        }
        long request = ++requests;
        for (JsonNode entry : root.path("d")) {
            if (!"ok".equals(entry.path("s").asText())) {
                continue;
            }
            JsonNode v = entry.path("v");
            entries.add(new ServedQuote(simMillis, request, entry.path("n").asText(), v.path("lp").asDouble(),
                    v.path("volume").asLong(), v.path("atp").asDouble(), v.path("open_price").asDouble(),
                    v.path("high_price").asDouble(), v.path("low_price").asDouble(), v.path("prev_close_price").asDouble(),
                    v.path("bid").asDouble(), v.path("ask").asDouble()));
        }
    }

    /** Every entry so far, in delivery order. */
    public synchronized List<ServedQuote> entries() {
        return List.copyOf(entries);
    }

    /** Delivered quotes replies so far. */
    public synchronized long replies() {
        return requests;
    }
}
