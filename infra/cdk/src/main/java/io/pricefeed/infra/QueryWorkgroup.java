package io.pricefeed.infra;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The Athena workgroup for querying the lake, with its own encrypted results bucket.
 *
 * <p>The workgroup's settings are enforced, so a client cannot write results elsewhere or
 * unencrypted, and a per-query scan cutoff caps what one careless {@code SELECT *} over the tick
 * archive can cost.
 */
public class QueryWorkgroup extends Construct {

    public static final String NAME = "pricefeed";
    /** 10 GiB: a day of ticks for 200 symbols is well under 1 GiB of Parquet; 10 GiB costs about $0.05. */
    static final long BYTES_SCANNED_CUTOFF = 10L * 1024 * 1024 * 1024;

    private final Bucket resultsBucket;
    private final CfnWorkGroup workGroup;

    public QueryWorkgroup(Construct scope, String id, IBucket accessLogs) {
        super(scope, id);
        resultsBucket = Bucket.Builder.create(this, "ResultsBucket")
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix("athena-results/")
                // Query results are re-creatable by re-running the query; keeping them is only a cost.
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-query-results")
                        .expiration(Duration.days(30))
                        .abortIncompleteMultipartUploadAfter(Duration.days(1))
                        .build()))
                .build();

        workGroup = CfnWorkGroup.Builder.create(this, "WorkGroup")
                .name(NAME)
                .description("Pricefeed lake queries (Glue database " + LakeCatalog.DATABASE + ")")
                .state("ENABLED")
                // Lets the stack delete the workgroup even when it holds saved queries.
                .recursiveDeleteOption(true)
                .workGroupConfiguration(CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                        .enforceWorkGroupConfiguration(true)
                        .publishCloudWatchMetricsEnabled(true)
                        .bytesScannedCutoffPerQuery(BYTES_SCANNED_CUTOFF)
                        .engineVersion(CfnWorkGroup.EngineVersionProperty.builder()
                                .selectedEngineVersion("AUTO")
                                .build())
                        .resultConfiguration(CfnWorkGroup.ResultConfigurationProperty.builder()
                                .outputLocation("s3://" + resultsBucket.getBucketName() + "/results/")
                                .encryptionConfiguration(CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                        .encryptionOption("SSE_S3")
                                        .build())
                                .build())
                        .build())
                .build();
    }

    public Bucket getResultsBucket() {
        return resultsBucket;
    }

    public CfnWorkGroup getWorkGroup() {
        return workGroup;
    }
}
