package io.pricefeed.infra;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.pricefeed.model.ResourceNames;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * The operations view: one CloudWatch dashboard and the alarms, which notify an operations SNS
 * topic (KMS-encrypted; its key lets CloudWatch publish).
 *
 * <p>Metrics are addressed by the resources' fixed names, not through cross-stack references,
 * so this stack adds no exports to the others and can be changed or removed on its own.
 *
 * <p>Most alarms treat missing data as fine: outside market hours the job, producer and Lambda
 * are stopped and report nothing. The one exception is "no ticks", which must fire precisely
 * when data is missing, and therefore decides about market hours itself (see
 * {@link #sessionTicks}).
 */
public class MonitoringStack extends Stack {

    public static final String DASHBOARD_NAME = "pricefeed";
    static final Duration ALARM_PERIOD = Duration.minutes(5);
    /** Fewer ticks than this in 5 minutes of the session, twice running, means the feed is dead. */
    static final int MIN_TICKS_PER_PERIOD = 50;
    /** The no-ticks alarm starts 5 minutes after the open, so a slow first poll is not an outage. */
    static final LocalTime NO_TICKS_FROM = MarketHours.SESSION_OPEN.plusMinutes(5);
    static final long TICKS_ITERATOR_AGE_MS = 120_000;
    static final long ALERTS_ITERATOR_AGE_MS = 300_000;

    private final Topic operationsTopic;
    private final List<Alarm> alarms = new ArrayList<>();
    private final Dashboard dashboard;

    public MonitoringStack(Construct scope, String id, StackProps props, DataStack data, ProcessingStack processing,
            ProducerStack producer, AlertsStack alerts) {
        super(scope, id, props);
        // Alarms on metrics of resources that do not exist yet are harmless, but a first deploy
        // reads better when the dashboard comes last.
        addStackDependency(processing);
        addStackDependency(producer);
        addStackDependency(alerts);

        Key key = Key.Builder.create(this, "OperationsKey")
                .description("Pricefeed operations alarms topic")
                .enableKeyRotation(true)
                .removalPolicy(RemovalPolicy.DESTROY)
                .pendingWindow(Duration.days(7))
                .build();
        // CloudWatch publishes alarm notifications as a service; it needs the topic key for that.
        key.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowCloudWatchAlarmsToUseTheKey")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
                .resources(List.of("*"))
                .build());
        operationsTopic = Topic.Builder.create(this, "OperationsTopic")
                .topicName("pricefeed-operations")
                .displayName("Pricefeed operations")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        operationsTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("AllowThisAccountsAlarms")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(operationsTopic.getTopicArn()))
                .conditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID),
                        "ArnLike", Map.of("aws:SourceArn",
                                "arn:" + Aws.PARTITION + ":cloudwatch:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":alarm:*")))
                .build());
        AppContext.of(this).operationsEmail().ifPresent(email -> operationsTopic.addSubscription(new EmailSubscription(email)));

        // ---- metrics -------------------------------------------------------------------------
        Metric ticksIn = metric("AWS/Kinesis", "IncomingRecords", "Sum", Map.of("StreamName", ResourceNames.TICKS_STREAM));
        Metric ticksIteratorAge = metric("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", "Maximum",
                Map.of("StreamName", ResourceNames.TICKS_STREAM));
        Metric barWrites = metric("AWS/DynamoDB", "ConsumedWriteCapacityUnits", "Sum",
                Map.of("TableName", ResourceNames.BARS_TABLE));
        Metric checkpointDuration = flink("lastCheckpointDuration");
        Metric checkpointFailures = flink("numberOfFailedCheckpoints");
        Metric uptime = flink("uptime");
        Metric downtime = flink("downtime");
        Metric restarts = flink("numRestarts");
        Metric kpus = flink("KPUs");
        Metric flinkCpu = flink("cpuUtilization");
        Map<String, String> function = Map.of("FunctionName", AlertsStack.FUNCTION_NAME);
        Metric lambdaErrors = metric("AWS/Lambda", "Errors", "Sum", function);
        Metric lambdaInvocations = metric("AWS/Lambda", "Invocations", "Sum", function);
        Metric lambdaDurationP99 = metric("AWS/Lambda", "Duration", "p99", function);
        Metric lambdaDurationMax = metric("AWS/Lambda", "Duration", "Maximum", function);
        Metric lambdaIteratorAge = metric("AWS/Lambda", "IteratorAge", "Maximum", function);
        Metric dlqDepth = metric("AWS/SQS", "ApproximateNumberOfMessagesVisible", "Maximum",
                Map.of("QueueName", AlertsStack.DEAD_LETTER_QUEUE_NAME));
        Map<String, String> service = Map.of("ClusterName", ProducerStack.CLUSTER_NAME,
                "ServiceName", ProducerStack.SERVICE_NAME);
        Metric producerCpu = metric("AWS/ECS", "CPUUtilization", "Maximum", service);
        Metric producerMemory = metric("AWS/ECS", "MemoryUtilization", "Maximum", service);
        MathExpression barsThrottles = throttles(ResourceNames.BARS_TABLE);
        MathExpression dedupThrottles = throttles(ResourceNames.ALERT_DEDUP_TABLE);
        MathExpression estimatedTicks = estimatedTicks(ticksIn, data.getTicksShards());
        MathExpression sessionTicks = sessionTicks(estimatedTicks);

        // ---- alarms ------------------------------------------------------------------------------
        alarm("NoTicksDuringMarketHours", sessionTicks, MIN_TICKS_PER_PERIOD, ComparisonOperator.LESS_THAN_THRESHOLD,
                2, TreatMissingData.BREACHING,
                "Fewer than " + MIN_TICKS_PER_PERIOD + " ticks per 5 minutes for 10 minutes during the NSE session "
                        + "(weekdays " + NO_TICKS_FROM + "-" + MarketHours.SESSION_CLOSE
                        + " IST). Check the producer's logs and the Fyers token (./pricefeed login). "
                        + "Expected on NSE holidays.");
        alarm("TicksIteratorAge", ticksIteratorAge, TICKS_ITERATOR_AGE_MS, ComparisonOperator.GREATER_THAN_THRESHOLD,
                2, TreatMissingData.NOT_BREACHING, "The Flink job is more than 2 minutes behind the ticks stream.");
        alarm("FlinkDowntime", downtime, 0, ComparisonOperator.GREATER_THAN_THRESHOLD, 1, TreatMissingData.NOT_BREACHING,
                "The Flink job is failing (downtime > 0): it is not processing ticks.");
        alarm("FlinkRestarts", restarts, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING, "The Flink job restarted since this morning's start; check its logs.");
        alarm("FlinkCheckpointFailures", checkpointFailures, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING,
                "A Flink checkpoint failed since this morning's start: lake files commit only on checkpoints.");
        alarm("FlinkCheckpointDuration", checkpointDuration, ProcessingStack.CHECKPOINT_INTERVAL_MS / 2,
                ComparisonOperator.GREATER_THAN_THRESHOLD, 3, TreatMissingData.NOT_BREACHING,
                "Flink checkpoints take more than half the checkpoint interval for 15 minutes.");
        alarm("AlertsLambdaErrors", lambdaErrors, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING, "The alerts Lambda failed; failed batches are retried, then dead-lettered.");
        alarm("AlertsLambdaDuration", lambdaDurationP99, AlertsStack.TIMEOUT.toMilliseconds().doubleValue() * 0.8,
                ComparisonOperator.GREATER_THAN_THRESHOLD, 2, TreatMissingData.NOT_BREACHING,
                "The alerts Lambda's p99 duration is above 80% of its timeout.");
        alarm("AlertsIteratorAge", lambdaIteratorAge, ALERTS_ITERATOR_AGE_MS, ComparisonOperator.GREATER_THAN_THRESHOLD, 2,
                TreatMissingData.NOT_BREACHING, "Alert mails are more than 5 minutes behind the anomalies stream.");
        alarm("AlertsDeadLetters", dlqDepth, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING,
                "Anomaly batches failed all retries and were dead-lettered: those alerts were not mailed.");
        alarm("BarsTableThrottled", barsThrottles, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING, "DynamoDB throttled requests on the bars table.");
        alarm("AlertDedupTableThrottled", dedupThrottles, 1, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, 1,
                TreatMissingData.NOT_BREACHING, "DynamoDB throttled requests on the alert-dedup table.");

        // ---- dashboard ---------------------------------------------------------------------------
        dashboard = Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(DASHBOARD_NAME)
                .defaultInterval(Duration.hours(8))
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# Pricefeed\nSession " + MarketHours.SESSION_OPEN + "-" + MarketHours.SESSION_CLOSE
                        + " IST. Job runs " + MarketHours.JOB_START + "-"
                        + MarketHours.JOB_STOP + ", producer " + MarketHours.PRODUCER_START + "-"
                        + MarketHours.PRODUCER_STOP + " IST on weekdays; outside that, empty graphs are normal.")
                .width(24).height(2).build());
        dashboard.addWidgets(
                graph("Ticks in (records incl. heartbeats / estimated ticks per 5 min)", List.of(ticksIn.with(
                        MetricOptions.builder()
                                .period(Duration.minutes(1)).label("records / min").build())),
                        List.of(estimatedTicks), 12),
                graph("Iterator age (ms)", List.of(ticksIteratorAge.with(label("ticks -> Flink")),
                        lambdaIteratorAge.with(label("anomalies -> Lambda"))), List.of(), 12));
        dashboard.addWidgets(
                graph("Bars written (bars table WCU)", List.of(barWrites), List.of(), 8),
                graph("Checkpoints", List.of(checkpointDuration.with(label("last duration (ms)"))),
                        List.of(checkpointFailures.with(label("failed"))), 8),
                graph("Flink uptime / restarts", List.of(uptime.with(label("uptime (ms)")), downtime.with(label("downtime (ms)"))),
                        List.of(restarts.with(label("restarts"))), 8));
        dashboard.addWidgets(
                graph("Alerts Lambda", List.of(lambdaInvocations, lambdaErrors), List.of(), 8),
                graph("Alerts Lambda duration (ms)", List.of(lambdaDurationP99.with(label("p99")),
                        lambdaDurationMax.with(label("max"))), List.of(), 8),
                graph("Alerts dead-letter queue depth", List.of(dlqDepth), List.of(), 8));
        dashboard.addWidgets(
                graph("DynamoDB throttles", List.of(barsThrottles, dedupThrottles), List.of(), 8),
                graph("Producer task (%)", List.of(producerCpu.with(label("CPU")), producerMemory.with(label("memory"))),
                        List.of(), 8),
                graph("Flink KPUs / CPU", List.of(kpus.with(label("KPUs"))), List.of(flinkCpu.with(label("CPU %"))), 8));
        List<IAlarm> alarmList = new ArrayList<>(alarms);
        dashboard.addWidgets(AlarmStatusWidget.Builder.create().title("Alarms").alarms(alarmList).width(24).build());

        CfnOutput.Builder.create(this, "OperationsTopicArn")
                .description("SNS topic of the operations alarms")
                .value(operationsTopic.getTopicArn())
                .build();
    }

    /**
     * Ticks per 5 minutes, estimated from the stream's record count.
     *
     * <p>Kinesis counts records, and the producer also puts one heartbeat per shard per second
     * (DESIGN.md section 3), so a live producer on a dead feed still writes records; subtracting
     * the heartbeats leaves the ticks. FILL turns "no records at all" (producer down) into zeros,
     * so the alarm below sees data points, not a gap.
     */
    static MathExpression estimatedTicks(Metric records, int shards) {
        long heartbeats = shards * ALARM_PERIOD.toSeconds().longValue();
        return MathExpression.Builder.create()
                .expression("FILL(records, 0) - " + heartbeats)
                .usingMetrics(Map.of("records", records.with(period(ALARM_PERIOD))))
                .label("estimated ticks / 5 min")
                .period(ALARM_PERIOD)
                .build();
    }

    /**
     * The estimate during the session, and outside it the threshold itself (which does not
     * breach). The session test uses CloudWatch's UTC date functions: the session is one
     * contiguous UTC range on the same weekday (09:20-15:30 IST is 03:50-10:00 UTC), and a data
     * point's time is the start of its period.
     */
    static MathExpression sessionTicks(MathExpression estimatedTicks) {
        int from = MarketHours.utcMinuteOfDay(NO_TICKS_FROM);
        int to = MarketHours.utcMinuteOfDay(MarketHours.SESSION_CLOSE);
        String minuteOfDay = "(HOUR(ticks) * 60 + MINUTE(ticks))";
        return MathExpression.Builder.create()
                .expression("IF(DAY(ticks) <= 5 AND " + minuteOfDay + " >= " + from + " AND " + minuteOfDay + " < " + to
                        + ", ticks, " + MIN_TICKS_PER_PERIOD + ")")
                .usingMetrics(Map.of("ticks", estimatedTicks))
                .label("estimated ticks / 5 min during the session")
                .period(ALARM_PERIOD)
                .build();
    }

    private MathExpression throttles(String table) {
        Map<String, String> dims = Map.of("TableName", table);
        // Metric ids are per graph, and both tables share one: make them unique.
        String id = table.replaceAll("[^A-Za-z0-9]", "");
        return MathExpression.Builder.create()
                .expression("FILL(" + id + "Reads, 0) + FILL(" + id + "Writes, 0)")
                .usingMetrics(Map.of(
                        id + "Reads", metric("AWS/DynamoDB", "ReadThrottleEvents", "Sum", dims),
                        id + "Writes", metric("AWS/DynamoDB", "WriteThrottleEvents", "Sum", dims)))
                .label(table + " throttled")
                .period(ALARM_PERIOD)
                .build();
    }

    private void alarm(String name, IMetric metric, double threshold, ComparisonOperator comparison, int periods,
            TreatMissingData missing, String description) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName("pricefeed-" + name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(missing)
                .build();
        alarm.addAlarmAction(new SnsAction(operationsTopic));
        // Recovery mails too: an operator woken by "no ticks" wants to know when it is over.
        alarm.addOkAction(new SnsAction(operationsTopic));
        alarms.add(alarm);
    }

    private static Metric metric(String namespace, String name, String statistic, Map<String, String> dimensions) {
        return Metric.Builder.create()
                .namespace(namespace)
                .metricName(name)
                .statistic(statistic)
                .dimensionsMap(dimensions)
                .period(ALARM_PERIOD)
                .build();
    }

    private static Metric flink(String name) {
        return metric("AWS/KinesisAnalytics", name, "Maximum", Map.of("Application", ProcessingStack.APPLICATION_NAME));
    }

    private static GraphWidget graph(String title, List<? extends IMetric> left, List<? extends IMetric> right, int width) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(new ArrayList<>(left))
                .right(new ArrayList<>(right))
                .width(width)
                .height(6)
                .build();
    }

    private static MetricOptions label(String label) {
        return MetricOptions.builder().label(label).build();
    }

    private static MetricOptions period(Duration period) {
        return MetricOptions.builder().period(period).build();
    }

    public Topic getOperationsTopic() {
        return operationsTopic;
    }

    public List<Alarm> getAlarms() {
        return List.copyOf(alarms);
    }

    public Dashboard getDashboard() {
        return dashboard;
    }
}
