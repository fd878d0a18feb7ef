package io.pricefeed.producer.kinesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * What one PutRecords call did to each record of its request. Kinesis answers per record, in
 * request order: a record with an error code was not stored and must be sent again (only those:
 * resending the others would duplicate them); {@code ProvisionedThroughputExceededException} means
 * its shard is over its write limit.
 */
final class PutOutcome {
    static final String THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";

    private final List<OutgoingRecord> stored;
    private final List<OutgoingRecord> failed;
    private final int throughputExceeded;
    private final Set<String> shardIds;
    private final String firstError;

    private PutOutcome(List<OutgoingRecord> stored, List<OutgoingRecord> failed, int throughputExceeded,
                       Set<String> shardIds, String firstError) {
        this.stored = stored;
        this.failed = failed;
        this.throughputExceeded = throughputExceeded;
        this.shardIds = shardIds;
        this.firstError = firstError;
    }

    /**
     * @throws IllegalStateException when the response does not have one entry per request record
     */
    static PutOutcome of(List<OutgoingRecord> request, PutRecordsResponse response) {
        List<PutRecordsResultEntry> results = response.records();
        if (results.size() != request.size()) {
            throw new IllegalStateException("PutRecords answered " + results.size() + " entries for " + request.size() + " records");
        }
        List<OutgoingRecord> stored = new ArrayList<>(request.size());
        List<OutgoingRecord> failed = new ArrayList<>();
        Set<String> shards = new HashSet<>();
        int throttled = 0;
        String firstError = null;
        for (int i = 0; i < results.size(); i++) {
            PutRecordsResultEntry r = results.get(i);
            if (r.errorCode() == null) {
                stored.add(request.get(i));
                if (r.shardId() != null) {
                    shards.add(r.shardId());
                }
            } else {
                failed.add(request.get(i));
                if (THROUGHPUT_EXCEEDED.equals(r.errorCode())) {
                    throttled++;
                }
                if (firstError == null) {
                    firstError = r.errorCode() + ": " + r.errorMessage();
                }
            }
        }
        return new PutOutcome(Collections.unmodifiableList(stored), Collections.unmodifiableList(failed), throttled,
                Collections.unmodifiableSet(shards), firstError);
    }

    List<OutgoingRecord> stored() {
        return stored;
    }

    /** The records to send again, in their original order. */
    List<OutgoingRecord> failed() {
        return failed;
    }

    int throughputExceeded() {
        return throughputExceeded;
    }

    /** Shards that took records (to notice a resharding). */
    Set<String> shardIds() {
        return shardIds;
    }

    /** The first per-record error, for the log; null when none failed. */
    String firstError() {
        return firstError;
    }
}
