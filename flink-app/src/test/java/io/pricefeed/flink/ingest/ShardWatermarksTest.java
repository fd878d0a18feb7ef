package io.pricefeed.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.standins.CapturedLogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.AbstractStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class ShardWatermarksTest {
    private static final long T = 1_773_135_000_000L; // 2026-03-10 15:00 IST
    private static final long OOO = 2_000;
    private static final long IDLE = 30_000;
    /** The fixed startup grace the operator used to wait before emitting the minimum over the shards seen. */
    private static final long OLD_GRACE = 5_000;
    private static final AssignedShards TWO_SHARDS = (index, parallelism) -> Set.of("shard-0", "shard-1");

    @Test
    void aShardWhoseFirstRecordComesLongAfterTheOthersGraceHasNothingLate() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness(TWO_SHARDS)) {
            // Both shards hold a minute of backlog; shard-0's first read answers at once.
            h.setProcessingTime(1_000);
            for (long s = 0; s <= 60; s++) {
                h.processElement(tick("shard-0", T + s * 1_000), 0);
            }
            h.setProcessingTime(1_000 + OLD_GRACE + 100);
            assertThat(watermarks(h)).as("shard-1 has not answered: past the old grace, still nothing").isEmpty();
            h.setProcessingTime(1_000 + 20_000);
            assertThat(watermarks(h)).as("20 s on, still waiting for shard-1").isEmpty();

            // shard-1's first read answers 20 s after shard-0's, then its backlog flows in while timers fire.
            for (long s = 0; s <= 60; s++) {
                h.processElement(tick("shard-1", T + s * 1_000), 0);
                h.setProcessingTime(1_000 + 20_000 + (s + 1) * 100);
            }
            assertThat(watermarks(h)).as("the minimum over both, once shard-1 delivered").isNotEmpty()
                    .allMatch(w -> w <= T + 60_000 - OOO - 1).last().isEqualTo(T + 60_000 - OOO - 1);
            assertThat(lateRecords(h)).as("records at or behind the watermark when they were emitted").isEmpty();
            assertThat(h.extractOutputStreamRecords()).hasSize(122);
        }
    }

    @Test
    void anAssignedShardThatNeverAnswersHoldsTheWatermarkForTheIdlenessIntervalThenIsNamedAndLeftOut() throws Exception {
        try (CapturedLogs logs = new CapturedLogs();
             OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness(TWO_SHARDS)) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-0", T), 0);
            for (long s = 1; s <= 3; s++) { // shard-0 keeps heartbeating; shard-1 says nothing
                h.setProcessingTime(1_000 + s * 10_000);
                h.processElement(heartbeat("shard-0", T + s * 10_000), 0);
            }
            h.setProcessingTime(1_000 + IDLE);
            assertThat(watermarks(h)).as("shard-1 may still answer").isEmpty();
            h.setProcessingTime(1_000 + IDLE + 100);
            assertThat(watermarks(h)).containsExactly(T + 30_000 - OOO - 1);
            assertThat(h.getOutput()).doesNotContain(WatermarkStatus.IDLE);
            assertThat(logs.lines()).filteredOn(l -> l.contains("WARN") && l.contains("shard-1")).hasSize(1)
                    .allMatch(l -> l.contains("source subtask 0/1") && l.contains("bars.idlenessMs=30000"));
        }
    }

    @Test
    void theOperatorAsksForTheShardsOfItsOwnSubtaskIndex() throws Exception {
        AssignedShards bySubtask = (index, parallelism) -> Set.of("shard-" + index + "-of-" + parallelism);
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness(bySubtask, 2, 1)) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-1-of-2", T), 0);
            h.setProcessingTime(1_100);
            assertThat(watermarks(h)).as("its only shard has answered: no wait").containsExactly(T - OOO - 1);
        }
    }

    @Test
    void aShardAddedAfterStartupJoinsTheMinimumWhenItFirstDelivers() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h =
                     harness((index, parallelism) -> Set.of("shard-0"))) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-0", T + 30_000), 0);
            h.setProcessingTime(1_100);
            assertThat(watermarks(h)).containsExactly(T + 30_000 - OOO - 1);

            h.processElement(tick("shard-2", T + 31_000), 0);
            h.processElement(heartbeat("shard-0", T + 50_000), 0);
            h.setProcessingTime(1_200);
            assertThat(watermarks(h)).as("held at the new shard's clock").last().isEqualTo(T + 31_000 - OOO - 1);
        }
    }

    @Test
    void afterARestoreAShardWithNothingLeftToReadResumesAtItsCheckpointedClockInsteadOfHoldingTheWatermark()
            throws Exception {
        OperatorSubtaskState checkpoint = checkpointAfterShard0At30sAndShard1At60s();
        try (CapturedLogs logs = new CapturedLogs();
             OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = restored(checkpoint, TWO_SHARDS, 1, 0)) {
            h.setProcessingTime(50_000);
            h.processElement(heartbeat("shard-1", T + 61_000), 0);
            h.setProcessingTime(50_100);
            assertThat(watermarks(h)).as("shard-0 read to its end before the checkpoint: its clock came back")
                    .containsExactly(T + 30_000 - OOO - 1);
            h.processElement(heartbeat("shard-0", T + 70_000), 0);
            h.setProcessingTime(50_200);
            assertThat(watermarks(h)).last().isEqualTo(T + 61_000 - OOO - 1);
            assertThat(logs.lines()).noneMatch(l -> l.contains("WARN") && l.contains("ShardWatermarks"));
        }
    }

    @Test
    void aRestoredSubtaskWithNothingLeftToReadStillStartsItsWatermark() throws Exception {
        OperatorSubtaskState checkpoint = checkpointAfterShard0At30sAndShard1At60s();
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = restored(checkpoint, TWO_SHARDS, 1, 0)) {
            h.setProcessingTime(50_100);
            assertThat(watermarks(h)).containsExactly(T + 30_000 - OOO - 1);
        }
    }

    @Test
    void onARestoreWithMoreSubtasksEachTakesTheClocksOfItsOwnShards() throws Exception {
        OperatorSubtaskState checkpoint = AbstractStreamOperatorTestHarness.repartitionOperatorState(
                checkpointAfterShard0At30sAndShard1At60s(), 128, 1, 2, 1);
        AssignedShards split = (index, parallelism) -> Set.of("shard-" + index);
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = restored(checkpoint, split, 2, 1)) {
            h.setProcessingTime(50_100);
            assertThat(watermarks(h)).as("shard-1 only").containsExactly(T + 60_000 - OOO - 1);
        }
    }

    @Test
    void recordsCarryTheirEventTimeAndRejectionsDoNotMoveTheWatermark() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h =
                     harness((index, parallelism) -> Set.of("shard-0"))) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-0", T), 99);
            h.processElement(TickStreamRecord.of(new Rejection("malformed_json", "x", "{", T + 600_000)).fromShard("shard-0"), 99);
            h.setProcessingTime(1_100);
            assertThat(h.extractOutputStreamRecords()).extracting(StreamRecord::getTimestamp).containsExactly(T, T + 600_000);
            assertThat(watermarks(h)).containsExactly(T - OOO - 1);
        }
    }

    @Test
    void aSilentShardLeavesTheMinimumAfterTheIdlenessIntervalAndAllSilentMeansIdle() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness(TWO_SHARDS)) {
            h.setProcessingTime(0);
            h.processElement(tick("shard-0", T), 0);
            h.processElement(tick("shard-1", T + 50_000), 0);
            h.setProcessingTime(5_000);
            assertThat(watermarks(h)).as("held by shard-0").containsExactly(T - OOO - 1);
            h.processElement(heartbeat("shard-1", T + 90_000), 0);
            h.setProcessingTime(IDLE + 100);
            assertThat(watermarks(h)).as("shard-0 silent since 0").last().isEqualTo(T + 90_000 - OOO - 1);
            assertThat(h.getOutput()).doesNotContain(WatermarkStatus.IDLE);
            h.setProcessingTime(5_000 + IDLE + 100);
            assertThat(h.getOutput()).contains(WatermarkStatus.IDLE);
        }
    }

    private static OperatorSubtaskState checkpointAfterShard0At30sAndShard1At60s() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = harness(TWO_SHARDS)) {
            h.setProcessingTime(1_000);
            h.processElement(tick("shard-0", T + 30_000), 0);
            h.processElement(tick("shard-1", T + 60_000), 0);
            return h.snapshot(1, 1_100);
        }
    }

    private static OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> restored(
            OperatorSubtaskState checkpoint, AssignedShards shards, int parallelism, int subtaskIndex) throws Exception {
        OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = new OneInputStreamOperatorTestHarness<>(
                new ShardWatermarks(OOO, IDLE, shards), 128, parallelism, subtaskIndex);
        h.getExecutionConfig().setAutoWatermarkInterval(100);
        h.setProcessingTime(50_000);
        h.initializeState(checkpoint);
        h.open();
        return h;
    }

    private static OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> harness(AssignedShards shards)
            throws Exception {
        return harness(shards, 1, 0);
    }

    private static OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> harness(
            AssignedShards shards, int parallelism, int subtaskIndex) throws Exception {
        OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h = new OneInputStreamOperatorTestHarness<>(
                new ShardWatermarks(OOO, IDLE, shards), 128, parallelism, subtaskIndex);
        h.getExecutionConfig().setAutoWatermarkInterval(100);
        h.open();
        return h;
    }

    private static List<Long> watermarks(OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h) {
        return h.getOutput().stream().filter(o -> o instanceof Watermark).map(o -> ((Watermark) o).getTimestamp())
                .collect(Collectors.toList());
    }

    /** Records emitted with a timestamp at or before the watermark already emitted: what an event-time operator drops as late. */
    private static List<TickStreamRecord> lateRecords(OneInputStreamOperatorTestHarness<TickStreamRecord, TickStreamRecord> h) {
        List<TickStreamRecord> late = new ArrayList<>();
        long watermark = Long.MIN_VALUE;
        for (Object o : h.getOutput()) {
            if (o instanceof Watermark) {
                watermark = ((Watermark) o).getTimestamp();
            } else if (o instanceof StreamRecord) {
                @SuppressWarnings("unchecked")
                StreamRecord<TickStreamRecord> r = (StreamRecord<TickStreamRecord>) o;
                if (r.getTimestamp() <= watermark) {
                    late.add(r.getValue());
                }
            }
        }
        return late;
    }

    private static TickStreamRecord tick(String shard, long ts) {
        return TickStreamRecord.of(new Tick("NSE:SBIN-EQ", ts, 100, 1000, 100, 100, 101, 99, 99, 0, 0)).fromShard(shard);
    }

    private static TickStreamRecord heartbeat(String shard, long ts) {
        return TickStreamRecord.of(new Heartbeat(ts, "producer-1")).fromShard(shard);
    }
}
