package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.constructs.IConstruct;

/** Template assertions on the synthesized data stack: the properties the pipeline relies on. */
class DataStackTest {

    private static DataStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        stack = app.stacks.data();
        template = app.template(stack);
    }

    @Test
    void createsThreeBucketsTwoTablesAndTwoStreams() {
        // lake, its access logs, Athena query results
        template.resourceCountIs("AWS::S3::Bucket", 3);
        template.resourceCountIs("AWS::DynamoDB::Table", 2);
        template.resourceCountIs("AWS::Kinesis::Stream", 2);
    }

    @Test
    void lakeBucketIsEncryptedPrivateVersionedAndLogged() {
        assertResource("AWS::S3::Bucket", logicalId(stack.getLakeBucket()), Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Map.of(
                        "BlockPublicAcls", true,
                        "BlockPublicPolicy", true,
                        "IgnorePublicAcls", true,
                        "RestrictPublicBuckets", true),
                "VersioningConfiguration", Map.of("Status", "Enabled"),
                "LoggingConfiguration", Map.of(
                        "DestinationBucketName", Map.of("Ref", logicalId(stack.getAccessLogsBucket())),
                        "LogFilePrefix", "lake/")));
    }

    @Test
    void lakeBucketPolicyDeniesRequestsWithoutTls() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "Bucket", Map.of("Ref", logicalId(stack.getLakeBucket())),
                        "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Effect", "Deny",
                                "Action", "s3:*",
                                "Principal", Map.of("AWS", "*"),
                                "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        assertThat(policies).hasSize(1);
    }

    @Test
    void tickArchiveMovesToInfrequentAccessAfterThirtyDays() {
        assertResource("AWS::S3::Bucket", logicalId(stack.getLakeBucket()), Map.of(
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Prefix", "ticks/",
                        "Status", "Enabled",
                        "Transitions", List.of(Map.of(
                                "StorageClass", "STANDARD_IA",
                                "TransitionInDays", 30)))))))));
    }

    @Test
    void accessLogsArriveThroughBucketPolicyNotLegacyAcl() {
        String logsId = logicalId(stack.getAccessLogsBucket());
        assertResource("AWS::S3::Bucket", logsId, Map.of(
                "AccessControl", Match.absent(),
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256"))))));
        Map<String, Map<String, Object>> policies = template.findResources("AWS::S3::BucketPolicy", Map.of(
                "Properties", Match.objectLike(Map.of(
                        "Bucket", Map.of("Ref", logsId),
                        // arrayWith matches in order: CDK adds the TLS-only statement first.
                        "PolicyDocument", Map.of("Statement", Match.arrayWith(List.of(
                                Match.objectLike(Map.of(
                                        "Effect", "Deny",
                                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))),
                                Match.objectLike(Map.of(
                                        "Effect", "Allow",
                                        "Action", "s3:PutObject",
                                        "Principal", Map.of("Service", "logging.s3.amazonaws.com"),
                                        // Only the lake's own log delivery may write here.
                                        "Condition", Match.objectLike(Map.of("ArnLike", Map.of(
                                                "aws:SourceArn", Map.of("Fn::GetAtt", List.of(
                                                        logicalId(stack.getLakeBucket()), "Arn"))))))))))))));
        assertThat(policies).hasSize(1);
    }

    @Test
    void barsTableHasCompositeKeyOnDemandBillingPitrAndTtl() {
        assertResource("AWS::DynamoDB::Table", logicalId(stack.getBarsTable()), Map.of(
                "TableName", "bars",
                "KeySchema", List.of(
                        Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "AttributeDefinitions", List.of(
                        Map.of("AttributeName", "pk", "AttributeType", "S"),
                        Map.of("AttributeName", "sk", "AttributeType", "N")),
                "BillingMode", "PAY_PER_REQUEST",
                "ProvisionedThroughput", Match.absent(),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void alertDedupTableHasIdKeyOnDemandBillingPitrAndTtl() {
        assertResource("AWS::DynamoDB::Table", logicalId(stack.getAlertDedupTable()), Map.of(
                "TableName", "alert-dedup",
                "KeySchema", List.of(Map.of("AttributeName", "id", "KeyType", "HASH")),
                "AttributeDefinitions", List.of(Map.of("AttributeName", "id", "AttributeType", "S")),
                "BillingMode", "PAY_PER_REQUEST",
                "ProvisionedThroughput", Match.absent(),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true)));
    }

    @Test
    void streamsAreKmsEncryptedWithOneDayRetention() {
        assertResource("AWS::Kinesis::Stream", logicalId(stack.getTicksStream()), Map.of(
                "Name", "ticks",
                "ShardCount", DataStack.DEFAULT_TICKS_SHARDS,
                "RetentionPeriodHours", 24,
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
        assertResource("AWS::Kinesis::Stream", logicalId(stack.getAnomaliesStream()), Map.of(
                "Name", "anomalies",
                "ShardCount", 1,
                "RetentionPeriodHours", 24,
                "StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
    }

    @Test
    void ticksShardCountFollowsNumericContext() {
        assertTicksShards(Template.fromStack(stackWithTicksShards(4)), 4);
    }

    @Test
    void ticksShardCountFollowsCliContext() {
        // `cdk synth -c ticksShards=4` hands the value over as a string.
        assertTicksShards(Template.fromStack(stackWithTicksShards("4")), 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "two", "2.5"})
    void rejectsUnusableShardCountNamingTheKey(String value) {
        assertThatThrownBy(() -> stackWithTicksShards(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(DataStack.TICKS_SHARDS_CONTEXT);
    }

    @Test
    void exposesTheLakeBucketNameAsAnOutput() {
        template.hasOutput("LakeBucketName", Map.of("Value", Map.of("Ref", logicalId(stack.getLakeBucket()))));
    }

    @Test
    void athenaWorkgroupEnforcesEncryptedResultsInItsOwnBucket() {
        String resultsBucket = logicalId(stack.getQueryWorkgroup().getResultsBucket());
        template.hasResourceProperties("AWS::Athena::WorkGroup", Map.of(
                "Name", "pricefeed",
                "WorkGroupConfiguration", Match.objectLike(Map.of(
                        "EnforceWorkGroupConfiguration", true,
                        "BytesScannedCutoffPerQuery", QueryWorkgroup.BYTES_SCANNED_CUTOFF,
                        "ResultConfiguration", Map.of(
                                "EncryptionConfiguration", Map.of("EncryptionOption", "SSE_S3"),
                                "OutputLocation", Map.of("Fn::Join", List.of("", List.of(
                                        "s3://", Map.of("Ref", resultsBucket), "/results/"))))))));
        assertResource("AWS::S3::Bucket", resultsBucket, Map.of(
                "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                        Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                "PublicAccessBlockConfiguration", Match.objectLike(Map.of("BlockPublicPolicy", true)),
                "LoggingConfiguration", Match.objectLike(Map.of("LogFilePrefix", "athena-results/")),
                "LifecycleConfiguration", Map.of("Rules", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "ExpirationInDays", 30)))))));
    }

    @Test
    void glueDatabaseIsNamedForTheAthenaQueries() {
        template.hasResourceProperties("AWS::Glue::Database", Map.of(
                "DatabaseInput", Match.objectLike(Map.of("Name", LakeCatalog.DATABASE))));
    }

    private static DataStack stackWithTicksShards(Object value) {
        return PricefeedTestApp.dataStack(PricefeedTestApp.newApp(Map.of(DataStack.TICKS_SHARDS_CONTEXT, value)));
    }

    private static void assertTicksShards(Template synthesized, int expected) {
        synthesized.hasResourceProperties("AWS::Kinesis::Stream", Map.of("Name", "ticks", "ShardCount", expected));
        // The anomalies stream is low volume and must not scale with the ticks setting.
        synthesized.hasResourceProperties("AWS::Kinesis::Stream", Map.of("Name", "anomalies", "ShardCount", 1));
    }

    /** Asserts that the resource with this logical id matches the given properties (partially). */
    private static void assertResource(String type, String logicalId, Map<String, Object> properties) {
        Map<String, Map<String, Object>> matching =
                template.findResources(type, Map.of("Properties", Match.objectLike(properties)));
        assertThat(matching)
                .as("%s %s should have %s; template: %s", type, logicalId, properties,
                        template.findResources(type).get(logicalId))
                .containsKey(logicalId);
    }

    private static String logicalId(IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }
}
