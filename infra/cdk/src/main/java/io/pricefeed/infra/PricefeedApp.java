package io.pricefeed.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** The CDK app: `cdk synth` runs this (see cdk.json). */
public final class PricefeedApp {

    static final String DATA_STACK_ID = "PricefeedData";

    private PricefeedApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        new DataStack(app, DATA_STACK_ID, StackProps.builder()
                .description("Pricefeed data: S3 lake, DynamoDB tables, Kinesis streams")
                .build());
        // cdk-nag findings are error annotations, so a violation fails `cdk synth` instead of
        // surfacing only after a deploy.
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        app.synth();
    }
}
