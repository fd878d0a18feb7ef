package io.pricefeed.flink.ingest;

import static io.pricefeed.flink.config.PropertyGroups.props;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.local.LocalCluster;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * {@link KinesisAssignedShards} predicts exactly the shards each {@code FlinkKinesisConsumer}
 * subtask reads: a job with the real {@link KinesisTickInput} on kinesalite (5 shards, 2
 * subtasks) tags every record with the subtask that saw it, and each shard shows up on the subtask
 * the prediction gives it.
 */
@LocalAws
class KinesisAssignedShardsITCase {
    private static final String STREAM = "ticks-assigned";
    private static final long T = 1_773_135_000_000L;

    @Test
    void eachShardIsReadByTheSubtaskThePredictionNames(Kinesalite kinesis) throws Exception {
        kinesis.createStream(STREAM, 5);
        List<Shard> shards = kinesis.client().listShards(b -> b.streamName(STREAM)).shards();
        for (Shard shard : shards) { // one heartbeat to every shard, as the producer sends them
            kinesis.client().putRecord(b -> b.streamName(STREAM).partitionKey("heartbeat")
                    .explicitHashKey(shard.hashKeyRange().startingHashKey())
                    .data(SdkBytes.fromByteArray(WireCodec.encode(new Heartbeat(T, "assigned-test")))));
        }
        JobConfig config = JobConfig.fromPropertyGroups(Map.of("kinesis", props("endpoint", kinesis.endpoint().toString(),
                "ticksStream", STREAM, "initialPosition", "TRIM_HORIZON", "getRecordsIntervalMs", "100",
                "shardDiscoveryIntervalMs", "1000")));

        KinesisAssignedShards predicted = new KinesisAssignedShards(STREAM, KinesisTickInput.consumerProperties(config),
                new FlinkKinesisConsumer<>(STREAM, new TickStreamDeserializer(), KinesisTickInput.consumerProperties(config))
                        .getShardAssigner());
        Set<String> onFirst = predicted.of(0, 2);
        Set<String> onSecond = predicted.of(1, 2);
        Set<String> all = shards.stream().map(Shard::shardId).collect(Collectors.toCollection(TreeSet::new));
        Set<String> union = new TreeSet<>(onFirst);
        union.addAll(onSecond);
        assertThat(union).as("every shard on some subtask").isEqualTo(all);
        assertThat(onFirst).as("no shard on both").doesNotContainAnyElementsOf(onSecond);

        StreamExecutionEnvironment env = LocalCluster.environment(2, new Configuration());
        List<String> seen = new KinesisTickInput(config).open(env).forward().map(new TagWithSubtask())
                .executeAndCollect(shards.size());
        Set<String> expected = new HashSet<>();
        onFirst.forEach(s -> expected.add("0|" + s));
        onSecond.forEach(s -> expected.add("1|" + s));
        assertThat(seen).as("subtask|shard of each heartbeat read").containsExactlyInAnyOrderElementsOf(expected);
    }

    /** "subtask|shard", from the operator chained behind the source, so with the source's subtask index. */
    private static final class TagWithSubtask extends RichMapFunction<TickStreamRecord, String> {
        @Override
        public String map(TickStreamRecord record) {
            return getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + "|" + record.shard;
        }
    }
}
