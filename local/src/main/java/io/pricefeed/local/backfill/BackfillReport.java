package io.pricefeed.local.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.flink.local.BackfillLoad;
import io.pricefeed.producer.history.FetchProgress;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a backfill did: the closing summary, as lines for a terminal or as one JSON object ({@code --json}). */
final class BackfillReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int symbols;
    private final String resolution;
    private final LocalDate from;
    private final LocalDate to;
    private final LocalDate lastCompleteDay;
    private int chunks;
    private int chunksResumed;
    private int chunksEmpty;
    private long candles;
    private long calls;
    private long rateLimitWaits;
    private Map<String, String> skippedSymbols = new LinkedHashMap<>();
    private int pairsLoaded;
    private int pairsSkipped;
    private int pairsReplaced;
    private long rowsPurged;
    private long loadMillis = -1;

    BackfillReport(int symbols, String resolution, LocalDate from, LocalDate to, LocalDate lastCompleteDay) {
        this.symbols = symbols;
        this.resolution = resolution;
        this.from = from;
        this.to = to;
        this.lastCompleteDay = lastCompleteDay;
    }

    void fetched(FetchProgress progress, long calls, long rateLimitWaits) {
        this.chunks = progress.chunksTotal();
        this.chunksResumed = progress.chunksResumed();
        this.chunksEmpty = progress.chunksEmpty();
        this.candles = progress.candles();
        this.skippedSymbols = progress.skippedSymbols();
        this.calls = calls;
        this.rateLimitWaits = rateLimitWaits;
    }

    void loaded(BackfillLoad.Outcome outcome) {
        pairsLoaded = outcome.pairsLoaded();
        pairsSkipped = outcome.pairsSkipped();
        pairsReplaced = outcome.pairsReplaced();
        rowsPurged = outcome.rowsPurged();
        loadMillis = outcome.loadMillis();
    }

    /** (symbol, day) pairs written by this run. */
    int pairsLoaded() {
        return pairsLoaded;
    }

    /** Pairs left alone because the lake had them already. */
    int pairsSkipped() {
        return pairsSkipped;
    }

    int pairsReplaced() {
        return pairsReplaced;
    }

    long calls() {
        return calls;
    }

    long rateLimitWaits() {
        return rateLimitWaits;
    }

    int chunksResumed() {
        return chunksResumed;
    }

    Map<String, String> skippedSymbols() {
        return skippedSymbols;
    }

    String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("symbols", symbols);
        root.put("resolution", resolution);
        root.put("from", from.toString());
        root.put("to", to.toString());
        root.put("completeThrough", lastCompleteDay.toString());
        root.put("chunks", chunks);
        root.put("chunksResumed", chunksResumed);
        root.put("chunksNoData", chunksEmpty);
        root.put("candles", candles);
        root.put("calls", calls);
        root.put("rateLimitWaits", rateLimitWaits);
        ObjectNode skipped = root.putObject("skippedSymbols");
        skippedSymbols.forEach(skipped::put);
        root.put("daysLoaded", pairsLoaded);
        root.put("daysAlreadyPresent", pairsSkipped);
        root.put("daysReplaced", pairsReplaced);
        root.put("rowsRemoved", rowsPurged);
        root.put("loadMillis", loadMillis);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The closing lines for a terminal. */
    String toText() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "backfill %s..%s (resolution %s, complete through %s): %d symbols, %d chunks"
                        + " (%d resumed, %d no_data), %,d candles, %d calls, %d rate-limit waits%n",
                from, to, resolution, lastCompleteDay, symbols, chunks, chunksResumed, chunksEmpty, candles, calls, rateLimitWaits));
        s.append(String.format(Locale.ROOT, "days (symbol x date): %,d loaded, %,d already in the lake (left alone)%s%n",
                pairsLoaded, pairsSkipped, pairsReplaced > 0 ? String.format(Locale.ROOT, ", %,d replaced (%,d rows removed first)",
                        pairsReplaced, rowsPurged) : ""));
        if (loadMillis >= 0) {
            s.append(String.format(Locale.ROOT, "load: %.1f s (Flink batch job)%n", loadMillis / 1000.0));
        }
        skippedSymbols.forEach((symbol, reason) -> s.append("skipped ").append(symbol).append(": ").append(reason).append('\n'));
        return s.toString();
    }
}
