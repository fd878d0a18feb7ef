package io.pricefeed.flink.ingest;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where the job's ticks come from: Kinesis in production ({@link KinesisTickInput}), the archive
 * in a replay ({@link ArchiveTickInput}), anything in a test. The stream it returns already
 * carries event timestamps and watermarks ({@link TickWatermarks}), because only the source can
 * keep one watermark per shard.
 */
@FunctionalInterface
public interface TickInput {
    DataStream<TickStreamRecord> open(StreamExecutionEnvironment env);
}
