package io.pricefeed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * The Flink job on Amazon Managed Service for Apache Flink (1.20), its IAM role and logs, and the
 * schedule that runs it only around market hours.
 *
 * <p>The role gets exactly what the job does: read {@code ticks}, write {@code anomalies}, put
 * bars into the {@code bars} table, read and write lake objects, read its own code object, and
 * write to its own log stream.
 */
public class ProcessingStack extends Stack {

    public static final String APPLICATION_NAME = "pricefeed-bars";
    public static final String RUNTIME = "FLINK-1_20";
    /**
     * One place for the checkpoint interval: Managed Flink's checkpoint configuration wins over
     * the job's own, and the job's {@code job.checkpointIntervalMs} is set to the same value so
     * its logs and lake-visibility maths agree with what actually happens.
     */
    static final long CHECKPOINT_INTERVAL_MS = 60_000;
    static final long MIN_PAUSE_BETWEEN_CHECKPOINTS_MS = 5_000;
    /**
     * Two parallel tasks share one KPU (1 vCPU, 4 GiB): 200 symbols are a few hundred records a
     * second at most, and paying for a KPU per task would double the bill for idle CPU.
     */
    static final int PARALLELISM_PER_KPU = 2;
    static final String LOG_GROUP_NAME = "/aws/kinesis-analytics/" + APPLICATION_NAME;
    static final String LOG_STREAM_NAME = "job";

    private final CfnApplication application;
    private final ApplicationSchedule schedule;
    private final Role role;

    public ProcessingStack(Construct scope, String id, StackProps props, DataStack data, Path jobJar) {
        super(scope, id, props);
        warnIfNoMainClass(jobJar);

        Asset code = Asset.Builder.create(this, "JobJar").path(jobJar.toString()).build();
        LogGroup logGroup = LogGroup.Builder.create(this, "LogGroup")
                .logGroupName(LOG_GROUP_NAME)
                .retention(RetentionDays.ONE_MONTH)
                // Logs belong to the compute, not to the data: they go with the stack.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        LogStream logStream = LogStream.Builder.create(this, "LogStream")
                .logGroup(logGroup)
                .logStreamName(LOG_STREAM_NAME)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();

        role = Role.Builder.create(this, "JobRole")
                .description("Managed Flink: the " + APPLICATION_NAME + " job")
                .assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        grantJobAccess(data, code, logGroup);

        int parallelism = AppContext.of(this).flinkParallelism();
        application = CfnApplication.Builder.create(this, "Application")
                .applicationName(APPLICATION_NAME)
                .applicationDescription("Pricefeed: NSE ticks to OHLCV bars, lake, DynamoDB and anomalies")
                .runtimeEnvironment(RUNTIME)
                .serviceExecutionRole(role.getRoleArn())
                // Service maintenance (patching) restarts a running job; schedule it for when the
                // job is stopped anyway (18:30 UTC is midnight IST).
                .applicationMaintenanceConfiguration(CfnApplication.ApplicationMaintenanceConfigurationProperty.builder()
                        .applicationMaintenanceWindowStartTime("18:30")
                        .build())
                // Used when CloudFormation updates a running job: keep its state, and refuse a
                // job graph that would silently drop part of it.
                .runConfiguration(CfnApplication.RunConfigurationProperty.builder()
                        .applicationRestoreConfiguration(CfnApplication.ApplicationRestoreConfigurationProperty.builder()
                                .applicationRestoreType("RESTORE_FROM_LATEST_SNAPSHOT")
                                .build())
                        .flinkRunConfiguration(CfnApplication.FlinkRunConfigurationProperty.builder()
                                .allowNonRestoredState(false)
                                .build())
                        .build())
                .applicationConfiguration(CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplication.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(code.getBucket().getBucketArn())
                                                .fileKey(code.getS3ObjectKey())
                                                .build())
                                        .build())
                                .build())
                        .applicationSnapshotConfiguration(CfnApplication.ApplicationSnapshotConfigurationProperty.builder()
                                .snapshotsEnabled(true)
                                .build())
                        // A code or config update that fails to start rolls back to the last good version.
                        .applicationSystemRollbackConfiguration(
                                CfnApplication.ApplicationSystemRollbackConfigurationProperty.builder()
                                        .rollbackEnabled(true)
                                        .build())
                        .environmentProperties(CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(propertyGroups(FlinkJobProperties.groups(
                                        Aws.REGION, "s3://" + data.getLakeBucket().getBucketName(), CHECKPOINT_INTERVAL_MS)))
                                .build())
                        .flinkApplicationConfiguration(CfnApplication.FlinkApplicationConfigurationProperty.builder()
                                .checkpointConfiguration(CfnApplication.CheckpointConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .checkpointingEnabled(true)
                                        .checkpointInterval(CHECKPOINT_INTERVAL_MS)
                                        .minPauseBetweenCheckpoints(MIN_PAUSE_BETWEEN_CHECKPOINTS_MS)
                                        .build())
                                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .logLevel("INFO")
                                        // Application-level metrics are all the alarms use; finer
                                        // levels multiply the metrics without changing a decision.
                                        .metricsLevel("APPLICATION")
                                        .build())
                                .parallelismConfiguration(CfnApplication.ParallelismConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .parallelism(parallelism)
                                        .parallelismPerKpu(PARALLELISM_PER_KPU)
                                        // Scales out on sustained high CPU (an unusually busy
                                        // session) and back in afterwards; see the README for the cost.
                                        .autoScalingEnabled(true)
                                        .build())
                                .build())
                        .build())
                .build();
        // The job must be able to read its code and write its logs from the first start.
        application.getNode().addDependency(role);

        CfnApplicationCloudWatchLoggingOption logging = CfnApplicationCloudWatchLoggingOption.Builder
                .create(this, "Logging")
                .applicationName(application.getRef())
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOption.CloudWatchLoggingOptionProperty.builder()
                        .logStreamArn(logStreamArn())
                        .build())
                .build();
        logging.getNode().addDependency(logStream);

        schedule = new ApplicationSchedule(this, "Schedule", APPLICATION_NAME, MarketHours.JOB_START, MarketHours.JOB_STOP);
        schedule.getNode().addDependency(application);

        CfnOutput.Builder.create(this, "FlinkApplicationName")
                .description("Managed Flink application (started " + MarketHours.JOB_START + ", stopped " + MarketHours.JOB_STOP
                        + " IST on weekdays)")
                .value(application.getRef())
                .build();
    }

    private void grantJobAccess(DataStack data, Asset code, LogGroup logGroup) {
        role.addToPolicy(statement(List.of(
                        "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
                        "kinesis:GetShardIterator", "kinesis:GetRecords"),
                data.getTicksStream().getStreamArn()));
        role.addToPolicy(statement(List.of(
                        "kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:ListShards",
                        "kinesis:PutRecord", "kinesis:PutRecords"),
                data.getAnomaliesStream().getStreamArn()));
        // Idempotent puts only (DESIGN.md section 5); the sink batches them.
        role.addToPolicy(statement(List.of("dynamodb:DescribeTable", "dynamodb:BatchWriteItem", "dynamodb:PutItem"),
                data.getBarsTable().getTableArn()));
        role.addToPolicy(statement(List.of("s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"),
                data.getLakeBucket().getBucketArn()));
        // Get: compaction reads committed files back; Delete: it removes their hidden inputs;
        // Abort/ListParts: the exactly-once writer resumes or abandons multipart uploads on recovery.
        role.addToPolicy(statement(List.of("s3:GetObject", "s3:PutObject", "s3:DeleteObject",
                        "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"),
                data.getLakeBucket().arnForObjects("*")));
        role.addToPolicy(statement(List.of("s3:GetObject", "s3:GetObjectVersion"),
                code.getBucket().arnForObjects(code.getS3ObjectKey())));
        role.addToPolicy(statement(List.of("logs:DescribeLogGroups"), formatArn(ArnComponents.builder()
                .service("logs").resource("log-group").resourceName("*").arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build())));
        role.addToPolicy(statement(List.of("logs:DescribeLogStreams"), logGroup.getLogGroupArn()));
        role.addToPolicy(statement(List.of("logs:PutLogEvents"), logStreamArn()));

        String lakeBucketId = data.getLogicalId((CfnElement) data.getLakeBucket().getNode().getDefaultChild());
        NagSuppressions.addResourceSuppressions(role, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("Object-level S3 actions need an object ARN: the job writes any key under the lake bucket "
                        + "it owns (partitions are created daily). logs:DescribeLogGroups is a list action that "
                        + "Managed Flink requires and only accepts a log-group wildcard.")
                .appliesTo(List.of(
                        // The lake bucket's ARN, which cdk-nag renders either by its logical id in
                        // the data stack or, once CDK has turned the reference into an import, by
                        // the export's name (derived from that logical id).
                        "Resource::<" + lakeBucketId + ".Arn>/*",
                        RegexAppliesTo.builder()
                                .regex("/^Resource::" + data.getStackName() + ":ExportsOutputFnGetAtt" + lakeBucketId
                                        + "Arn[A-Za-z0-9]*\\/\\*$/")
                                .build(),
                        "Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*"))
                .build()), true);
    }

    private String logStreamArn() {
        return formatArn(ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName(LOG_GROUP_NAME + ":log-stream:" + LOG_STREAM_NAME)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    private static PolicyStatement statement(List<String> actions, String resource) {
        return PolicyStatement.Builder.create().actions(actions).resources(List.of(resource)).build();
    }

    private static List<Object> propertyGroups(Map<String, Map<String, String>> groups) {
        List<Object> result = new ArrayList<>();
        groups.forEach((group, properties) -> result.add(CfnApplication.PropertyGroupProperty.builder()
                .propertyGroupId(group)
                .propertyMap(properties)
                .build()));
        return result;
    }

    /**
     * Managed Flink runs the jar's {@code Main-Class}; a jar without one deploys fine and then
     * fails at the first scheduled start. Warn at synth time instead.
     */
    private void warnIfNoMainClass(Path jobJar) {
        try (JarFile jar = new JarFile(jobJar.toFile())) {
            Manifest manifest = jar.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Main-Class") == null) {
                Annotations.of(this).addWarningV2("pricefeed:flink-main-class", jobJar.getFileName()
                        + " has no Main-Class in its manifest; Managed Flink will not know which class to run. "
                        + "Set it in flink-app's shade plugin (ManifestResourceTransformer mainClass).");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Flink job jar " + jobJar, e);
        }
    }

    public CfnApplication getApplication() {
        return application;
    }

    public ApplicationSchedule getSchedule() {
        return schedule;
    }

    public Role getRole() {
        return role;
    }
}
