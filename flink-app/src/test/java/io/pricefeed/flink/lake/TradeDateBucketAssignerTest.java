package io.pricefeed.flink.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Timeframe;
import java.time.Instant;
import org.apache.flink.core.io.SimpleVersionedSerialization;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.junit.jupiter.api.Test;

class TradeDateBucketAssignerTest {
    /** Processing time is deliberately far from every event time below. */
    private static final BucketAssigner.Context CONTEXT = new BucketAssigner.Context() {
        @Override
        public long currentProcessingTime() {
            return Instant.parse("2030-01-01T12:00:00Z").toEpochMilli();
        }

        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void theTradeDateIsTheIstDateOfTheEventTime() {
        TradeDateBucketAssigner<Rejection> assigner = TradeDateBucketAssigner.byEventTime(Rejection::getTs);
        // IST midnight is 18:30 UTC the day before.
        assertThat(assigner.getBucketId(new Rejection("r", "d", "x", at("2026-03-09T18:29:59.999Z")), CONTEXT))
                .isEqualTo("trade_date=2026-03-09");
        assertThat(assigner.getBucketId(new Rejection("r", "d", "x", at("2026-03-09T18:30:00Z")), CONTEXT))
                .isEqualTo("trade_date=2026-03-10");
        assertThat(assigner.getBucketId(new Rejection("r", "d", "x", at("2026-03-10T10:00:00Z")), CONTEXT))
                .isEqualTo("trade_date=2026-03-10");
    }

    @Test
    void parentFoldersGoInFrontOfTheTradeDate() {
        TradeDateBucketAssigner<Bar> assigner = TradeDateBucketAssigner.byEventTime(Bar::getBarStart,
                bar -> "timeframe=" + bar.getTimeframe().label());
        Bar bar = new Bar("NSE:SBIN-EQ", Timeframe.M15, at("2026-03-10T03:45:00Z"), at("2026-03-10T04:00:00Z"),
                1, 1, 1, 1, 1, 1, 1, 0, true);
        assertThat(assigner.getBucketId(bar, CONTEXT)).isEqualTo("timeframe=15m/trade_date=2026-03-10");
    }

    @Test
    void bucketIdsSurviveTheirStateSerializer() throws Exception {
        TradeDateBucketAssigner<Rejection> assigner = TradeDateBucketAssigner.byEventTime(Rejection::getTs);
        byte[] bytes = SimpleVersionedSerialization.writeVersionAndSerialize(assigner.getSerializer(),
                "trade_date=2026-03-10");
        assertThat(SimpleVersionedSerialization.readVersionAndDeSerialize(assigner.getSerializer(), bytes))
                .isEqualTo("trade_date=2026-03-10");
    }

    @Test
    void barsAreFiledByTimeframeAndTradeDateOfTheirStart() {
        Bar bar = new Bar("NSE:SBIN-EQ", Timeframe.D1, at("2026-03-10T03:45:00Z"), at("2026-03-10T10:00:00Z"),
                1, 1, 1, 1, 1, 1, 1, 0, true);
        assertThat(LakeSinks.barPartitions().getBucketId(bar, CONTEXT)).isEqualTo("timeframe=1d/trade_date=2026-03-10");
    }

    @Test
    void aBarWithoutTimeframeCannotBeFiled() {
        Bar bar = new Bar("NSE:SBIN-EQ", null, at("2026-03-10T03:45:00Z"), at("2026-03-10T03:46:00Z"),
                1, 1, 1, 1, 1, 1, 1, 0, true);
        assertThatThrownBy(() -> LakeSinks.barPartitions().getBucketId(bar, CONTEXT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a timeframe");
    }
}
