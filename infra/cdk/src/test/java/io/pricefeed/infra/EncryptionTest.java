package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Stack;

/**
 * Encryption everywhere, across all stacks: at rest for every store that has a setting for it,
 * and in transit (TLS-only resource policies) for every bucket, topic and queue.
 *
 * <p>Not asserted because there is nothing to set: DynamoDB tables, Secrets Manager secrets,
 * CloudWatch log groups and Managed Flink application storage are always encrypted at rest
 * (AWS-owned or AWS-managed keys); the tests only check that no template turns that off.
 */
class EncryptionTest {

    @Test
    void everyBucketIsEncryptedAndTlsOnly() {
        forEach("AWS::S3::Bucket", (where, properties) -> {
            assertThat(properties).as(where).containsKey("BucketEncryption");
            assertThat(tlsOnlyPolicyTargets("AWS::S3::BucketPolicy", "Bucket")).as(where).contains(where);
        }, 3);
    }

    @Test
    void everyStreamIsKmsEncrypted() {
        forEach("AWS::Kinesis::Stream", (where, properties) ->
                assertThat(((Map<?, ?>) properties.get("StreamEncryption")).get("EncryptionType")).as(where).isEqualTo("KMS"), 2);
    }

    @Test
    void everyTopicIsKmsEncryptedAndTlsOnly() {
        forEach("AWS::SNS::Topic", (where, properties) -> {
            assertThat(properties).as(where).containsKey("KmsMasterKeyId");
            assertThat(tlsOnlyPolicyTargets("AWS::SNS::TopicPolicy", "Topics")).as(where).contains(where);
        }, 2);
    }

    @Test
    void everyQueueIsEncryptedAndTlsOnly() {
        forEach("AWS::SQS::Queue", (where, properties) -> {
            assertThat(properties.containsKey("KmsMasterKeyId") || Boolean.TRUE.equals(properties.get("SqsManagedSseEnabled")))
                    .as(where + " encrypted").isTrue();
            assertThat(tlsOnlyPolicyTargets("AWS::SQS::QueuePolicy", "Queues")).as(where).contains(where);
        }, 1);
    }

    @Test
    void everyCustomerKeyRotates() {
        forEach("AWS::KMS::Key", (where, properties) ->
                assertThat(properties.get("EnableKeyRotation")).as(where).isEqualTo(true), 2);
    }

    @Test
    void athenaResultsAreEncrypted() {
        forEach("AWS::Athena::WorkGroup", (where, properties) -> {
            Map<?, ?> configuration = (Map<?, ?>) properties.get("WorkGroupConfiguration");
            Map<?, ?> results = (Map<?, ?>) configuration.get("ResultConfiguration");
            assertThat(results.get("EncryptionConfiguration")).as(where).isNotNull();
            assertThat(configuration.get("EnforceWorkGroupConfiguration")).as(where).isEqualTo(true);
        }, 1);
    }

    @Test
    void noStoreTurnsItsDefaultEncryptionOff() {
        forEach("AWS::DynamoDB::Table", (where, properties) -> {
            Object sse = properties.get("SSESpecification");
            assertThat(sse == null || Boolean.TRUE.equals(((Map<?, ?>) sse).get("SSEEnabled"))).as(where).isTrue();
        }, 2);
        forEach("AWS::SecretsManager::Secret", (where, properties) -> { }, 1);
    }

    /** Runs {@code check} on every resource of {@code type} in every stack; expects at least {@code min}. */
    private static void forEach(String type, BiConsumer<String, Map<String, Object>> check, int min) {
        PricefeedTestApp app = PricefeedTestApp.shared();
        int seen = 0;
        for (Stack stack : app.allStacks()) {
            for (Map.Entry<String, Map<String, Object>> resource : app.template(stack).findResources(type).entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> properties =
                        (Map<String, Object>) resource.getValue().getOrDefault("Properties", Map.of());
                check.accept(stack.getStackName() + "/" + resource.getKey(), properties);
                seen++;
            }
        }
        assertThat(seen).as("number of %s", type).isGreaterThanOrEqualTo(min);
    }

    /** Stack/logical ids of the resources that a Deny-unless-aws:SecureTransport statement protects. */
    private static List<String> tlsOnlyPolicyTargets(String policyType, String targetProperty) {
        PricefeedTestApp app = PricefeedTestApp.shared();
        List<String> targets = new ArrayList<>();
        for (Stack stack : app.allStacks()) {
            for (Map<String, Object> policy : app.template(stack).findResources(policyType).values()) {
                Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
                Map<?, ?> document = (Map<?, ?>) properties.get("PolicyDocument");
                boolean tlsOnly = ((List<?>) document.get("Statement")).stream()
                        .map(Map.class::cast)
                        .anyMatch(s -> "Deny".equals(s.get("Effect"))
                                && String.valueOf(s.get("Condition")).contains("aws:SecureTransport=false"));
                if (!tlsOnly) {
                    continue;
                }
                Object target = properties.get(targetProperty);
                for (Object ref : target instanceof List<?> list ? list : List.of(target)) {
                    targets.add(stack.getStackName() + "/" + ((Map<?, ?>) ref).get("Ref"));
                }
            }
        }
        return targets;
    }
}
