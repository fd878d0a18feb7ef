package io.pricefeed.local.backfill;

import io.pricefeed.producer.history.FetchProgress;
import java.util.Locale;

/**
 * The one line a backfill keeps up to date while it fetches: a bar of chunks done, symbols and
 * chunks done of their totals, Fyers calls, rate-limit waits and the time left, e.g.
 * {@code [########------------]  40% | symbols 8/20 | chunks 8/20 | calls 8 | rate-limit waits 0 | ETA 0:12}.
 */
final class BackfillProgressLine {
    static final int WIDTH = 20;

    private BackfillProgressLine() {
    }

    static String of(FetchProgress p, long calls, long rateLimitWaits) {
        int total = p.chunksTotal();
        int done = p.chunksDone();
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        long eta = p.etaMillis();
        return String.format(Locale.ROOT, "[%s%s] %3d%% | symbols %d/%d | chunks %d/%d | calls %,d | rate-limit waits %d | ETA %s",
                "#".repeat(filled), "-".repeat(WIDTH - filled), total == 0 ? 100 : 100L * done / total,
                p.symbolsDone(), p.symbolsTotal(), done, total, calls, rateLimitWaits, eta < 0 ? "-" : duration(eta));
    }

    /** m:ss, or h:mm:ss from an hour on. */
    static String duration(long millis) {
        long s = (millis + 999) / 1000;
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
