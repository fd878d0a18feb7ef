package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.s3.Bucket;

/**
 * Every stack passes the cdk-nag AWS Solutions pack, exactly as {@code cdk synth} applies it
 * ({@link PricefeedApp#build} adds the checks), and every suppression says why.
 */
class PricefeedAppNagTest {

    private static final Object AWS_SOLUTIONS_RULE = Match.stringLikeRegexp("AwsSolutions-.*");

    @Test
    void hasNoAwsSolutionsErrors() {
        List<String> errors = new ArrayList<>();
        for (Stack stack : PricefeedTestApp.shared().allStacks()) {
            errors.addAll(readable(Annotations.fromStack(stack).findError("*", AWS_SOLUTIONS_RULE)));
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void hasNoAwsSolutionsWarnings() {
        List<String> warnings = new ArrayList<>();
        for (Stack stack : PricefeedTestApp.shared().allStacks()) {
            warnings.addAll(readable(Annotations.fromStack(stack).findWarning("*", AWS_SOLUTIONS_RULE)));
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void everySuppressionCarriesAWrittenReason() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        List<String> suppressions = new ArrayList<>();
        for (Stack stack : app.allStacks()) {
            app.resources(stack).forEach((logicalId, resource) -> {
                Object rules = metadataRules(resource);
                if (rules instanceof List<?> list) {
                    for (Object rule : list) {
                        Map<?, ?> suppression = (Map<?, ?>) rule;
                        String reason = String.valueOf(suppression.get("reason"));
                        assertThat(reason)
                                .as("reason of %s on %s/%s", suppression.get("id"), stack.getStackName(), logicalId)
                                .hasSizeGreaterThan(60);
                        // A suppression applied to a construct's children repeats on each of
                        // them: count each written reason once.
                        String entry = stack.getStackName() + " " + reason + " " + suppression.get("id");
                        if (!suppressions.contains(entry)) {
                            suppressions.add(entry);
                        }
                    }
                }
            });
        }
        // The suppressions are a reviewed list; a new one should be a deliberate change here too.
        assertThat(suppressions).extracting(s -> s.substring(s.lastIndexOf(' ') + 1)).containsExactlyInAnyOrder(
                "AwsSolutions-S1",    // access-logs bucket
                "AwsSolutions-IAM5",  // Flink role: lake objects, log-group listing
                "AwsSolutions-SMG4",  // Fyers token
                "AwsSolutions-ECS4",  // Container Insights
                "AwsSolutions-ECS2",  // producer config env var
                "AwsSolutions-IAM5",  // execution role: ecr:GetAuthorizationToken
                "AwsSolutions-SQS3",  // alerts DLQ
                "AwsSolutions-L1");   // Java 17
    }

    @Test
    void checksDoReportViolations() {
        // Guards the tests above against passing vacuously (e.g. the aspect never running): a bare
        // bucket has no access logs and no TLS-only policy.
        App app = new App();
        Stack stack = new Stack(app, "Bare");
        Bucket.Builder.create(stack, "Bucket").build();
        Aspects.of(app).add(new AwsSolutionsChecks());

        assertThat(readable(Annotations.fromStack(stack).findError("*", AWS_SOLUTIONS_RULE)))
                .anyMatch(message -> message.contains("AwsSolutions-S1"))
                .anyMatch(message -> message.contains("AwsSolutions-S10"));
    }

    private static Object metadataRules(Map<String, Object> resource) {
        Object metadata = resource.get("Metadata");
        if (metadata instanceof Map<?, ?> map && map.get("cdk_nag") instanceof Map<?, ?> nag) {
            return nag.get("rules_to_suppress");
        }
        return null;
    }

    /** Synthesis messages are jsii proxies; their data is what says which rule fired where. */
    // Annotations still returns the deprecated cxapi type; the assertions API has no other.
    @SuppressWarnings("deprecation")
    private static List<String> readable(List<SynthesisMessage> messages) {
        return messages.stream()
                .map(message -> message.getId() + ": " + message.getEntry().getData())
                .toList();
    }
}
