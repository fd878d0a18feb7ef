package io.pricefeed.flink.ingest;

import io.pricefeed.flink.config.AwsClientProperties;
import io.pricefeed.flink.config.JobConfig;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/**
 * The {@code ticks} Kinesis stream, read with the connector's {@link FlinkKinesisConsumer}.
 *
 * <p>Why the legacy consumer and not the connector's early {@code KinesisStreamsSource} (4.3.0):
 * that source calls {@code GetRecords} back to back with no interval (FLINK-36947, FLINK-37918,
 * fixed only in the 5.x line), which breaches Kinesis' 5 reads per second per shard on AWS and
 * spins a core against kinesalite; the consumer polls every
 * {@code flink.shard.getrecords.intervalmillis} and has run on Managed Flink for years. Both are
 * exactly-once: the consumer snapshots its shard sequence numbers in every checkpoint. Event time
 * is kept per shard by {@link ShardWatermarks} right after the consumer.
 *
 * <p>{@link ShardWatermarks} works out which shards its source subtask reads from its own subtask
 * index, so it must run with the source's parallelism behind a forward edge: {@code forward()}
 * makes Flink refuse to build the job otherwise, and the parallelism is set to the source's
 * explicitly so a change of the default cannot split them; the operator chains itself to the
 * source. It gets the consumer's own assigner and properties.
 */
public final class KinesisTickInput implements TickInput {
    public static final String UID = "ticks-source";

    private final JobConfig config;

    public KinesisTickInput(JobConfig config) {
        this.config = config;
    }

    @Override
    public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
        String stream = config.get(JobConfig.TICKS_STREAM);
        Properties properties = consumerProperties(config);
        FlinkKinesisConsumer<TickStreamRecord> consumer = new FlinkKinesisConsumer<>(
                stream, new TickStreamDeserializer(), properties);
        AssignedShards assigned = new KinesisAssignedShards(stream, properties, consumer.getShardAssigner());
        DataStreamSource<TickStreamRecord> source = env.addSource(consumer);
        source.name("Kinesis: " + stream).uid(UID);
        return source.forward()
                .transform("Event time per shard", TypeInformation.of(TickStreamRecord.class), new ShardWatermarks(
                        config.get(JobConfig.OUT_OF_ORDERNESS_MS), config.get(JobConfig.IDLENESS_MS), assigned))
                .setParallelism(source.getParallelism())
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
