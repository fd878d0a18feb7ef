package io.pricefeed.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ShardWatermarksTest {
    private static final long T = 1_773_135_000_000L; // 2026-03-10 15:00 IST
    private static final long OOO = 2_000;
    private static final long IDLE = 30_000;
    private static final long GRACE = 5_000;

    @Test
    void noWatermarkDuringTheStartupGraceThenTheMinimumOverShards() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness()) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-0", T + 60_000), 0);
            h.setProcessingTime(1_000 + GRACE - 1);
            assertThat(watermarks(h)).as("the other shard has not answered yet").isEmpty();

            h.processElement(tick("shard-1", T + 10_000), 0);
            h.setProcessingTime(1_000 + GRACE + 100);
            assertThat(watermarks(h)).as("held back by the lagging shard").containsExactly(T + 10_000 - OOO - 1);

            h.processElement(heartbeat("shard-1", T + 70_000), 0);
            h.setProcessingTime(1_000 + GRACE + 300);
            assertThat(watermarks(h)).last().isEqualTo(T + 60_000 - OOO - 1);
        }
    }

    @Test
    void recordsCarryTheirEventTimeAndRejectionsDoNotMoveTheWatermark() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness()) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-0", T), 99);
            h.processElement(TickStreamRecord.of(new Rejection("malformed_json", "x", "{", T + 600_000)).fromShard("shard-0"), 99);
            h.setProcessingTime(1_000 + GRACE + 100);
            assertThat(h.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp).containsExactly(T, T + 600_000);
            assertThat(watermarks(h)).containsExactly(T - OOO - 1);
        }
    }

    @Test
    void aSilentShardLeavesTheMinimumAfterTheIdlenessIntervalAndAllSilentMeansIdle() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness()) {
            h.setProcessingTime(0);
            h.processElement(tick("shard-0", T), 0);
            h.processElement(tick("shard-1", T + 50_000), 0);
            h.setProcessingTime(GRACE);
            h.processElement(heartbeat("shard-1", T + 90_000), 0);
            h.setProcessingTime(IDLE + 100);
            assertThat(watermarks(h)).as("shard-0 silent since 0").last().isEqualTo(T + 90_000 - OOO - 1);
            assertThat(h.getOutput()).doesNotContain(WatermarkStatus.IDLE);
            h.setProcessingTime(GRACE + IDLE + 100);
            assertThat(h.getOutput()).contains(WatermarkStatus.IDLE);
        }
    }

    private static OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> harness() throws Exception {
        OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h =
                new OneInputStreamOperatorTestHarness<>(new ShardWatermarks(OOO, IDLE, GRACE));
        h.getExecutionConfig().setAutoWatermarkInterval(100);
        h.open();
        return h;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h) {
        return h.getOutput().stream().filter(o -> o instanceof Watermark).map(o -> ((Watermark) o).getTimestamp())
                .collect(Collectors.toList());
    }

    private static TickStreamRecord tick(String shard, long ts) {
        return TickStreamRecord.of(new Tick("NSE:SBIN-EQ", ts, 100, 1000, 100, 100, 101, 99, 99, 0, 0)).fromShard(shard);
    }

    private static TickStreamRecord heartbeat(String shard, long ts) {
        return TickStreamRecord.of(new Heartbeat(ts, "producer-1")).fromShard(shard);
    }
}
