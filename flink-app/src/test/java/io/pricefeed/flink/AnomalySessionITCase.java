package io.pricefeed.flink;

import static io.pricefeed.flink.PlantedAnomalySession.BURST;
import static io.pricefeed.flink.PlantedAnomalySession.GAPPER;
import static io.pricefeed.flink.PlantedAnomalySession.JUMPER;
import static io.pricefeed.flink.PlantedAnomalySession.MOVER;
import static io.pricefeed.flink.PlantedAnomalySession.minute;
import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.pricefeed.flink.anomaly.AnomalyThresholds;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.flink.lake.DuckDb;
import io.pricefeed.flink.local.LocalJob;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Timeframe;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The anomaly rules end to end (DESIGN.md §6): {@link PlantedAnomalySession}, six symbols from the
 * 09:15 open to 10:00 with one planted event per rule, through kinesalite and the whole job on a
 * MiniCluster (as the demo runs it, {@link LocalJob}), at the design's thresholds. Exactly the four
 * planted anomalies reach the anomalies stream, each once, and the lake's {@code anomalies/}, and
 * they are the very anomalies, ids included, that the plain-Java detector finds in the same ticks.
 */
@LocalAws
class AnomalySessionITCase {
    private static final String TICKS = "ticks-planted";
    private static final String ANOMALIES = "anomalies-planted";
    private static final String TABLE = "bars-planted";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @Test
    void exactlyThePlantedAnomaliesReachTheStreamAndTheLakeOnceEachWithTheDetectorsIds(
            Kinesalite kinesis, DynamoDbLocal dynamo, @TempDir Path dir) throws Exception {
        SessionScript script = PlantedAnomalySession.script();
        // Two shards on two source subtasks (the assigner may put both on one): each subtask's
        // watermark waits for every shard it reads, so none of the planted ticks is late.
        kinesis.createStream(TICKS, 2);
        kinesis.createStream(ANOMALIES, 1);
        dynamo.createTable(PipelineResources.barsTable(TABLE));
        // Heartbeats until 10:05, as the producer sends them: every bar of the session becomes final.
        new TickStreamWriter(kinesis.client(), TICKS).writeSession(script, 5_000, List.of());
        JobConfig config = JobConfig.fromPropertyGroups(Map.of(
                "kinesis", props("endpoint", kinesis.endpoint().toString(), "ticksStream", TICKS,
                        "anomaliesStream", ANOMALIES, "initialPosition", "TRIM_HORIZON",
                        "getRecordsIntervalMs", "100", "shardDiscoveryIntervalMs", "1000"),
                "dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", TABLE),
                "lake", props("path", dir.resolve("lake").toString()),
                "job", props("checkpointIntervalMs", "1000"),
                // DESIGN.md §6's defaults, spelled out: the script is built against these.
                "anomaly", props("priceMoveBandsPct", "5,7.5,10", "zscoreK", "4", "zscoreWindow", "30",
                        "surgeRatio", "5", "surgeWindow", "20", "surgeMinVolume", "1000", "gapOpenPct", "3")));
        List<Anomaly> expected = PlantedAnomalySession.detect(script, AnomalyThresholds.fromConfig(config));
        assertThat(expected).as("the script, in plain Java").extracting(Anomaly::getRule, Anomaly::getSymbol)
                .containsExactly(tuple(AnomalyRule.GAP_OPEN, GAPPER), tuple(AnomalyRule.PRICE_MOVE, MOVER),
                        tuple(AnomalyRule.VOLUME_SURGE, BURST), tuple(AnomalyRule.RETURN_ZSCORE, JUMPER));

        LocalJob job = LocalJob.start(config, 2, dir.resolve("state"));
        try {
            // Every symbol's 09:59 bar final in DynamoDB: every tick read and every 1m bar judged
            // (bars finalise in order). Then the drain flushes whatever is still on its way to the
            // stream and the lake, so what they hold afterwards is all the job ever emitted.
            await("the session's last 1m bars, final").atMost(TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> script.symbols.stream().allMatch(s -> finalItemExists(dynamo, s, minute(PlantedAnomalySession.MINUTES - 1))));
            job.drain(TIMEOUT);
        } finally {
            job.close();
        }

        List<Anomaly> onStream = AnomalyStream.read(kinesis.client(), ANOMALIES);
        assertThat(onStream).as("each once, nothing else").hasSize(4);
        assertThat(new HashSet<>(onStream)).as("the detector's anomalies: rule, bar, value, message and id")
                .isEqualTo(new HashSet<>(expected));
        assertThat(onStream).extracting(Anomaly::getRule, Anomaly::getSymbol, Anomaly::getBarStart, Anomaly::getId)
                .containsExactlyInAnyOrder(
                        tuple(AnomalyRule.GAP_OPEN, GAPPER, minute(0),
                                Anomaly.stableId(GAPPER, AnomalyRule.GAP_OPEN, Long.toString(minute(0)))),
                        tuple(AnomalyRule.PRICE_MOVE, MOVER, minute(PlantedAnomalySession.SPIKE_MINUTE),
                                Anomaly.stableId(MOVER, AnomalyRule.PRICE_MOVE, "2026-03-10|5.0|up")),
                        tuple(AnomalyRule.VOLUME_SURGE, BURST, minute(PlantedAnomalySession.BURST_MINUTE),
                                Anomaly.stableId(BURST, AnomalyRule.VOLUME_SURGE,
                                        Long.toString(minute(PlantedAnomalySession.BURST_MINUTE)))),
                        tuple(AnomalyRule.RETURN_ZSCORE, JUMPER, minute(PlantedAnomalySession.JUMP_MINUTE),
                                Anomaly.stableId(JUMPER, AnomalyRule.RETURN_ZSCORE,
                                        Long.toString(minute(PlantedAnomalySession.JUMP_MINUTE)))));
        assertThat(onStream).allSatisfy(a -> assertThat(a.getTimeframe()).isEqualTo(Timeframe.M1));

        try (DuckDb db = DuckDb.inMemory()) {
            List<List<Object>> inLake = db.rows("SELECT id, symbol, rule, epoch_ms(bar_start), CAST(trade_date AS VARCHAR) "
                    + "FROM read_parquet('" + dir.resolve("lake") + "/anomalies/**/[!._]*.parquet', hive_partitioning = true)");
            assertThat(inLake).as("the lake: the same four, once each, in the day's partition").containsExactlyInAnyOrderElementsOf(
                    expected.stream().map(a -> List.<Object>of(a.getId(), a.getSymbol(), a.getRule().name(), a.getBarStart(),
                            "2026-03-10")).collect(Collectors.toList()));
        }
    }

    private static boolean finalItemExists(DynamoDbLocal dynamo, String symbol, long barStart) {
        return dynamo.client().getItem(b -> b.tableName(TABLE).key(Map.of(
                BarItem.PK, AttributeValue.builder().s(BarItem.partitionKey(symbol, Timeframe.M1, false)).build(),
                BarItem.SK, AttributeValue.builder().n(Long.toString(barStart)).build()))).hasItem();
    }
}
