package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Everything in a stream, read back shard by shard from the start with GetRecords, decoded. */
final class StreamContents {
    final Map<String, List<Tick>> ticksByShard = new LinkedHashMap<>();
    final Map<String, List<Heartbeat>> heartbeatsByShard = new LinkedHashMap<>();

    static StreamContents read(KinesisClient client, String stream) {
        StreamContents c = new StreamContents();
        List<Shard> shards = client.listShards(b -> b.streamName(stream)).shards();
        for (Shard shard : shards) {
            List<Tick> ticks = new ArrayList<>();
            List<Heartbeat> heartbeats = new ArrayList<>();
            String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse r = client.getRecords(b -> b.shardIterator(current).limit(10_000));
                for (Record record : r.records()) {
                    DecodeResult d = WireCodec.decode(record.data().asByteArray(), Long.MAX_VALUE / 2);
                    assertThat(d.isAccepted()).as("every record decodes: %s", d.rejection()).isTrue();
                    if (d.isTick()) {
                        ticks.add(d.tick());
                    } else if (d.isHeartbeat()) {
                        heartbeats.add(d.heartbeat());
                    }
                }
                if (r.records().isEmpty() && (r.millisBehindLatest() == null || r.millisBehindLatest() == 0)) {
                    break;
                }
                iterator = r.nextShardIterator();
            }
            c.ticksByShard.put(shard.shardId(), ticks);
            c.heartbeatsByShard.put(shard.shardId(), heartbeats);
        }
        return c;
    }

    /** Every tick, per symbol, in event-time order. */
    Map<String, List<Tick>> ticksBySymbol() {
        return ticksByShard.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingLong(Tick::getTs))
                .collect(Collectors.groupingBy(Tick::getSymbol, LinkedHashMap::new, Collectors.toList()));
    }

    long tickCount() {
        return ticksByShard.values().stream().mapToLong(List::size).sum();
    }
}
