package io.pricefeed.producer.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fetch stage of a backfill has done so far, read by the progress bar from another thread
 * while {@link HistoryFetch} updates it. Chunks found already staged (a resumed run) count as done
 * but not as fetched, so the ETA is estimated from this run's own pace.
 */
public final class FetchProgress {
    private final AtomicInteger symbolsTotal = new AtomicInteger();
    private final AtomicInteger symbolsDone = new AtomicInteger();
    private final AtomicInteger chunksTotal = new AtomicInteger();
    private final AtomicInteger chunksDone = new AtomicInteger();
    private final AtomicInteger chunksResumed = new AtomicInteger();
    private final AtomicInteger chunksEmpty = new AtomicInteger();
    private final AtomicLong candles = new AtomicLong();
    private final AtomicLong candlesDropped = new AtomicLong();
    private final Map<String, String> skippedSymbols = Collections.synchronizedMap(new LinkedHashMap<>());
    private final long startNanos = System.nanoTime();

    void plan(int symbols, int chunks) {
        symbolsTotal.set(symbols);
        chunksTotal.set(chunks);
    }

    void resumed() {
        chunksDone.incrementAndGet();
        chunksResumed.incrementAndGet();
    }

    void fetched(int kept, int dropped) {
        chunksDone.incrementAndGet();
        candles.addAndGet(kept);
        candlesDropped.addAndGet(dropped);
        if (kept == 0) {
            chunksEmpty.incrementAndGet();
        }
    }

    /** A symbol Fyers refused (-300): its remaining chunks are not fetched and count as done. */
    void skipped(String symbol, String reason, int chunksLeft) {
        skippedSymbols.put(symbol, reason);
        chunksDone.addAndGet(chunksLeft);
    }

    void symbolDone() {
        symbolsDone.incrementAndGet();
    }

    public int symbolsTotal() {
        return symbolsTotal.get();
    }

    public int symbolsDone() {
        return symbolsDone.get();
    }

    public int chunksTotal() {
        return chunksTotal.get();
    }

    public int chunksDone() {
        return chunksDone.get();
    }

    /** Chunks that were already staged by an earlier, interrupted run. */
    public int chunksResumed() {
        return chunksResumed.get();
    }

    /** Chunks Fyers had no candles for ({@code no_data}: weekends, holidays). */
    public int chunksEmpty() {
        return chunksEmpty.get();
    }

    /** Completed session candles staged by this run. */
    public long candles() {
        return candles.get();
    }

    /** Candles left out: still forming, or outside an NSE session. */
    public long candlesDropped() {
        return candlesDropped.get();
    }

    /** Symbols Fyers refused, with its reason, in the order met. */
    public Map<String, String> skippedSymbols() {
        synchronized (skippedSymbols) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(skippedSymbols));
        }
    }

    public List<String> skippedSymbolNames() {
        return new ArrayList<>(skippedSymbols().keySet());
    }

    /** Estimated real milliseconds until every chunk is done, from this run's pace; -1 before there is one. */
    public long etaMillis() {
        int fetched = chunksDone.get() - chunksResumed.get();
        int left = chunksTotal.get() - chunksDone.get();
        if (left <= 0) {
            return 0;
        }
        if (fetched <= 0) {
            return -1;
        }
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        return elapsed * left / fetched;
    }
}
