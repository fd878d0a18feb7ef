package io.pricefeed.flink.anomaly;

import io.pricefeed.flink.config.AwsClientProperties;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.WireCodec;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.connector.kinesis.sink.KinesisStreamsSink;
import org.apache.flink.connector.kinesis.sink.PartitionKeyGenerator;

/**
 * Anomaly records (DESIGN.md §3) to the Kinesis stream {@code anomalies}, partition key = symbol.
 * Kinesis offers at-least-once only: a record may be written twice after a restart, with the same
 * stable id, which the alerts Lambda de-duplicates.
 */
public final class AnomalyStreamSink {
    /** How long a record may wait in the sink for a fuller batch. */
    static final long MAX_TIME_IN_BUFFER_MS = 250;

    private AnomalyStreamSink() {
    }

    public static KinesisStreamsSink<Anomaly> create(JobConfig config) {
        return KinesisStreamsSink.<Anomaly>builder()
                .setStreamName(config.get(JobConfig.ANOMALIES_STREAM))
                .setSerializationSchema((SerializationSchema<Anomaly>) WireCodec::encode)
                .setPartitionKeyGenerator((PartitionKeyGenerator<Anomaly>) Anomaly::getSymbol)
                .setKinesisClientProperties(AwsClientProperties.of(config.get(JobConfig.KINESIS_REGION),
                        config.get(JobConfig.KINESIS_ENDPOINT)))
                .setFailOnError(false)
                // The connector's default waits up to 5 s for a batch to fill; a quiet symbol's
                // anomaly must reach the alerts Lambda within seconds of its minute.
                .setMaxTimeInBufferMS(MAX_TIME_IN_BUFFER_MS)
                .build();
    }
}
