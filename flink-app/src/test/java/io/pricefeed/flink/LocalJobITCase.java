package io.pricefeed.flink;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.lake.DuckDb;
import io.pricefeed.flink.local.LocalJob;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job as the demo runs it: started in the background, watched through its accumulators, and
 * drained at the end. Ticks stop at 15:05 and no heartbeat follows, so only the drain can make the
 * last minutes, the hours and the day final; afterwards every timeframe's bars are in the lake and in DynamoDB.
 */
@LocalAws
class LocalJobITCase {
    @Test
    void drainingFinalisesAndCommitsEveryOpenBar(Kinesalite kinesis, DynamoDbLocal dynamo, @TempDir Path dir) throws Exception {
        SessionScript script = SessionScript.generate(7L, 5, LocalTime.of(15, 0), LocalTime.of(15, 5));
        kinesis.createStream("ticks-drain", 2);
        kinesis.createStream("anomalies-drain", 1);
        dynamo.createTable(PipelineResources.barsTable("bars-drain"));
        new TickStreamWriter(kinesis.client(), "ticks-drain").writeSession(script, Long.MAX_VALUE / 4, List.of());

        JobConfig config = JobConfig.fromPropertyGroups(Map.of(
                "kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", "ticks-drain",
                        "anomaliesStream", "anomalies-drain", "initialPosition", "TRIM_HORIZON"),
                "dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", "bars-drain"),
                "lake", props("path", dir.resolve("lake").toString()),
                "job", props("checkpointIntervalMs", "1000")));
        LocalJob job = LocalJob.start(config, 2, dir.resolve("state"));
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (job.progress().ticks < script.ticks.size()) {
                assertThat(System.nanoTime()).as("all ticks read within a minute").isLessThan(deadline);
                Thread.sleep(200); // polling the job's accumulators for the awaited condition
            }
            long minuteBars = ReferenceBars.of(script.ticks).keySet().stream().filter(k -> k.contains("|1m|")).count();
            assertThat(job.progress().finalMinuteBars).as("no heartbeat after 15:05: the last minutes are still open")
                    .isLessThan(minuteBars);
            job.drain(Duration.ofSeconds(60));
        } finally {
            job.close();
        }

        Map<String, ReferenceBars.Row> expected = ReferenceBars.of(script.ticks);
        try (DuckDb db = DuckDb.inMemory()) {
            List<List<Object>> counts = db.rows("SELECT timeframe, count(*) FROM read_parquet('" + dir.resolve("lake")
                    + "/bars/**/[!._]*.parquet', hive_partitioning = true) GROUP BY 1 ORDER BY 1");
            assertThat(counts).contains(List.of("1d", 5L), List.of("1h", 5L));
            long total = counts.stream().mapToLong(r -> (Long) r.get(1)).sum();
            assertThat(total).isEqualTo(expected.size());
        }
        long finalItems = dynamo.client().scanPaginator(b -> b.tableName("bars-drain")).items().stream()
                .filter(i -> i.get("final").bool()).count();
        assertThat(finalItems).isEqualTo(expected.size());
    }

}
