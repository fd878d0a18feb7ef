package io.pricefeed.producer.kinesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * The stream's open shards, from ListShards: the targets of heartbeats. A shard is open while its
 * sequence-number range has no end (a split or merge closes the parents). Refreshed on a timer and
 * whenever a put lands on a shard not in the list (the stream was resharded).
 */
final class ShardDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(ShardDirectory.class);

    /** A shard that accepts writes, and the hash key that routes a record to it. */
    record OpenShard(String shardId, String startingHashKey) {
    }

    private final KinesisClient client;
    private final String stream;
    private volatile List<OpenShard> open = List.of();
    private volatile Set<String> openIds = Set.of();
    private volatile boolean stale = true;

    ShardDirectory(KinesisClient client, String stream) {
        this.client = client;
        this.stream = stream;
    }

    /** The open shards as of the last refresh. */
    List<OpenShard> openShards() {
        return open;
    }

    boolean isStale() {
        return stale;
    }

    /** Records that puts went to these shards; an unknown one marks the list stale. */
    void noteShards(Set<String> shardIds) {
        if (!openIds.containsAll(shardIds)) {
            stale = true;
        }
    }

    void markStale() {
        stale = true;
    }

    /** Lists the shards again (all pages). */
    synchronized List<OpenShard> refresh() {
        List<Shard> shards = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest request = next == null
                    ? ListShardsRequest.builder().streamName(stream).build()
                    : ListShardsRequest.builder().nextToken(next).build();
            ListShardsResponse r = client.listShards(request);
            shards.addAll(r.shards());
            next = r.nextToken();
        } while (next != null);
        List<OpenShard> now = new ArrayList<>();
        for (Shard s : shards) {
            if (s.sequenceNumberRange() == null || s.sequenceNumberRange().endingSequenceNumber() == null) {
                now.add(new OpenShard(s.shardId(), s.hashKeyRange().startingHashKey()));
            }
        }
        Set<String> ids = now.stream().map(OpenShard::shardId).collect(Collectors.toUnmodifiableSet());
        if (!ids.equals(openIds)) {
            LOG.info("stream {} has {} open shards: {}", stream, ids.size(), ids);
        }
        open = Collections.unmodifiableList(now);
        openIds = ids;
        stale = false;
        return open;
    }
}
