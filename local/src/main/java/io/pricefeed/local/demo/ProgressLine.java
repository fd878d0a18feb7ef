package io.pricefeed.local.demo;

import java.util.Locale;

/**
 * The one line the demo keeps rewriting while it runs: simulated IST time, how fast ticks
 * arrive, what the job and the alerts have produced, and how far event time trails.
 */
final class ProgressLine {
    private ProgressLine() {
    }

    /** E.g. {@code 10:02:30 IST | ticks 48,210 (512/s) | 1m bars 2,350 | anomalies 4 | emails 3 | watermark lag 8 s}. */
    static String of(PipelineSnapshot previous, PipelineSnapshot now) {
        double seconds = (now.nanoTime() - previous.nanoTime()) / 1e9;
        long rate = seconds > 0 ? Math.round((now.ticks() - previous.ticks()) / seconds) : 0;
        long lag = now.watermarkLagMs();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s IST | ticks %,d (%,d/s) | 1m bars %,d | anomalies %,d | emails %,d | watermark lag %s",
                DemoClock.format(now.simulatedNow()), now.ticks(), rate, now.finalMinuteBars(), now.anomalies(),
                now.emails(), lag < 0 ? "-" : (lag / 1000) + " s"));
        if (now.rejects() > 0) {
            line.append(String.format(Locale.ROOT, " | rejects %,d", now.rejects()));
        }
        if (now.faultsInjected() > 0) {
            line.append(String.format(Locale.ROOT, " | faults %,d", now.faultsInjected()));
        }
        return line.toString();
    }
}
