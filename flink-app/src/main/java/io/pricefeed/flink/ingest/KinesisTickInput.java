package io.pricefeed.flink.ingest;

import io.pricefeed.flink.config.AwsClientProperties;
import io.pricefeed.flink.config.JobConfig;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/**
 * The {@code ticks} Kinesis stream, read with the connector's {@link FlinkKinesisConsumer}.
 *
 * <p>Why the legacy consumer and not the connector's early {@code KinesisStreamsSource} (4.3.0):
 * that source calls {@code GetRecords} back to back with no interval (FLINK-36947, FLINK-37918,
 * fixed only in the 5.x line), which breaches Kinesis' 5 reads per second per shard on AWS and
 * spins a core against kinesis-local; the consumer polls every
 * {@code flink.shard.getrecords.intervalmillis} and has run on Managed Flink for years. Both are
 * exactly-once: the consumer snapshots its shard sequence numbers in every checkpoint. Event time
 * is kept per shard by {@link ShardWatermarks} right after the consumer (and chained to it).
 */
public final class KinesisTickInput implements TickInput {
    public static final String UID = "ticks-source";

    private final JobConfig config;

    public KinesisTickInput(JobConfig config) {
        this.config = config;
    }

    @Override
    public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
        FlinkKinesisConsumer<TickStreamRecord> consumer = new FlinkKinesisConsumer<>(
                config.get(JobConfig.TICKS_STREAM), new TickStreamDeserializer(), consumerProperties(config));
        return env.addSource(consumer).name("Kinesis: " + config.get(JobConfig.TICKS_STREAM)).uid(UID)
                .transform("Event time per shard", TypeInformation.of(TickStreamRecord.class), new ShardWatermarks(
                        config.get(JobConfig.OUT_OF_ORDERNESS_MS), config.get(JobConfig.IDLENESS_MS),
                        config.get(JobConfig.WATERMARK_STARTUP_GRACE_MS)))
                .uid("shard-watermarks");
    }

    /** The consumer's settings from the job configuration; static credentials only for a local endpoint. */
    static Properties consumerProperties(JobConfig config) {
        Properties p = AwsClientProperties.of(config.get(JobConfig.KINESIS_REGION), config.get(JobConfig.KINESIS_ENDPOINT));
        p.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, config.get(JobConfig.INITIAL_POSITION));
        p.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS,
                Long.toString(config.get(JobConfig.GET_RECORDS_INTERVAL_MS)));
        p.setProperty(ConsumerConfigConstants.SHARD_DISCOVERY_INTERVAL_MILLIS,
                Long.toString(config.get(JobConfig.SHARD_DISCOVERY_INTERVAL_MS)));
        return p;
    }
}
