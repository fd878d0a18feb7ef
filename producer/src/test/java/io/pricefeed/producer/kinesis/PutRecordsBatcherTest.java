package io.pricefeed.producer.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PutRecordsBatcherTest {
    private static OutgoingRecord record(int dataBytes) {
        return new OutgoingRecord(OutgoingRecord.Kind.TICK, "NSE:SBIN-EQ", null, new byte[dataBytes]);
    }

    private static List<List<OutgoingRecord>> drain(PutRecordsBatcher batcher, ArrayDeque<OutgoingRecord> queue) {
        List<List<OutgoingRecord>> batches = new ArrayList<>();
        while (!queue.isEmpty()) {
            batches.add(batcher.next(queue.poll(), queue));
        }
        return batches;
    }

    @Test
    void atMost500RecordsPerRequestInQueueOrder() {
        ArrayDeque<OutgoingRecord> queue = new ArrayDeque<>();
        List<OutgoingRecord> all = new ArrayList<>();
        for (int i = 0; i < 1_201; i++) {
            OutgoingRecord r = record(250);
            queue.add(r);
            all.add(r);
        }
        List<List<OutgoingRecord>> batches = drain(new PutRecordsBatcher(500, PutRecordsBatcher.MAX_REQUEST_BYTES), queue);
        assertThat(batches).extracting(List::size).containsExactly(500, 500, 201);
        assertThat(batches.stream().flatMap(List::stream).toList()).isEqualTo(all);
    }

    @Test
    void atMostFiveMebibytesOfDataAndPartitionKeysPerRequest() {
        ArrayDeque<OutgoingRecord> queue = new ArrayDeque<>();
        for (int i = 0; i < 30; i++) {
            queue.add(record(400 * 1024)); // 30 x 400 KiB: 12 fit in 5 MiB with their keys
        }
        List<List<OutgoingRecord>> batches = drain(new PutRecordsBatcher(500, PutRecordsBatcher.MAX_REQUEST_BYTES), queue);
        assertThat(batches).extracting(List::size).containsExactly(12, 12, 6);
        for (List<OutgoingRecord> b : batches) {
            assertThat(b.stream().mapToLong(OutgoingRecord::size).sum()).isLessThanOrEqualTo(5L * 1024 * 1024);
        }
    }

    @Test
    void aSmallerRecordLimitMakesSmallerRequests() {
        ArrayDeque<OutgoingRecord> queue = new ArrayDeque<>();
        for (int i = 0; i < 3; i++) {
            queue.add(record(10));
        }
        assertThat(drain(new PutRecordsBatcher(1, PutRecordsBatcher.MAX_REQUEST_BYTES), queue)).extracting(List::size).containsExactly(1, 1, 1);
    }

    @Test
    void limitsBeyondKinesisOwnAreRefused() {
        assertThatThrownBy(() -> new PutRecordsBatcher(501, PutRecordsBatcher.MAX_REQUEST_BYTES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PutRecordsBatcher(500, PutRecordsBatcher.MAX_REQUEST_BYTES + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PutRecordsBatcher.fits(record(1024 * 1024 - 11))).isTrue();
        assertThat(PutRecordsBatcher.fits(record(1024 * 1024))).isFalse();
    }
}
