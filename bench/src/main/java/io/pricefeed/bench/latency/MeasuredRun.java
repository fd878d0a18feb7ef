package io.pricefeed.bench.latency;

/**
 * What a run leaves to report, read once the job is drained and the alerts path is shut down: the plan,
 * the load generator's ticks, what each observer saw, and how many of them failed.
 */
record MeasuredRun(RunPlan plan, SentTicks sent, LoadGenerator load, BarTableWatcher table, AnomalyStreamReader anomalies,
        AlertMailPath alerts, long kclWarmupMs, BaselineProbe baselines, Workers workers) {
}
