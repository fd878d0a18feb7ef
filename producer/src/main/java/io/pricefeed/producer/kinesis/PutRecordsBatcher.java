package io.pricefeed.producer.kinesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * Cuts the queue of outgoing records into PutRecords requests within Kinesis' limits: at most 500
 * records and 5 MiB (data plus partition keys) per request, 1 MiB per record. Records leave the
 * queue in order, so ticks of one symbol and the heartbeats after them keep their order.
 */
final class PutRecordsBatcher {
    static final int MAX_RECORDS = 500;
    static final int MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    static final int MAX_RECORD_BYTES = 1024 * 1024;

    private final int maxRecords;
    private final int maxBytes;

    PutRecordsBatcher(int maxRecords, int maxBytes) {
        if (maxRecords < 1 || maxRecords > MAX_RECORDS) {
            throw new IllegalArgumentException("maxRecords must be 1.." + MAX_RECORDS + ", was " + maxRecords);
        }
        if (maxBytes < MAX_RECORD_BYTES || maxBytes > MAX_REQUEST_BYTES) {
            throw new IllegalArgumentException("maxBytes must be " + MAX_RECORD_BYTES + ".." + MAX_REQUEST_BYTES + ", was " + maxBytes);
        }
        this.maxRecords = maxRecords;
        this.maxBytes = maxBytes;
    }

    /**
     * The next request: {@code first} (already taken from the queue) followed by as many queued
     * records as fit. A record that can never fit a request is rejected by the caller before it
     * is queued ({@link #fits(OutgoingRecord)}).
     */
    List<OutgoingRecord> next(OutgoingRecord first, Queue<OutgoingRecord> queue) {
        List<OutgoingRecord> batch = new ArrayList<>(Math.min(maxRecords, queue.size() + 1));
        batch.add(first);
        long bytes = first.size();
        while (batch.size() < maxRecords) {
            OutgoingRecord r = queue.peek();
            if (r == null || bytes + r.size() > maxBytes) {
                break;
            }
            queue.poll();
            batch.add(r);
            bytes += r.size();
        }
        return batch;
    }

    /** True when a record is within the per-record limit. */
    static boolean fits(OutgoingRecord r) {
        return r.size() <= MAX_RECORD_BYTES;
    }
}
