package io.pricefeed.flink.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class TickStreamRecordTest {
    private static final long NOW = 1_773_114_306_000L;
    private static final long ARRIVAL = NOW - 50;
    private static final Tick TICK = new Tick("NSE:SBIN-EQ", NOW - 900, 1098.75, 8234561L, 1096.12, 1094, 1101.2,
            1089.55, 1092.4, 1098.7, 1098.75);

    @Test
    void decodesTicksAndHeartbeatsAndTurnsEverythingElseIntoRejectionsFiledUnderArrival() {
        assertThat(TickStreamRecord.decode(WireCodec.encode(TICK), ARRIVAL, NOW).tick).isEqualTo(TICK);
        assertThat(TickStreamRecord.decode(WireCodec.encode(new Heartbeat(NOW, "p")), ARRIVAL, NOW).heartbeat)
                .isEqualTo(new Heartbeat(NOW, "p"));

        byte[] bad = "{\"type\":\"tick\",\"symbol\":\"NSE:SBIN-EQ\",\"ts\":1,\"ltp\":-3,\"cumVolume\":1,\"atp\":1}"
                .getBytes(StandardCharsets.UTF_8);
        TickStreamRecord rejected = TickStreamRecord.decode(bad, ARRIVAL, NOW);
        assertThat(rejected.rejection.getReason()).isEqualTo("bad_price");
        assertThat(rejected.rejection.getRaw()).isEqualTo(new String(bad, StandardCharsets.UTF_8));
        assertThat(rejected.eventTime()).isEqualTo(ARRIVAL);
        assertThat(rejected.carriesEventTime()).isFalse();

        byte[] future = WireCodec.encode(new Tick("NSE:SBIN-EQ", NOW + 600_000, 1, 1, 1, 0, 0, 0, 0, 0, 0));
        assertThat(TickStreamRecord.decode(future, ARRIVAL, NOW).rejection.getReason()).isEqualTo("future_ts");
        assertThat(TickStreamRecord.decode("garbage".getBytes(StandardCharsets.UTF_8), ARRIVAL, NOW).rejection.getReason())
                .isEqualTo("malformed_json");

        Anomaly anomaly = new Anomaly("id", "NSE:SBIN-EQ", AnomalyRule.PRICE_MOVE, Severity.HIGH, NOW, NOW - 60_000,
                Timeframe.M1, 5.3, 5, "SBIN up 5.3%", Map.of());
        assertThat(TickStreamRecord.decode(WireCodec.encode(anomaly), ARRIVAL, NOW).rejection.getReason())
                .as("an anomaly does not belong on the ticks stream").isEqualTo(TickStreamRecord.UNEXPECTED_TYPE);
    }

    @Test
    void routingSendsTicksOnRejectionsAsideAndDropsHeartbeats() throws Exception {
        try (OneInputStreamOperatorTestHarness<TickStreamRecord, Tick> h =
                     ProcessFunctionTestHarnesses.forProcessFunction(new RouteTickStream())) {
            h.processElement(TickStreamRecord.of(TICK), TICK.getTs());
            h.processElement(TickStreamRecord.of(new Heartbeat(NOW, "p")), NOW);
            h.processElement(TickStreamRecord.decode("{".getBytes(StandardCharsets.UTF_8), ARRIVAL, NOW), ARRIVAL);
            assertThat(h.extractOutputValues()).isEqualTo(List.of(TICK));
            assertThat(h.getSideOutput(RouteTickStream.REJECTS)).extracting(StreamRecord::getValue)
                    .extracting(r -> r.getReason()).containsExactly("malformed_json");
        }
    }
}
