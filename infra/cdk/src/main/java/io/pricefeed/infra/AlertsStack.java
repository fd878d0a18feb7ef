package io.pricefeed.infra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The alerts path: the Java Lambda triggered by the {@code anomalies} stream, which claims each
 * anomaly in {@code alert-dedup} and mails it through an SNS topic (KMS-encrypted) with an email
 * subscription.
 *
 * <p>Failure handling: the handler reports partial batch failures; a failing batch is bisected
 * and retried a few times, and what still fails goes to an SQS dead-letter queue (a pointer to
 * the stream records, which stay readable for the stream's 24 h retention) that has an alarm.
 */
public class AlertsStack extends Stack {

    public static final String FUNCTION_NAME = "pricefeed-alerts";
    public static final String DEAD_LETTER_QUEUE_NAME = "pricefeed-alerts-dlq";
    /** Verified against alerts-lambda: {@code AlertsHandler implements RequestHandler<KinesisEvent, ...>}. */
    public static final String HANDLER = "io.pricefeed.alerts.AlertsHandler::handleRequest";
    static final int BATCH_SIZE = 100;
    static final int RETRY_ATTEMPTS = 3;
    static final Duration TIMEOUT = Duration.seconds(60);

    // The Lambda's environment (alerts-lambda AlertConfig); names copied, not imported, because
    // the Lambda module is not a dependency of the CDK app. AlertsStackTest checks them against it.
    static final String ENV_NOTIFIER = "ALERTS_NOTIFIER";
    static final String ENV_SNS_TOPIC_ARN = "ALERTS_SNS_TOPIC_ARN";
    static final String ENV_DEDUP_TABLE = "ALERTS_DEDUP_TABLE";
    static final String ENV_DEDUP_TTL_DAYS = "ALERTS_DEDUP_TTL_DAYS";
    static final String ENV_DIGEST_THRESHOLD = "ALERTS_DIGEST_THRESHOLD";

    private final Key key;
    private final Topic topic;
    private final Queue deadLetterQueue;
    private final Function function;

    public AlertsStack(Construct scope, String id, StackProps props, DataStack data, Path lambdaJar) {
        super(scope, id, props);

        key = Key.Builder.create(this, "AlertsKey")
                .description("Pricefeed alerts: the SNS topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        topic = Topic.Builder.create(this, "AlertsTopic")
                .topicName("pricefeed-alerts")
                .displayName("Pricefeed alerts")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        AppContext.of(this).notificationEmail().ifPresentOrElse(
                email -> topic.addSubscription(new EmailSubscription(email)),
                () -> Annotations.of(this).addWarningV2("pricefeed:no-notification-email",
                        "No alert mails: deploy with -c " + AppContext.NOTIFICATION_EMAIL + "=you@example.com "
                                + "to subscribe an address to the alerts topic."));

        deadLetterQueue = Queue.Builder.create(this, "AlertsDeadLetterQueue")
                .queueName(DEAD_LETTER_QUEUE_NAME)
                // SQS-managed keys: the messages are only pointers to stream records (shard and
                // sequence numbers), and a KMS key here would add KMS grants to the function's role.
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                // Longer than any weekend, so Monday's operator still finds Friday's failures.
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressions.addResourceSuppressions(deadLetterQueue, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SQS3")
                .reason("This queue is the on-failure destination (a dead-letter queue) of the anomalies event source "
                        + "mapping; cdk-nag only recognises queues named in another queue's redrive policy.")
                .build()));

        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + FUNCTION_NAME)
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        // Its own role instead of the managed AWSLambdaBasicExecutionRole, whose log permissions
        // cover every log group in the account.
        Role role = Role.Builder.create(this, "FunctionRole")
                .description("The Pricefeed alerts Lambda")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logGroup.getLogGroupArn()))
                .build());
        // Put claims an anomaly id (conditional on its absence); Delete releases the claim when the
        // mail could not be sent, so the retry can send it.
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem", "dynamodb:DeleteItem"))
                .resources(List.of(data.getAlertDedupTable().getTableArn()))
                .build());
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .build());
        // Publishing to a KMS-encrypted topic needs a data key from the topic's key.
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
                .resources(List.of(key.getKeyArn()))
                .build());

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put(ENV_NOTIFIER, "sns");
        environment.put(ENV_SNS_TOPIC_ARN, topic.getTopicArn());
        // The fixed name rather than a reference: the same value, without a cross-stack export.
        environment.put(ENV_DEDUP_TABLE, DataStack.ALERT_DEDUP_TABLE);
        // DESIGN.md section 5: a dedup claim lives 7 days, longer than the stream keeps a record.
        environment.put(ENV_DEDUP_TTL_DAYS, "7");
        environment.put(ENV_DIGEST_THRESHOLD, "5");
        // Tiered compilation level 1 shortens cold starts; this function's work is I/O-bound.
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");

        function = Function.Builder.create(this, "Function")
                .functionName(FUNCTION_NAME)
                .description("Pricefeed: anomaly events to de-duplicated SNS mails")
                .runtime(Runtime.JAVA_17)
                // The jar is plain Java (URL-connection HTTP client, no native code): Graviton is cheaper.
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(lambdaJar.toString()))
                .memorySize(1024)
                .timeout(TIMEOUT)
                .role(role)
                .logGroup(logGroup)
                .environment(environment)
                .build();
        NagSuppressions.addResourceSuppressions(function, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-L1")
                .reason("Java 17 is deliberate: alerts-lambda is compiled for Java 17 (DESIGN.md section 1). "
                        + "Moving to Java 21 is a change of that module, not of the deployment.")
                .build()));

        function.addEventSource(new KinesisEventSource(data.getAnomaliesStream(), KinesisEventSourceProps.builder()
                        // The dedup table makes a redelivery harmless, so start from the oldest
                        // record: a (re)created mapping never skips an alert still in the stream.
                        .startingPosition(StartingPosition.TRIM_HORIZON)
                        .batchSize(BATCH_SIZE)
                        // A short wait lets a burst arrive as one batch, which the handler turns
                        // into one digest mail instead of many.
                        .maxBatchingWindow(Duration.seconds(5))
                        .bisectBatchOnError(true)
                        .retryAttempts(RETRY_ATTEMPTS)
                        .reportBatchItemFailures(true)
                        // One batch at a time per shard keeps alerts in stream order.
                        .parallelizationFactor(1)
                        .onFailure(new SqsDlq(deadLetterQueue))
                        .build()));

        CfnOutput.Builder.create(this, "AlertsTopicArn")
                .description("SNS topic of the anomaly alert mails (add subscriptions here)")
                .value(topic.getTopicArn())
                .build();
    }

    public Topic getTopic() {
        return topic;
    }

    public Queue getDeadLetterQueue() {
        return deadLetterQueue;
    }

    public Function getFunction() {
        return function;
    }

    public Key getKey() {
        return key;
    }
}
