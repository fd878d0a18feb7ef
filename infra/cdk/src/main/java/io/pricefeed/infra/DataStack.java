package io.pricefeed.infra;

import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.ResourceNames;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.constructs.Construct;

/**
 * The stateful core of the pipeline: the S3 lake, the DynamoDB tables, the Kinesis streams, and
 * the lake's Glue catalog and Athena workgroup.
 *
 * <p>Kept apart from the compute stacks so that redeploying or replacing the Flink job, the
 * producer or the alerts Lambda can never touch stored data. The buckets, tables and streams
 * keep the CDK default removal policy (retain), for the same reason; the Glue catalog and the
 * Athena workgroup only describe the lake and go with the stack.
 */
public class DataStack extends Stack {

    /** Context key for the ticks stream's shard count, e.g. {@code cdk synth -c ticksShards=4}. */
    public static final String TICKS_SHARDS_CONTEXT = AppContext.TICKS_SHARDS;
    public static final int DEFAULT_TICKS_SHARDS = AppContext.DEFAULT_TICKS_SHARDS;

    // Physical names are part of the contract (DESIGN.md section 5): the job, the Lambda and the
    // CLI address these resources by name, so they are fixed rather than generated.
    public static final String BARS_TABLE = ResourceNames.BARS_TABLE;
    public static final String ALERT_DEDUP_TABLE = ResourceNames.ALERT_DEDUP_TABLE;
    public static final String TICKS_STREAM = ResourceNames.TICKS_STREAM;
    public static final String ANOMALIES_STREAM = ResourceNames.ANOMALIES_STREAM;
    public static final String TTL_ATTRIBUTE = ResourceNames.TTL_ATTRIBUTE;
    public static final String TICK_ARCHIVE_PREFIX = "ticks/";

    // Set on this stack rather than in cdk.json so that tests and `cdk synth` build the same
    // template: without it CDK grants log delivery through the legacy LogDeliveryWrite ACL.
    private static final String ACCESS_LOGS_USE_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    private final Bucket accessLogsBucket;
    private final Bucket lakeBucket;
    private final Table barsTable;
    private final Table alertDedupTable;
    private final Stream ticksStream;
    private final Stream anomaliesStream;
    private final int ticksShards;
    private final LakeCatalog lakeCatalog;
    private final QueryWorkgroup queryWorkgroup;

    /** @param athenaTables the athena module's tables ({@link AthenaTableDdl#loadAll()}); one Glue table each */
    public DataStack(Construct scope, String id, StackProps props, List<AthenaTableDdl> athenaTables) {
        super(scope, id, props);
        getNode().setContext(ACCESS_LOGS_USE_BUCKET_POLICY, true);

        accessLogsBucket = createAccessLogsBucket();
        lakeBucket = createLakeBucket(accessLogsBucket);
        barsTable = createTable("BarsTable", BARS_TABLE,
                Attribute.builder().name(BarItem.PK).type(AttributeType.STRING).build(),
                Attribute.builder().name(BarItem.SK).type(AttributeType.NUMBER).build());
        alertDedupTable = createTable("AlertDedupTable", ALERT_DEDUP_TABLE,
                Attribute.builder().name("id").type(AttributeType.STRING).build(),
                null);
        ticksShards = AppContext.of(this).ticksShards();
        ticksStream = createStream("TicksStream", TICKS_STREAM, ticksShards);
        anomaliesStream = createStream("AnomaliesStream", ANOMALIES_STREAM, 1);
        lakeCatalog = new LakeCatalog(this, "LakeCatalog", lakeBucket, athenaTables);
        queryWorkgroup = new QueryWorkgroup(this, "QueryWorkgroup", accessLogsBucket);

        // The lake's name is generated (S3 names are global); the job and Athena setup need it.
        CfnOutput.Builder.create(this, "LakeBucketName")
                .description("S3 bucket of the Parquet lake")
                .value(lakeBucket.getBucketName())
                .build();
        CfnOutput.Builder.create(this, "AthenaWorkgroup")
                .description("Athena workgroup for lake queries (database " + LakeCatalog.DATABASE + ")")
                .value(queryWorkgroup.getWorkGroup().getRef())
                .build();
    }

    private Bucket createAccessLogsBucket() {
        Bucket bucket = Bucket.Builder.create(this, "AccessLogsBucket")
                // S3 server access logging can only deliver to SSE-S3 buckets.
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(90))
                        .build()))
                .build();
        NagSuppressions.addResourceSuppressions(bucket, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-S1")
                .reason("This is the destination of the lake's server access logs; logging it too would need "
                        + "yet another bucket (or log into itself, which S3 advises against).")
                .build()));
        return bucket;
    }

    private Bucket createLakeBucket(Bucket logs) {
        return Bucket.Builder.create(this, "LakeBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                // Compaction and exactly-once commits rewrite and delete objects; versions make a bad
                // run recoverable.
                .versioned(true)
                .serverAccessLogsBucket(logs)
                .serverAccessLogsPrefix("lake/")
                .lifecycleRules(List.of(
                        // The tick archive is read only for replays, so it is cheap to keep it in IA.
                        LifecycleRule.builder()
                                .id("tick-archive-to-ia")
                                .prefix(TICK_ARCHIVE_PREFIX)
                                .transitions(List.of(Transition.builder()
                                        .storageClass(StorageClass.INFREQUENT_ACCESS)
                                        .transitionAfter(Duration.days(30))
                                        .build()))
                                .build(),
                        // Flink's S3 writer keeps multipart uploads open between checkpoints; a job
                        // that dies leaves them behind, invisible but billed.
                        LifecycleRule.builder()
                                .id("abort-incomplete-uploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(7))
                                .build()))
                .build();
    }

    private Table createTable(String id, String name, Attribute partitionKey, Attribute sortKey) {
        return Table.Builder.create(this, id)
                .tableName(name)
                .partitionKey(partitionKey)
                .sortKey(sortKey)
                // Traffic follows market hours: bursts during the session, idle the rest of the day.
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .build();
    }

    private Stream createStream(String id, String name, int shards) {
        return Stream.Builder.create(this, id)
                .streamName(name)
                .streamMode(StreamMode.PROVISIONED)
                .shardCount(shards)
                .retentionPeriod(Duration.hours(24))
                // The AWS managed key: a customer key would add KMS calls per record batch and cost
                // for no compliance need here (cdk-nag AwsSolutions-KDS3 agrees).
                .encryption(StreamEncryption.MANAGED)
                .build();
    }

    public Bucket getLakeBucket() {
        return lakeBucket;
    }

    public Bucket getAccessLogsBucket() {
        return accessLogsBucket;
    }

    public Table getBarsTable() {
        return barsTable;
    }

    public Table getAlertDedupTable() {
        return alertDedupTable;
    }

    public Stream getTicksStream() {
        return ticksStream;
    }

    public Stream getAnomaliesStream() {
        return anomaliesStream;
    }

    /** The ticks stream's shard count (the producer heartbeats once a second to each). */
    public int getTicksShards() {
        return ticksShards;
    }

    public LakeCatalog getLakeCatalog() {
        return lakeCatalog;
    }

    public QueryWorkgroup getQueryWorkgroup() {
        return queryWorkgroup;
    }
}
