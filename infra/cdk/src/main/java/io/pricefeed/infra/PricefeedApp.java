package io.pricefeed.infra;

import java.nio.file.Path;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.StackProps;

/** The CDK app: `cdk synth` runs this (see cdk.json). */
public final class PricefeedApp {

    static final String DATA_STACK_ID = "PricefeedData";
    static final String PROCESSING_STACK_ID = "PricefeedProcessing";
    static final String PRODUCER_STACK_ID = "PricefeedProducer";
    static final String ALERTS_STACK_ID = "PricefeedAlerts";
    static final String MONITORING_STACK_ID = "PricefeedMonitoring";

    private PricefeedApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        build(app, BuildArtifacts.locate(BuildArtifacts.findRepoRoot(Path.of(""))));
        app.synth();
    }

    /** The five stacks and the cdk-nag checks, on {@code app}; tests build the same app with their own artifacts. */
    public static Stacks build(App app, BuildArtifacts artifacts) {
        DataStack data = new DataStack(app, DATA_STACK_ID, props(
                "Pricefeed data: S3 lake, DynamoDB tables, Kinesis streams, Glue catalog, Athena workgroup"),
                artifacts.athenaTables());
        ProcessingStack processing = new ProcessingStack(app, PROCESSING_STACK_ID, props(
                "Pricefeed processing: the Flink job on Managed Flink and its market-hours schedule"),
                data, artifacts.flinkJobJar());
        ProducerStack producer = new ProducerStack(app, PRODUCER_STACK_ID, props(
                "Pricefeed producer: Fyers quotes to Kinesis on ECS Fargate during market hours"),
                data, artifacts.producerImageDir());
        AlertsStack alerts = new AlertsStack(app, ALERTS_STACK_ID, props(
                "Pricefeed alerts: anomalies to de-duplicated SNS email"),
                data, artifacts.alertsLambdaJar());
        MonitoringStack monitoring = new MonitoringStack(app, MONITORING_STACK_ID, props(
                "Pricefeed monitoring: dashboard and alarms"),
                data, processing, producer, alerts);
        // cdk-nag findings are error annotations, so a violation fails `cdk synth` instead of
        // surfacing only after a deploy.
        Aspects.of(app).add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        return new Stacks(data, processing, producer, alerts, monitoring);
    }

    private static StackProps props(String description) {
        return StackProps.builder().description(description).build();
    }

    /** The app's stacks, for tests and for anyone composing the app differently. */
    public record Stacks(DataStack data, ProcessingStack processing, ProducerStack producer, AlertsStack alerts,
            MonitoringStack monitoring) {
    }
}
