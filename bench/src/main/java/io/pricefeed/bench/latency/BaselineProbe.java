package io.pricefeed.bench.latency;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAwsStack;
import io.pricefeed.standins.PipelineResources;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The baselines, in the same run and under the same load: once a second, a record of a tick's size is put
 * (PutRecords) into a 1-shard stream {@code bench-probe} and read back with GetRecords polled every
 * {@value #POLL_MS} ms; and an item of a bar's size is put into a table {@code bench-probe} and read back
 * with GetItem. Those are what the stand-ins cost; the rest of each figure is the job and its configured
 * waits. Only probes in the measured minutes count.
 */
final class BaselineProbe {
    static final String PROBE = "bench-probe";
    private static final long POLL_MS = 5;

    private final URI kinesisEndpoint;
    private final URI dynamoEndpoint;
    private final RunPlan plan;
    private final Samples kinesisRoundTrips = new Samples();
    private final Samples dynamoRoundTrips = new Samples();

    BaselineProbe(URI kinesisEndpoint, URI dynamoEndpoint, RunPlan plan) {
        this.kinesisEndpoint = kinesisEndpoint;
        this.dynamoEndpoint = dynamoEndpoint;
        this.plan = plan;
    }

    /** The probe's own stream and table, beside the pipeline's. */
    static void createResources(LocalAwsStack stack) {
        stack.kinesis().createStream(PROBE, 1);
        stack.dynamo().createTable(PipelineResources.barsTable(PROBE));
    }

    /** Once a second: a tick-sized record through a 1-shard stream, and a bar-sized item through a table. */
    void run(BooleanSupplier running) throws Exception {
        try (KinesisClient kinesis = Kinesalite.newClient(kinesisEndpoint);
             DynamoDbClient dynamo = DynamoDbLocal.newClient(dynamoEndpoint)) {
            String shard = kinesis.listShards(b -> b.streamName(PROBE)).shards().get(0).shardId();
            String iterator = kinesis.getShardIterator(b -> b.streamName(PROBE).shardId(shard)
                    .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();
            long start = System.currentTimeMillis() + 500; // half a second off the producer's heartbeat grid
            for (long n = 0; running.getAsBoolean(); n++) {
                long sleep = start + n * 1_000 - System.currentTimeMillis();
                if (sleep > 0) {
                    Thread.sleep(sleep); // one probe a second
                }
                long now = System.currentTimeMillis();
                boolean measured = plan.measured(now);
                // Kinesis: PutRecords, then GetRecords until it is there.
                byte[] data = WireCodec.encode(new Tick("NSE:PROBE-EQ", now, 1234.5, 1_234_567, 1233.25, 1230, 1240.5,
                        1228.05, 1229.9, 1234.45, 1234.5));
                long t0 = System.nanoTime();
                PutRecordsResponse put = kinesis.putRecords(b -> b.streamName(PROBE).records(
                        PutRecordsRequestEntry.builder().partitionKey("probe").data(SdkBytes.fromByteArrayUnsafe(data)).build()));
                String seq = put.records().get(0).sequenceNumber();
                boolean found = false;
                while (!found && running.getAsBoolean()) {
                    String it = iterator;
                    GetRecordsResponse r = kinesis.getRecords(b -> b.shardIterator(it));
                    iterator = r.nextShardIterator();
                    for (Record record : r.records()) {
                        found |= record.sequenceNumber().equals(seq);
                    }
                    if (!found) {
                        Thread.sleep(POLL_MS); // polling for the probe record
                    }
                }
                if (found && measured) {
                    kinesisRoundTrips.add((System.nanoTime() - t0) / 1_000_000);
                }
                // DynamoDB: PutItem, then GetItem (strongly consistent) until it is there.
                Bar bar = new Bar("NSE:PROBE-EQ", Timeframe.M1, now, now + RunPlan.MINUTE, 1234.5, 1240.5, 1228.05, 1239.9, 1235.12,
                        12_345, 60, 0, false);
                Map<String, AttributeValue> item = new HashMap<>(BarItem.toItem(bar));
                Map<String, AttributeValue> key = Map.of(BarItem.PK, item.get(BarItem.PK), BarItem.SK, item.get(BarItem.SK));
                t0 = System.nanoTime();
                dynamo.putItem(b -> b.tableName(PROBE).item(item));
                boolean there = false;
                while (!there && running.getAsBoolean()) {
                    there = dynamo.getItem(b -> b.tableName(PROBE).key(key).consistentRead(true)).hasItem();
                }
                if (there && measured) {
                    dynamoRoundTrips.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
        }
    }

    /** kinesalite PutRecords -> GetRecords, ms. */
    Samples kinesisRoundTrips() {
        return kinesisRoundTrips;
    }

    /** DynamoDB Local PutItem -> GetItem, ms. */
    Samples dynamoRoundTrips() {
        return dynamoRoundTrips;
    }
}
