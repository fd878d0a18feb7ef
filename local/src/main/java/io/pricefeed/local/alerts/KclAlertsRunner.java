package io.pricefeed.local.alerts;

import io.pricefeed.alerts.AlertsHandler;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAwsSettings;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.CoordinatorConfig;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

/**
 * The alerts Lambda's Kinesis trigger, played locally by a KCL 3 consumer on the {@code anomalies}
 * stream: polling mode, leases in DynamoDB (Local), no CloudWatch metrics. Each batch goes to the
 * same {@link AlertsHandler} the Lambda runs.
 */
public final class KclAlertsRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KclAlertsRunner.class);

    private final Scheduler scheduler;
    private final Thread thread;
    private final KinesisAsyncClient kinesis;
    private final DynamoDbAsyncClient dynamo;
    private final CloudWatchAsyncClient cloudWatch;
    private final AtomicLong handled;

    private KclAlertsRunner(Scheduler scheduler, KinesisAsyncClient kinesis, DynamoDbAsyncClient dynamo,
                            CloudWatchAsyncClient cloudWatch, AtomicLong handled) {
        this.scheduler = scheduler;
        this.kinesis = kinesis;
        this.dynamo = dynamo;
        this.cloudWatch = cloudWatch;
        this.handled = handled;
        this.thread = new Thread(scheduler, "kcl-alerts");
        this.thread.setDaemon(true);
    }

    /**
     * Starts consuming {@code streamName} from its oldest record, or from the checkpoints of an
     * earlier run with the same {@code applicationName} (the lease table's name).
     */
    public static KclAlertsRunner start(URI kinesisEndpoint, URI dynamoEndpoint, String streamName,
                                        String applicationName, AlertsHandler handler) {
        Kinesalite.disableCbor();
        KinesisAsyncClient kinesis = KinesisAsyncClient.builder().endpointOverride(kinesisEndpoint)
                .region(LocalAwsSettings.REGION).credentialsProvider(LocalAwsSettings.credentials())
                // kinesalite speaks HTTP/1.1 only; the SDK's Kinesis async client would ask for HTTP/2.
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1)).build();
        DynamoDbAsyncClient dynamo = DynamoDbAsyncClient.builder().endpointOverride(dynamoEndpoint)
                .region(LocalAwsSettings.REGION).credentialsProvider(LocalAwsSettings.credentials()).build();
        // Never called (metrics are off) but KCL's builder requires one.
        CloudWatchAsyncClient cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(URI.create("http://127.0.0.1:9"))
                .region(LocalAwsSettings.REGION).credentialsProvider(LocalAwsSettings.credentials()).build();

        AtomicLong handled = new AtomicLong();
        ConfigsBuilder configs = new ConfigsBuilder(streamName, applicationName, kinesis, dynamo, cloudWatch,
                "local-" + UUID.randomUUID(), () -> new HandlerRecordProcessor(handler, handled));
        Scheduler scheduler = new Scheduler(
                configs.checkpointConfig(),
                // KCL 3's lease assignment waits for a leader election (~30 s) before the first
                // lease; a single local worker taking its own leases, as KCL 2 did, starts at once.
                configs.coordinatorConfig().clientVersionConfig(
                        CoordinatorConfig.ClientVersionConfig.CLIENT_VERSION_CONFIG_COMPATIBLE_WITH_2X),
                configs.leaseManagementConfig()
                        // Locally one worker owns everything; a short failover lets a restarted run resume quickly.
                        .failoverTimeMillis(2_000)
                        .shardSyncIntervalMillis(1_000),
                configs.lifecycleConfig(),
                configs.metricsConfig().metricsFactory(new NullMetricsFactory()),
                configs.processorConfig(),
                configs.retrievalConfig()
                        .initialPositionInStreamExtended(InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON))
                        .retrievalSpecificConfig(new PollingConfig(streamName, kinesis).idleTimeBetweenReadsInMillis(200)));
        KclAlertsRunner runner = new KclAlertsRunner(scheduler, kinesis, dynamo, cloudWatch, handled);
        runner.thread.start();
        LOG.info("KCL alerts runner '{}' consuming stream {}", applicationName, streamName);
        return runner;
    }

    /** Records of the stream that have gone through the handler (sent, de-duplicated or skipped as invalid). */
    public long recordsHandled() {
        return handled.get();
    }

    @Override
    public void close() {
        try {
            scheduler.startGracefulShutdown().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("KCL did not shut down gracefully: {}", e.toString());
            scheduler.shutdown();
        }
        kinesis.close();
        dynamo.close();
        cloudWatch.close();
    }
}
