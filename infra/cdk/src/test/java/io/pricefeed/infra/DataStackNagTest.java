package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.s3.Bucket;

/** The data stack passes the cdk-nag AWS Solutions pack, the same checks `cdk synth` applies. */
class DataStackNagTest {

    private static final Object AWS_SOLUTIONS_RULE = Match.stringLikeRegexp("AwsSolutions-.*");

    private static Annotations annotations;

    @BeforeAll
    static void synthesizeWithChecks() {
        App app = new App();
        Stack stack = new DataStack(app, "Data");
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        annotations = Annotations.fromStack(stack);
    }

    @Test
    void hasNoAwsSolutionsErrors() {
        assertThat(readable(annotations.findError("*", AWS_SOLUTIONS_RULE))).isEmpty();
    }

    @Test
    void hasNoAwsSolutionsWarnings() {
        assertThat(readable(annotations.findWarning("*", AWS_SOLUTIONS_RULE))).isEmpty();
    }

    @Test
    void checksDoReportViolations() {
        // Guards the two tests above against passing vacuously (e.g. the aspect never running):
        // a bare bucket has no access logs and no TLS-only policy.
        App app = new App();
        Stack stack = new Stack(app, "Bare");
        Bucket.Builder.create(stack, "Bucket").build();
        Aspects.of(app).add(new AwsSolutionsChecks());

        assertThat(readable(Annotations.fromStack(stack).findError("*", AWS_SOLUTIONS_RULE)))
                .anyMatch(message -> message.contains("AwsSolutions-S1"))
                .anyMatch(message -> message.contains("AwsSolutions-S10"));
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
