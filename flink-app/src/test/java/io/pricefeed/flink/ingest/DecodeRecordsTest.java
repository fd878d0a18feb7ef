package io.pricefeed.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class DecodeRecordsTest {
    private static final long NOW = 1_773_114_306_000L;

    @Test
    void ticksGoOutHeartbeatsAndRejectsGoToTheirSideOutputs() throws Exception {
        try (OneInputStreamOperatorTestHarness<byte[], Tick> harness =
                     ProcessFunctionTestHarnesses.forProcessFunction(new DecodeRecords())) {
            harness.setProcessingTime(NOW);
            Tick tick = new Tick("NSE:SBIN-EQ", NOW - 900, 1098.75, 8234561L, 1096.12, 1094, 1101.2, 1089.55, 1092.4, 1098.7, 1098.75);
            byte[] bad = "{\"type\":\"tick\",\"symbol\":\"NSE:SBIN-EQ\",\"ts\":1,\"ltp\":-3,\"cumVolume\":1,\"atp\":1}"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] future = WireCodec.encode(new Tick("NSE:SBIN-EQ", NOW + 600_000, 1, 1, 1, 0, 0, 0, 0, 0, 0));

            harness.processElement(WireCodec.encode(tick), NOW);
            harness.processElement(WireCodec.encode(new Heartbeat(NOW, "producer-1")), NOW);
            harness.processElement(bad, NOW);
            harness.processElement(future, NOW);
            harness.processElement("garbage".getBytes(StandardCharsets.UTF_8), NOW);

            assertThat(harness.extractOutputValues()).containsExactly(tick);
            assertThat(harness.getSideOutput(DecodeRecords.HEARTBEATS)).extracting(StreamRecord::getValue)
                    .containsExactly(new Heartbeat(NOW, "producer-1"));
            assertThat(harness.getSideOutput(DecodeRecords.REJECTS)).extracting(StreamRecord::getValue)
                    .extracting(Rejection::getReason)
                    .containsExactly("bad_price", "future_ts", "malformed_json");
            assertThat(harness.getSideOutput(DecodeRecords.REJECTS).peek().getValue().getRaw())
                    .isEqualTo(new String(bad, StandardCharsets.UTF_8));
            assertThat(harness.getSideOutput(DecodeRecords.REJECTS)).extracting(r -> r.getValue().getTs())
                    .as("filed under the arrival time").containsOnly(NOW);
        }
    }
}
