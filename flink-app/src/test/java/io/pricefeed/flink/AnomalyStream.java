package io.pricefeed.flink;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.WireCodec;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** What an anomalies stream on kinesalite holds, as the alerts Lambda would receive it. */
final class AnomalyStream {
    private AnomalyStream() {
    }

    /** Every anomaly on {@code stream}, decoded, read from the start of each shard to its end. */
    static List<Anomaly> read(KinesisClient client, String stream) {
        List<Anomaly> anomalies = new ArrayList<>();
        for (Record r : records(client, stream)) {
            anomalies.add(WireCodec.decode(r.data().asByteArray(), System.currentTimeMillis()).anomaly());
        }
        return anomalies;
    }

    /** Every record on {@code stream} as stored, shard by shard from the start, redeliveries included. */
    static List<Record> records(KinesisClient client, String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : client.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String it = iterator;
                GetRecordsResponse page = client.getRecords(b -> b.shardIterator(it));
                records.addAll(page.records());
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return records;
    }
}
