package io.pricefeed.producer.kinesis;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Kinesis record waiting to be put: a tick (partition key = its symbol) or a heartbeat (routed
 * to one shard by an explicit hash key, its partition key only a label).
 *
 * @param explicitHashKey the target shard's starting hash key, or null to route by partition key
 */
record OutgoingRecord(Kind kind, String partitionKey, String explicitHashKey, byte[] data) {
    /** What a record is, for counting acknowledgements. */
    enum Kind { TICK, HEARTBEAT }

    OutgoingRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(data, "data");
    }

    /** Bytes this record counts for against the PutRecords request limit: data plus partition key. */
    int size() {
        return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }
}
