package io.pricefeed.flink.dynamodb;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.flink.config.AwsClientProperties;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.model.Bar;
import java.util.List;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.dynamodb.sink.DynamoDbSink;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequest;
import org.apache.flink.connector.dynamodb.sink.DynamoDbWriteRequestType;

/**
 * Final and forming bars to the DynamoDB table {@code bars} through the Flink DynamoDB connector.
 * Writes are idempotent puts keyed by {@link BarItem} ({@code pk}, {@code sk}), so a revision or a
 * replay after a restart overwrites; within a batch, later writes to the same key replace earlier
 * ones (BatchWriteItem refuses duplicate keys). Throttling and partial failures are retried by
 * the connector's async writer, which re-queues the failed entries and counts them in its
 * {@code numRecordsSendErrors} metric; nothing is dropped. Final bars go in with
 * {@code finalBar = true}, forming ones under the live key ({@link BarItem#partitionKey}).
 */
public final class BarsTableSink {
    /** How long a record may wait in the sink for a fuller batch. */
    static final long MAX_TIME_IN_BUFFER_MS = 250;

    private BarsTableSink() {
    }

    /** Final bars only, each key written once (a backfill): no order to keep, so several requests in flight. */
    static final int FINAL_ONLY_IN_FLIGHT = 8;

    public static DynamoDbSink<Bar> create(JobConfig config) {
        return create(config, 1);
    }

    /** For a job that writes final bars only, each once: requests go out in parallel. */
    public static DynamoDbSink<Bar> forFinalBars(JobConfig config) {
        return create(config, FINAL_ONLY_IN_FLIGHT);
    }

    private static DynamoDbSink<Bar> create(JobConfig config, int maxInFlightRequests) {
        return DynamoDbSink.<Bar>builder()
                .setTableName(config.get(JobConfig.BARS_TABLE))
                .setElementConverter(new Converter())
                .setOverwriteByPartitionKeys(List.of(BarItem.PK, BarItem.SK))
                .setDynamoDbProperties(AwsClientProperties.of(config.get(JobConfig.KINESIS_REGION),
                        config.get(JobConfig.DYNAMODB_ENDPOINT)))
                .setFailOnError(false)
                // The connector's default waits up to 5 s for a batch to fill; a quiet symbol's
                // forming bar must be visible within about a second of its tick.
                .setMaxTimeInBufferMS(MAX_TIME_IN_BUFFER_MS)
                // Live jobs keep one request in flight per writer: a forming bar's successive snapshots
                // share a key, and an older one landing last would leave a stale live item behind.
                .setMaxInFlightRequests(maxInFlightRequests)
                .build();
    }

    private static final class Converter implements ElementConverter<Bar, DynamoDbWriteRequest> {
        private static final long serialVersionUID = 1L;

        @Override
        public DynamoDbWriteRequest apply(Bar bar, SinkWriter.Context context) {
            return DynamoDbWriteRequest.builder().setType(DynamoDbWriteRequestType.PUT).setItem(BarItem.toItem(bar)).build();
        }
    }
}
