package io.pricefeed.flink;

import static io.pricefeed.flink.PlantedAnomalySession.minute;
import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.pricefeed.alerts.AlertDeduplicator;
import io.pricefeed.alerts.AlertsHandler;
import io.pricefeed.alerts.SmtpNotifier;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.flink.ingest.KinesisTickInput;
import io.pricefeed.flink.ingest.TickStreamRecord;
import io.pricefeed.flink.lake.DuckDb;
import io.pricefeed.flink.local.LocalCluster;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.CapturedLogs;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Recovery (issue #10): {@link PlantedAnomalySession} (four planted anomalies) plus a few bad
 * records, once through the job without failures, and once arriving minute by minute as a live
 * producer would send it while the job fails twice (an injected task failure at two points; each
 * restart restores the last checkpoint) and is then cancelled mid-session and started as a new
 * job from its last retained checkpoint, as an operator would after a crash of the whole
 * application. Both end with a drain. The lake's bars, ticks, anomalies and rejects, DynamoDB's
 * final bars and the anomaly ids are identical between the two runs.
 *
 * <p>The anomalies stream is at-least-once, so after the restarts it may hold an anomaly twice.
 * Its records are then fed, twice over (as Lambda redelivers a failed batch), to the real
 * {@link AlertsHandler} with its DynamoDB Local de-dup table and an SMTP notifier on GreenMail:
 * exactly one mail per anomaly id.
 */
@LocalAws
class JobRecoveryITCase {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final List<byte[]> BAD_RECORDS = List.of(
            "{not json".getBytes(StandardCharsets.UTF_8),
            "{\"type\":\"tick\",\"symbol\":\"NSE:BAD-EQ\",\"ts\":1773115000000,\"ltp\":-1,\"cumVolume\":1,\"atp\":1}"
                    .getBytes(StandardCharsets.UTF_8),
            "{\"type\":\"quote\",\"symbol\":\"NSE:BAD-EQ\"}".getBytes(StandardCharsets.UTF_8));
    /** The recovery run's stream is written up to here before the job is cancelled, the rest while it is down. */
    private static final int CANCEL_AFTER_MINUTE = 24;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private final SessionScript script = PlantedAnomalySession.script();

    @Test
    void twoTaskFailuresAndAJobRestartFromItsLastCheckpointChangeNothingAndMailEachAnomalyOnce(
            Kinesalite kinesis, DynamoDbLocal dynamo, @TempDir Path dir) throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            // The reference: the whole session in the stream, one job, no failures.
            Run reference = new Run("reference", kinesis, dynamo, dir);
            new TickStreamWriter(kinesis.client(), reference.ticksStream).write(script.ticks,
                    script.heartbeats(5_000), BAD_RECORDS, script.from, script.to);
            JobClient job = reference.start(null, false);
            reference.awaitFinalMinute(PlantedAnomalySession.MINUTES - 1, job);
            reference.drain(job);

            // The same session, live: written a minute at a time while the job runs and fails twice.
            Run recovery = new Run("recovery", kinesis, dynamo, dir);
            TickStreamWriter writer = new TickStreamWriter(kinesis.client(), recovery.ticksStream);
            FailTwice.reset(500, 1_000);
            job = recovery.start(null, true);
            for (int m = 0; m <= CANCEL_AFTER_MINUTE; m++) {
                writeMinute(writer, m);
                int written = m;
                // Pace the writes by the job's progress, not by the clock: its watermark trails the data.
                await().atMost(TIMEOUT).until(() -> written < 3 || recovery.finalMinuteOfAll(written - 3));
            }
            recovery.awaitFinalMinute(CANCEL_AFTER_MINUTE - 3, job);
            assertThat(FailTwice.failures.get()).as("both task failures injected").isEqualTo(2);
            // A checkpoint taken after the second failure, then the whole job goes away.
            int afterFailures = recovery.lastCheckpoint();
            await().atMost(TIMEOUT).until(() -> recovery.lastCheckpoint() > afterFailures);
            job.cancel().get(30, TimeUnit.SECONDS);
            Path retained = recovery.latestRetainedCheckpoint();

            for (int m = CANCEL_AFTER_MINUTE + 1; m < PlantedAnomalySession.MINUTES; m++) {
                writeMinute(writer, m);
            }
            writer.write(List.of(), tailHeartbeats(), List.of(), 0, 0);
            job = recovery.start(retained, true);
            recovery.awaitFinalMinute(PlantedAnomalySession.MINUTES - 1, job);
            recovery.drain(job);
            assertThat(FailTwice.failures.get()).as("no failure after the restore").isEqualTo(2);

            assertSameLake(recovery.lake, reference.lake);
            assertThat(recovery.finalItems()).as("DynamoDB final bars").isEqualTo(reference.finalItems())
                    .hasSizeGreaterThan(6 * PlantedAnomalySession.MINUTES);
            List<Anomaly> referenceStream = AnomalyStream.read(kinesis.client(), reference.anomaliesStream);
            List<Anomaly> recoveryStream = AnomalyStream.read(kinesis.client(), recovery.anomaliesStream);
            assertThat(referenceStream).as("the reference run: the four planted anomalies once each").hasSize(4);
            TreeSet<String> recoveryIds = ids(recoveryStream);
            assertThat(recoveryIds).as("the same anomaly ids, perhaps some twice").isEqualTo(ids(referenceStream))
                    .isEqualTo(LakeReader.anomalyIds(recovery.lake).keySet());
            System.out.printf("recovery: %d anomalies on the stream for %d ids%n", recoveryStream.size(), ids(referenceStream).size());

            mailEachAnomalyOnce(kinesis, dynamo, recovery.anomaliesStream, recoveryStream);
            assertThat(logs.linesContainingAny(List.of("secretkey", "secretKey", "secretAccessKey")))
                    .as("no AWS secret in the logs").isEmpty();
        }
    }

    /** The stream's records, duplicates and all, twice over, through the alerts handler: one mail per id. */
    private static void mailEachAnomalyOnce(Kinesalite kinesis, DynamoDbLocal dynamo, String stream, List<Anomaly> sent)
            throws Exception {
        dynamo.createTable(PipelineResources.alertDedupTable("alert-dedup-recovery"));
        AlertsHandler handler = new AlertsHandler(
                new AlertDeduplicator(dynamo.client(), "alert-dedup-recovery", Duration.ofDays(7), Clock.systemUTC()),
                new SmtpNotifier("127.0.0.1", smtp.getSmtp().getPort(), "pricefeed@localhost", "trader@localhost", Optional.empty()),
                100, Clock.systemUTC());
        List<software.amazon.awssdk.services.kinesis.model.Record> records = AnomalyStream.records(kinesis.client(), stream);
        for (int delivery = 0; delivery < 2; delivery++) {
            assertThat(handler.handleRequest(event(records), null).getBatchItemFailures()).isEmpty();
        }
        List<String> subjects = Arrays.stream(smtp.getReceivedMessages())
                .map(m -> subject((MimeMessage) m)).sorted().collect(Collectors.toList());
        assertThat(subjects).as("one mail per anomaly id, however often it was delivered").hasSize(ids(sent).size())
                .doesNotHaveDuplicates();
        for (String symbol : sent.stream().map(Anomaly::getSymbol).collect(Collectors.toSet())) {
            assertThat(subjects).as(symbol).filteredOn(s -> s.contains(symbol)).hasSize(1);
        }
    }

    private static KinesisEvent event(List<software.amazon.awssdk.services.kinesis.model.Record> records) {
        List<KinesisEvent.KinesisEventRecord> out = new ArrayList<>();
        for (software.amazon.awssdk.services.kinesis.model.Record r : records) {
            KinesisEvent.Record k = new KinesisEvent.Record();
            k.setSequenceNumber(r.sequenceNumber());
            k.setPartitionKey(r.partitionKey());
            k.setData(r.data().asByteBuffer());
            KinesisEvent.KinesisEventRecord e = new KinesisEvent.KinesisEventRecord();
            e.setKinesis(k);
            e.setEventSource("aws:kinesis");
            out.add(e);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(out);
        return event;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreeSet<String> ids(List<Anomaly> anomalies) {
        return anomalies.stream().map(Anomaly::getId).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Minute {@code m} of the session (ticks and 5 s heartbeats), with one bad record in the minutes that have one. */
    private void writeMinute(TickStreamWriter writer, int m) {
        long from = minute(m);
        long to = minute(m + 1);
        List<Tick> ticks = script.ticks.stream().filter(t -> t.getTs() >= from && t.getTs() < to).collect(Collectors.toList());
        List<Heartbeat> heartbeats = script.heartbeats(5_000).stream().filter(h -> h.getTs() >= from && h.getTs() < to)
                .collect(Collectors.toList());
        int badIndex = m / 15; // minutes 0, 15, 30: one bad record each
        List<byte[]> bad = m % 15 == 0 && badIndex < BAD_RECORDS.size() ? List.of(BAD_RECORDS.get(badIndex)) : List.of();
        writer.write(ticks, heartbeats, bad, from, to);
    }

    /** The heartbeats after the last minute, as the producer keeps sending them for 5 minutes after the close. */
    private List<Heartbeat> tailHeartbeats() {
        return script.heartbeats(5_000).stream().filter(h -> h.getTs() >= script.to).collect(Collectors.toList());
    }

    /** Both lakes hold the same rows, table by table, each row as often. */
    private static void assertSameLake(Path actual, Path expected) throws Exception {
        ReferenceBars.assertSame(LakeReader.bars(actual), LakeReader.bars(expected));
        try (DuckDb db = DuckDb.inMemory()) {
            for (String query : List.of(
                    "SELECT timeframe, symbol, epoch_ms(bar_start), open, high, low, close, vwap, volume, tick_count, revision "
                            + "FROM read_parquet('%s/bars/**/[!._]*.parquet', hive_partitioning = true) ORDER BY ALL",
                    "SELECT * FROM read_parquet('%s/ticks/**/[!._]*.parquet') ORDER BY ALL",
                    "SELECT id, symbol, rule, severity, epoch_ms(ts), epoch_ms(bar_start), timeframe, value, threshold, message, "
                            + "CAST(context AS VARCHAR) FROM read_parquet('%s/anomalies/**/[!._]*.parquet') ORDER BY ALL",
                    "SELECT reason, raw FROM " + LakeReader.rejectsTable(Path.of("%s")) + " ORDER BY ALL")) {
                List<List<Object>> want = db.rows(String.format(query, expected));
                assertThat(want).as(query).isNotEmpty();
                assertThat(db.rows(String.format(query, actual))).as(query).isEqualTo(want);
            }
        }
    }

    /** One run: its own ticks stream, lake, bars table, anomalies stream and checkpoints. */
    private final class Run {
        final String ticksStream;
        final String anomaliesStream;
        final String table;
        final Path lake;
        final Path checkpoints;
        private final Path savepoints;
        private final DynamoDbLocal dynamo;
        private final JobConfig config;

        Run(String name, Kinesalite kinesis, DynamoDbLocal dynamo, Path dir) {
            this.ticksStream = "ticks-" + name;
            this.anomaliesStream = "anomalies-" + name;
            this.table = "bars-" + name;
            this.lake = dir.resolve(name).resolve("lake");
            this.checkpoints = dir.resolve(name).resolve("checkpoints");
            this.savepoints = dir.resolve(name).resolve("savepoints");
            this.dynamo = dynamo;
            kinesis.createStream(ticksStream, 1); // one shard: the recovery, not the shard spread, is under test
            kinesis.createStream(anomaliesStream, 1);
            dynamo.createTable(PipelineResources.barsTable(table));
            this.config = JobConfig.fromPropertyGroups(Map.of(
                    "kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", ticksStream,
                            "anomaliesStream", anomaliesStream, "initialPosition", "TRIM_HORIZON",
                            "getRecordsIntervalMs", "100", "shardDiscoveryIntervalMs", "1000"),
                    "dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", table),
                    "lake", props("path", lake.toString(), "checkpointsPerCompaction", "2"),
                    "job", props("checkpointIntervalMs", "500")));
        }

        /**
         * Starts the job, from {@code restoreFrom} when given, with the failure injector in the
         * topology when {@code injectFailures} (then restarts are allowed; otherwise none).
         * Checkpoints every 500 ms, retained on cancellation.
         */
        JobClient start(Path restoreFrom, boolean injectFailures) throws Exception {
            Configuration conf = new Configuration();
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
            conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
            if (injectFailures) {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
                conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
            } else {
                conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            }
            if (restoreFrom != null) {
                conf.set(SavepointConfigOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
            }
            StreamExecutionEnvironment env = LocalCluster.environment(2, conf);
            env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
            new PricefeedJob(config, injectFailures
                    ? e -> new KinesisTickInput(config).open(e).map(new FailTwice()).name("Injected failures").uid("inject-failures")
                    : new KinesisTickInput(config), JobSinks.all(config)).build(env);
            return env.executeAsync("recovery-" + table);
        }

        /** Every symbol's 1m bar {@code m} minutes after 09:15 is final in DynamoDB. */
        boolean finalMinuteOfAll(int m) {
            return script.symbols.stream().allMatch(s -> dynamo.client().getItem(b -> b.tableName(table).key(Map.of(
                    BarItem.PK, AttributeValue.builder().s(BarItem.partitionKey(s, Timeframe.M1, false)).build(),
                    BarItem.SK, AttributeValue.builder().n(Long.toString(minute(m))).build()))).hasItem());
        }

        void awaitFinalMinute(int m, JobClient job) {
            await("the 1m bars of minute " + m + " final").atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(job.getJobStatus().get().isGloballyTerminalState()).as("job ended early").isFalse();
                return finalMinuteOfAll(m);
            });
        }

        /** Stops with a drain: every open bar final, the last files committed (as {@link LocalJob#drain}). */
        void drain(JobClient job) throws Exception {
            job.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
            assertThat(job.getJobExecutionResult().get(60, TimeUnit.SECONDS)).isNotNull();
        }

        /** The number of the newest completed checkpoint of this run (0 before the first). */
        int lastCheckpoint() throws Exception {
            Path latest = latestRetainedCheckpoint();
            return latest == null ? 0 : Integer.parseInt(latest.getFileName().toString().substring("chk-".length()));
        }

        /** The newest {@code chk-N} folder with its {@code _metadata}: a completed, retained checkpoint. */
        Path latestRetainedCheckpoint() throws Exception {
            if (!Files.exists(checkpoints)) {
                return null;
            }
            try (Stream<Path> found = Files.walk(checkpoints, 2)) {
                return found.filter(p -> p.getFileName().toString().startsWith("chk-") && Files.exists(p.resolve("_metadata")))
                        .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().substring(4))))
                        .orElse(null);
            }
        }

        /** The table's final items (key to attributes), as stored. */
        Map<String, Map<String, AttributeValue>> finalItems() {
            Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
            dynamo.client().scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
                if (item.get("final").bool()) {
                    items.put(item.get(BarItem.PK).s() + "@" + item.get(BarItem.SK).n(), item);
                }
            });
            return items;
        }
    }

    /**
     * Throws twice: on the first record after {@code first} records, and after {@code second}.
     * The counts are JVM-wide (operator state starts over with each restore), over both subtasks
     * and including the records a restart reads again.
     */
    static final class FailTwice implements MapFunction<TickStreamRecord, TickStreamRecord> {
        private static final long serialVersionUID = 1L;
        static final AtomicLong seen = new AtomicLong();
        static final AtomicInteger failures = new AtomicInteger();
        private static volatile long first;
        private static volatile long second;

        static void reset(long firstAfter, long secondAfter) {
            seen.set(0);
            failures.set(0);
            first = firstAfter;
            second = secondAfter;
        }

        @Override
        public TickStreamRecord map(TickStreamRecord record) {
            long n = seen.incrementAndGet();
            int done = failures.get();
            if ((done == 0 && n > first || done == 1 && n > second) && failures.compareAndSet(done, done + 1)) {
                throw new IllegalStateException("injected failure " + (done + 1) + " after " + n + " records");
            }
            return record;
        }
    }
}
