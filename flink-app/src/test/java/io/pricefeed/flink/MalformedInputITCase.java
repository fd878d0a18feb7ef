package io.pricefeed.flink;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.KinesisTickInput;
import io.pricefeed.flink.ingest.RouteTickStream;
import io.pricefeed.flink.lake.DuckDb;
import io.pricefeed.flink.lake.LakeTestCluster;
import io.pricefeed.standins.CapturedLogs;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input never fails the job (DESIGN.md §3): 10,000 generated malformed records
 * ({@link MalformedRecords}: broken JSON, wrong types, bad prices, missing fields, future
 * timestamps, unknown types, strings up to 1 MB, invalid UTF-8) spread among a 10-symbol session on
 * kinesalite, read by the whole job on a MiniCluster with restarts off, so any exception in any
 * operator fails the test. Every bad record is in {@code rejects/} once, with the reason the wire
 * rules give it; the session's bars equal the reference bars computed without the bad records. The
 * job's accumulators agree: exactly the session's ticks accepted, exactly the corpus rejected.
 */
@LocalAws
class MalformedInputITCase {
    private static final String TICKS = "ticks-malformed";
    private static final String RUN = "malformed";
    private static final int BAD = 10_000;
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void theJobStaysUpFilesEveryBadRecordWithItsReasonAndKeepsTheGoodBars(Kinesalite kinesis, DynamoDbLocal dynamo,
                                                                         @TempDir Path lake) throws Exception {
        SessionScript script = SessionScript.generate(20261010L, 10, LocalTime.of(15, 0), LocalTime.of(15, 30));
        Map<String, ReferenceBars.Row> expected = ReferenceBars.of(script.ticks);
        List<MalformedRecords.Record> corpus = MalformedRecords.generate(10, BAD, System.currentTimeMillis(), script.from, script.to);
        List<byte[]> raw = new ArrayList<>();
        corpus.forEach(r -> raw.add(r.raw));

        kinesis.createStream(TICKS, 1); // one shard: the bad records, not the shard spread, are under test
        kinesis.createStream("anomalies-" + RUN, 1);
        dynamo.createTable(PipelineResources.barsTable("bars-" + RUN));
        new TickStreamWriter(kinesis.client(), TICKS).writeSessionWithRaw(script, 5_000, raw);

        Configuration noRestarts = new Configuration();
        noRestarts.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = LakeTestCluster.environment(Duration.ofMillis(500), noRestarts);
        JobConfig config = config(kinesis, dynamo, lake);
        new PricefeedJob(config, new KinesisTickInput(config), JobSinks.all(config)).build(env);
        try (CapturedLogs logs = new CapturedLogs()) {
            JobClient job = env.executeAsync("malformed-input");
            try (DuckDb db = DuckDb.inMemory()) {
                await("every bar and every reject committed").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(job.getJobStatus().get()).as("the job is up").isEqualTo(JobStatus.RUNNING);
                    return LakeReader.rows(db, lake.resolve("bars")) >= expected.size()
                            && LakeReader.rejects(db, lake) >= BAD
                            && LakeReader.rows(db, lake.resolve("ticks")) >= script.ticks.size();
                });
                assertThat(job.getJobStatus().get()).as("still up after it all").isEqualTo(JobStatus.RUNNING);
                // A running job's accumulators reach the client with the task managers' heartbeats, so
                // they can lag the lake (CI once read none yet).
                await("the job's counters").atMost(TIMEOUT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    Map<String, Object> accumulators = job.getAccumulators().get();
                    assertThat(accumulators.get(RouteTickStream.TICKS_ACCUMULATOR)).isEqualTo((long) script.ticks.size());
                    assertThat(accumulators.get(RouteTickStream.REJECTS_ACCUMULATOR)).isEqualTo((long) BAD);
                });
            } finally {
                job.cancel().get();
            }
            assertThat(logs.linesContainingAny(List.of("secretkey", "secretKey", "secretAccessKey")))
                    .as("no AWS secret in the logs").isEmpty();
        }

        try (DuckDb db = DuckDb.inMemory()) {
            Map<String, Long> byReason = new TreeMap<>();
            for (List<Object> r : db.rows("SELECT reason, count(*) FROM " + LakeReader.rejectsTable(lake) + " GROUP BY 1")) {
                byReason.put((String) r.get(0), (Long) r.get(1));
            }
            assertThat(byReason).as("rejects per reason").isEqualTo(corpus.stream()
                    .collect(Collectors.groupingBy(r -> r.reason, TreeMap::new, Collectors.counting())));
            // Record by record: each bad record's exact text under its own reason, none twice, none lost.
            Map<String, Long> expectedRejects = corpus.stream()
                    .collect(Collectors.groupingBy(r -> r.reason + "\u0000" + r.rawText(), TreeMap::new, Collectors.counting()));
            Map<String, Long> actualRejects = new TreeMap<>();
            for (List<Object> r : db.rows("SELECT reason, raw FROM " + LakeReader.rejectsTable(lake))) {
                actualRejects.merge(r.get(0) + "\u0000" + r.get(1), 1L, Long::sum);
            }
            assertThat(actualRejects.equals(expectedRejects)).as("every bad record rejected once with its reason").isTrue();
            assertThat(db.rows("SELECT count(*) FROM read_parquet('" + lake + "/ticks/**/[!._]*.parquet')").get(0).get(0))
                    .as("the archive: the session's ticks, nothing else").isEqualTo((long) script.ticks.size());
        }
        ReferenceBars.assertSame(LakeReader.bars(lake), expected);
    }

    private static JobConfig config(Kinesalite kinesis, DynamoDbLocal dynamo, Path lake) {
        return JobConfig.fromPropertyGroups(Map.of(
                "kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", TICKS,
                        "anomaliesStream", "anomalies-" + RUN, "initialPosition", "TRIM_HORIZON",
                        "getRecordsIntervalMs", "100", "shardDiscoveryIntervalMs", "1000"),
                "dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", "bars-" + RUN),
                "lake", props("path", lake.toString(), "checkpointsPerCompaction", "2")));
    }
}
