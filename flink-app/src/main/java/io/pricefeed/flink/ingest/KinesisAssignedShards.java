package io.pricefeed.flink.ingest;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.connectors.kinesis.KinesisShardAssigner;
import org.apache.flink.streaming.connectors.kinesis.internals.KinesisDataFetcher;
import org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle;
import org.apache.flink.streaming.connectors.kinesis.proxy.KinesisProxy;

/**
 * The shards a {@code FlinkKinesisConsumer} subtask reads, worked out the way the consumer works
 * them out: the stream's shards listed through the connector's own {@link KinesisProxy} with the
 * consumer's properties, and kept where the consumer's {@link KinesisShardAssigner} and
 * {@link KinesisDataFetcher#isThisSubtaskShouldSubscribeTo} put them on this subtask.
 *
 * <p>Why the connector's proxy and not an SDK v2 client: the default assigner hashes the whole
 * {@link StreamShardHandle} (stream name and the shaded SDK's {@code Shard}, hash-key and
 * sequence-number ranges included), so only handles built by the same code are certain to hash
 * as the consumer's do.
 *
 * <p>Closed shards (parents of a resharding) are left out: after a restore from a checkpoint the
 * consumer may have read them to the end and will never read them again, so waiting for them
 * would stall the watermark for the idleness interval on every restart. A closed shard that still
 * has records joins the watermark when it first delivers, like a shard created after startup.
 */
public final class KinesisAssignedShards implements AssignedShards {
    private static final long serialVersionUID = 1L;

    private final String stream;
    private final Properties consumerProperties;
    private final KinesisShardAssigner assigner;

    /**
     * @param consumerProperties the properties the consumer was built with
     * @param assigner           the consumer's assigner ({@code consumer.getShardAssigner()})
     */
    public KinesisAssignedShards(String stream, Properties consumerProperties, KinesisShardAssigner assigner) {
        this.stream = stream;
        this.consumerProperties = consumerProperties;
        this.assigner = assigner;
    }

    @Override
    public Set<String> of(int subtaskIndex, int parallelism) throws InterruptedException {
        Map<String, String> fromTheFirstShard = new HashMap<>();
        fromTheFirstShard.put(stream, null);
        List<StreamShardHandle> shards = KinesisProxy.create(consumerProperties).getShardList(fromTheFirstShard)
                .getRetrievedShardListOfStream(stream);
        if (shards == null) {
            return Collections.emptySet();
        }
        Set<String> assigned = new TreeSet<>();
        for (StreamShardHandle shard : shards) {
            if (!shard.isClosed() && KinesisDataFetcher.isThisSubtaskShouldSubscribeTo(
                    assigner.assign(shard, parallelism), parallelism, subtaskIndex)) {
                assigned.add(shard.getShard().getShardId());
            }
        }
        return assigned;
    }
}
