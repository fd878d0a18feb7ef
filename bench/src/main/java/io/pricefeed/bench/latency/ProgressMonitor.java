package io.pricefeed.bench.latency;

import io.pricefeed.flink.local.LocalJob;
import java.util.List;
import java.util.Locale;

/**
 * The end of a run, and a progress line every 10 s until then: the run ends once the measured minutes are
 * over and every final bar, planted anomaly and its alert mail is in, or when their grace runs out
 * ({@value #TAIL_GRACE_MS} ms after the last measured minute's bars could be final).
 */
final class ProgressMonitor {
    static final long TAIL_GRACE_MS = 30_000;

    private final RunPlan plan;
    private final SentTicks sent;
    private final LoadGenerator load;
    private final BarTableWatcher table;
    private final AnomalyStreamReader anomalies;
    private final AlertMailPath alerts;
    private final long finalWaitMs;

    /** {@code finalWaitMs}: how long after a minute's end its bars become final (out-of-orderness + allowed lateness). */
    ProgressMonitor(RunPlan plan, SentTicks sent, LoadGenerator load, BarTableWatcher table, AnomalyStreamReader anomalies,
            AlertMailPath alerts, long finalWaitMs) {
        this.plan = plan;
        this.sent = sent;
        this.load = load;
        this.table = table;
        this.anomalies = anomalies;
        this.alerts = alerts;
        this.finalWaitMs = finalWaitMs;
    }

    /** Returns when the run is done or out of time; fails if the job ends first. */
    void awaitEnd(LocalJob job) throws Exception {
        long tailDeadline = plan.measuredEnd() + finalWaitMs + TAIL_GRACE_MS;
        int expectedFinals = table.sample() * plan.minutes();
        int expectedSurges = plan.plantedSurges();
        long nextReport = System.currentTimeMillis();
        while (true) {
            long now = System.currentTimeMillis();
            long finals = sent.finalsSeen();
            long mailed = anomalies.surgeIds().stream().filter(id -> alerts.firstMailContaining(id) != null).count();
            boolean done = now >= plan.measuredEnd() && finals >= expectedFinals && anomalies.surgesSeen() >= expectedSurges
                    && mailed >= expectedSurges;
            if (now >= nextReport || done || now >= tailDeadline) {
                String phase = now < plan.firstMeasured() ? "warm-up"
                        : now < plan.measuredEnd()
                        ? String.format(Locale.ROOT, "minute %d/%d", (now - plan.firstMeasured()) / RunPlan.MINUTE + 1, plan.minutes())
                        : "tail";
                LocalJob.Progress p = job.progress();
                List<Long> sorted = table.live().sorted();
                System.out.printf(Locale.ROOT, "[%4d s] %-11s sent %,d ticks | job: %,d ticks, %,d final 1m bars, %,d anomalies,"
                        + " bar timers at %s | live: %,d measured (p99 %s) | finals %d/%d | surges %d/%d, mailed %d | load %.1f%n",
                        (now - plan.productionStart()) / 1000, phase, load.ticksSent(), p.ticks, p.finalMinuteBars, p.anomalies,
                        p.eventTime == Long.MIN_VALUE ? "-" : RunPlan.hms(p.eventTime),
                        sorted.size(), sorted.isEmpty() ? "-" : LatencyReport.ms(Samples.percentile(sorted, 0.99)), finals,
                        expectedFinals, anomalies.surgesSeen(), expectedSurges, mailed, LatencyBench.loadAverage());
                nextReport += 10_000;
                if (job.status().isGloballyTerminalState()) {
                    throw new IllegalStateException("the job ended early: " + job.status() + " (see data/logs/bench.log)");
                }
            }
            if (done || now >= tailDeadline) {
                return;
            }
            Thread.sleep(200); // polling the observers' counters for the end condition
        }
    }
}
