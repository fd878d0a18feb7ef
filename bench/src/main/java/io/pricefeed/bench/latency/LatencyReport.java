package io.pricefeed.bench.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a run measured, against the goals: the table (one {@link Figure} a row: tick -> live bar, minute
 * end -> final bar / anomaly / alert email / complete live item, and the two stand-in baselines), then
 * how to read it: the configured waits inside the minute-end figures, the live path's waits, the alert
 * mails, and the checks (final bars' tick counts, unplanned and redelivered anomalies, observer errors).
 */
final class LatencyReport {
    static final long LIVE_GOAL_MS = 1_500;
    static final long MINUTE_END_GOAL_MS = 3_000;

    private final LatencyOptions o;
    private final RunPlan plan;
    private final Figure live;
    private final Figure finals;
    private final Figure anomalies;
    private final Figure mails;
    private final Figure complete;
    private final Figure kinesisBaseline;
    private final Figure dynamoBaseline;
    private final List<Long> putCalls;
    private final List<Long> pollRounds;
    private final int overGoal;
    private final int overGoalNearEnd;
    private final int mailCount;
    private final long kclWarmupMs;
    private final long alertRecordsHandled;
    private final long unexpected;
    private final long duplicates;
    private final long finalMismatches;
    private final long ticksSent;
    private final long heartbeats;
    private final long retries;
    private final long errors;

    /** Collects the figures from what the load generator sent and the observers saw. */
    LatencyReport(LatencyOptions o, MeasuredRun run) {
        this.o = o;
        this.plan = run.plan();
        BarTableWatcher table = run.table();
        AnomalyStreamReader anomalyReader = run.anomalies();
        AlertMailPath alerts = run.alerts();
        List<Long> f = new ArrayList<>();
        List<Long> c = new ArrayList<>();
        int liveMissing = 0;
        int finalsMissing = 0;
        int completeMissing = 0;
        for (BarTrack b : run.sent().bars()) {
            if (!b.measured || b.symbol >= table.sample()) {
                continue;
            }
            liveMissing += b.unseen();
            if (b.finalAt == Long.MIN_VALUE) {
                finalsMissing++;
            } else {
                f.add(b.finalAt - b.barEnd);
            }
            long completeAt = b.completeAt();
            if (completeAt == Long.MIN_VALUE) {
                completeMissing++;
            } else {
                c.add(completeAt - b.barEnd);
            }
        }
        Collections.sort(f);
        Collections.sort(c);
        List<Long> a = new ArrayList<>();
        List<Long> m = new ArrayList<>();
        int planted = 0;
        for (Map.Entry<Long, Set<Integer>> e : plan.surges().entrySet()) {
            long barEnd = e.getKey() + RunPlan.MINUTE;
            for (int symbol : e.getValue()) {
                planted++;
                BarKey surge = new BarKey(symbol, e.getKey());
                Long seen = anomalyReader.surgeSeen(surge);
                if (seen != null) {
                    a.add(seen - barEnd);
                }
                String id = anomalyReader.surgeId(surge);
                Long mailed = id == null ? null : alerts.firstMailContaining(id);
                if (mailed != null) {
                    m.add(mailed - barEnd);
                }
            }
        }
        Collections.sort(a);
        Collections.sort(m);
        this.live = Figure.withGoal("tick -> live bar in DynamoDB (<sym>#1m#live)", table.live().sorted(), liveMissing,
                LIVE_GOAL_MS);
        this.finals = Figure.withGoal("minute end -> final 1m bar in DynamoDB (<sym>#1m)", f, finalsMissing, MINUTE_END_GOAL_MS);
        this.anomalies = Figure.withGoal("minute end -> VOLUME_SURGE on anomalies stream", a, planted - a.size(),
                MINUTE_END_GOAL_MS);
        this.mails = Figure.noGoal("minute end -> VOLUME_SURGE alert email received", m, planted - m.size());
        this.complete = Figure.noGoal("minute end -> live item holds the whole minute", c, completeMissing);
        this.kinesisBaseline = Figure.noGoal("baseline: kinesalite PutRecords -> GetRecords", run.baselines().kinesisRoundTrips().sorted(), 0);
        this.dynamoBaseline = Figure.noGoal("baseline: DynamoDB Local PutItem -> GetItem", run.baselines().dynamoRoundTrips().sorted(), 0);
        this.putCalls = run.load().putCalls().sorted();
        this.pollRounds = table.pollRounds().sorted();
        List<long[]> over = table.overGoal();
        this.overGoal = over.size();
        this.overGoalNearEnd = (int) over.stream().filter(x -> x[1] <= 2_000).count();
        this.mailCount = alerts.mails();
        this.kclWarmupMs = run.kclWarmupMs();
        this.alertRecordsHandled = alerts.recordsHandled();
        this.unexpected = anomalyReader.unexpected();
        this.duplicates = anomalyReader.duplicates();
        this.finalMismatches = table.finalMismatches();
        this.ticksSent = run.load().ticksSent();
        this.heartbeats = run.load().heartbeatsSent();
        this.retries = run.load().putRetries();
        this.errors = run.workers().errors();
    }

    /** The rows, in the table's order. */
    List<Figure> figures() {
        return List.of(live, finals, anomalies, mails, complete, kinesisBaseline, dynamoBaseline);
    }

    void print() {
        System.out.println();
        System.out.printf(Locale.ROOT, "LatencyBench: measured minutes %s-%s IST; %,d ticks and %,d heartbeats put in all"
                + " (%,d entries retried); p99 = nearest rank%n", RunPlan.hms(plan.firstMeasured()),
                RunPlan.hms(plan.measuredEnd()), ticksSent, heartbeats, retries);
        System.out.println(Figure.HEADER);
        System.out.println(Figure.HEADER.replaceAll("[^|]", "-"));
        for (Figure figure : figures()) {
            System.out.println(figure.row());
        }
        System.out.println();
        long wait = o.outOfOrdernessMs + o.allowedLatenessMs;
        List<Long> f = finals.sorted();
        List<Long> a = anomalies.sorted();
        System.out.printf(Locale.ROOT, "configured waits: a 1m bar is final when the watermark passes its end + the allowed"
                + " lateness, and the watermark trails the newest event time by the out-of-orderness bound, so the minute-end"
                + " figures hold %,d ms (out-of-orderness) + %,d ms (allowed lateness) = %,d ms by configuration, plus up to"
                + " 1 s of heartbeat spacing; beyond those %,d ms: final bar p50 %s / p99 %s, anomaly p50 %s / p99 %s.%n",
                o.outOfOrdernessMs, o.allowedLatenessMs, wait, wait, minus(f, 0.5, wait), minus(f, 0.99, wait),
                minus(a, 0.5, wait), minus(a, 0.99, wait));
        System.out.printf(Locale.ROOT, "live path waits: GetRecords every %d ms per shard, live bar at most every %d ms per symbol,"
                + " DynamoDB sink buffer up to 250 ms, this poll every %d ms (BatchGetItem p50 %s, p99 %s); PutRecords calls"
                + " p50 %s, p99 %s.%n", o.getRecordsMs, o.liveUpdateMs, o.pollMs,
                ms(Samples.percentile(pollRounds, 0.5)), ms(Samples.percentile(pollRounds, 0.99)),
                ms(Samples.percentile(putCalls, 0.5)), ms(Samples.percentile(putCalls, 0.99)));
        System.out.printf(Locale.ROOT, "live ticks over %,d ms: %,d of %,d, of which %,d sent in the last 2 s of their minute"
                + " (shown only when the bar closes, if the next minute's live update took their turn).%n",
                LIVE_GOAL_MS, overGoal, live.sorted().size(), overGoalNearEnd);
        System.out.printf(Locale.ROOT, "alert mails: KCL (polling every 200 ms, as the demo) -> AlertsHandler (de-dup in"
                + " DynamoDB Local, digest above %d new anomalies a batch) -> SMTP (GreenMail, inbox polled every %d ms);"
                + " %d mails in all including the warm-up probe, %,d records handled; KCL warm-up (probe put -> mailed,"
                + " before the job started, not in the figures) %,d ms; beyond the anomaly's own p50/p99, the mail"
                + " took p50 %s / p99 %s more.%n", AlertMailPath.DIGEST_THRESHOLD, AlertMailPath.INBOX_POLL_MS, mailCount,
                alertRecordsHandled, kclWarmupMs, diff(mails.sorted(), a, 0.5), diff(mails.sorted(), a, 0.99));
        System.out.printf(Locale.ROOT, "final bars whose tickCount differed from the ticks sent: %d; anomalies not planted: %d;"
                + " redelivered anomalies: %d; observer errors: %d%n", finalMismatches, unexpected, duplicates, errors);
    }

    /** "1,234 ms", or "-" for no value ({@code Long.MIN_VALUE}). */
    static String ms(long ms) {
        return ms == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d ms", ms);
    }

    private static String diff(List<Long> later, List<Long> earlier, double q) {
        long a = Samples.percentile(later, q);
        long b = Samples.percentile(earlier, q);
        return a == Long.MIN_VALUE || b == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d ms", a - b);
    }

    private static String minus(List<Long> sorted, double q, long wait) {
        long v = Samples.percentile(sorted, q);
        return v == Long.MIN_VALUE ? "-" : String.format(Locale.ROOT, "%,d ms", v - wait);
    }
}
