package io.pricefeed.producer;

import io.pricefeed.model.Tick;
import io.pricefeed.sim.ServedQuotes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the producer must have published, derived independently of it from the sim's journal of
 * delivered quotes: per symbol, in delivery order, every quote whose price or volume differs from
 * the previous delivered quote of that symbol (the first always counts).
 */
final class ServedChanges {
    /** A tick's content without its receive time, which only the producer knows. */
    record Content(String symbol, double ltp, long cumVolume, double atp, double dayOpen, double dayHigh, double dayLow,
                   double prevClose, double bid, double ask) {
        static Content of(Tick t) {
            return new Content(t.getSymbol(), t.getLtp(), t.getCumVolume(), t.getAtp(), t.getDayOpen(), t.getDayHigh(),
                    t.getDayLow(), t.getPrevClose(), t.getBid(), t.getAsk());
        }

        static Content of(ServedQuotes.ServedQuote q) {
            return new Content(q.symbol(), q.lp(), q.volume(), q.atp(), q.open(), q.high(), q.low(), q.prevClose(), q.bid(), q.ask());
        }
    }

    private ServedChanges() {
    }

    static Map<String, List<Content>> of(ServedQuotes journal) {
        Map<String, List<Content>> changes = new LinkedHashMap<>();
        Map<String, ServedQuotes.ServedQuote> last = new LinkedHashMap<>();
        for (ServedQuotes.ServedQuote q : journal.entries()) {
            ServedQuotes.ServedQuote prev = last.put(q.symbol(), q);
            if (prev == null || Double.compare(prev.lp(), q.lp()) != 0 || prev.volume() != q.volume()) {
                changes.computeIfAbsent(q.symbol(), s -> new ArrayList<>()).add(Content.of(q));
            }
        }
        return changes;
    }

    static Map<String, List<Content>> published(Map<String, List<Tick>> ticksBySymbol) {
        Map<String, List<Content>> out = new LinkedHashMap<>();
        ticksBySymbol.forEach((symbol, ticks) -> out.put(symbol, ticks.stream().map(Content::of).toList()));
        return out;
    }

    static long count(Map<String, List<Content>> changes) {
        return changes.values().stream().mapToLong(List::size).sum();
    }
}
