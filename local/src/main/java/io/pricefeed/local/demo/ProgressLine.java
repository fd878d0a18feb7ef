package io.pricefeed.local.demo;

import java.util.Locale;

/**
 * The one line the demo keeps rewriting while it runs: simulated IST time, how fast ticks
 * arrive, what the job and the alerts have produced, and how far event time trails.
 */
final class ProgressLine {
    private ProgressLine() {
    }

    /**
     * E.g. {@code 10:02:30 IST | calls 480 (10.0/min) | ticks 48,210 (512/s) | 1m bars 2,350 | anomalies 4 | emails 3 | watermark lag 1.2 s}:
     * the producer's quote calls with their rate per simulated minute over the last refresh (the
     * budget it really spends), and the watermark lag in real seconds ({@code speed} simulated
     * seconds each).
     */
    static String of(PipelineSnapshot previous, PipelineSnapshot now, double speed) {
        double seconds = (now.nanoTime() - previous.nanoTime()) / 1e9;
        long rate = seconds > 0 ? Math.round((now.ticks() - previous.ticks()) / seconds) : 0;
        double simulatedMinutes = (now.simulatedNow() - previous.simulatedNow()) / 60_000.0;
        String calls = simulatedMinutes > 0
                ? String.format(Locale.ROOT, "%.1f/min", (now.quoteCalls() - previous.quoteCalls()) / simulatedMinutes) : "-/min";
        long lag = now.watermarkLagRealMs(speed);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "%s IST | calls %,d (%s) | ticks %,d (%,d/s) | 1m bars %,d | anomalies %,d | emails %,d | watermark lag %s",
                DemoClock.format(now.simulatedNow()), now.quoteCalls(), calls, now.ticks(), rate, now.finalMinuteBars(),
                now.anomalies(), now.emails(), lag < 0 ? "-" : String.format(Locale.ROOT, "%.1f s", lag / 1000.0)));
        if (now.rejects() > 0) {
            line.append(String.format(Locale.ROOT, " | rejects %,d", now.rejects()));
        }
        if (now.faultsInjected() > 0) {
            line.append(String.format(Locale.ROOT, " | faults %,d", now.faultsInjected()));
        }
        return line.toString();
    }
}
