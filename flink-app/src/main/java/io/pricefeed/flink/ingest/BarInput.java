package io.pricefeed.flink.ingest;

import io.pricefeed.model.Bar;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Final bars that come from somewhere other than ticks, beside the job's {@link TickInput}: the
 * history candles of a backfill ({@link StagedHistoryInput}). Its 1m bars join the bars built from
 * ticks, so the same rollup operator makes their 5m, 15m, 1h and 1d bars; bars of other timeframes
 * go to the sinks as they are. The stream carries event timestamps (each bar's last millisecond).
 */
@FunctionalInterface
public interface BarInput {
    DataStream<Bar> open(StreamExecutionEnvironment env);
}
