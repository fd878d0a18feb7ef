package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The dashboard and the alarms, and that every alarm reaches the operations topic. */
class MonitoringStackTest {

    private static MonitoringStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        stack = app.stacks.monitoring();
        template = app.template(stack);
    }

    @Test
    void alarmsCoverThePipelineAndNotifyOperations() {
        List<String> names = new ArrayList<>();
        String topic = stack.getLogicalId((CfnElement) stack.getOperationsTopic().getNode().getDefaultChild());
        template.findResources("AWS::CloudWatch::Alarm").values().forEach(alarm -> {
            Map<?, ?> properties = (Map<?, ?>) alarm.get("Properties");
            names.add(properties.get("AlarmName").toString());
            assertThat(properties.get("AlarmActions")).isEqualTo(List.of(Map.of("Ref", topic)));
            assertThat(properties.get("OKActions")).isEqualTo(List.of(Map.of("Ref", topic)));
            assertThat(properties.get("AlarmDescription").toString()).isNotBlank();
        });
        assertThat(names).containsExactlyInAnyOrder(
                "pricefeed-NoTicksDuringMarketHours",
                "pricefeed-TicksIteratorAge",
                "pricefeed-FlinkDowntime",
                "pricefeed-FlinkRestarts",
                "pricefeed-FlinkCheckpointFailures",
                "pricefeed-FlinkCheckpointDuration",
                "pricefeed-AlertsLambdaErrors",
                "pricefeed-AlertsLambdaDuration",
                "pricefeed-AlertsIteratorAge",
                "pricefeed-AlertsDeadLetters",
                "pricefeed-BarsTableThrottled",
                "pricefeed-AlertDedupTableThrottled");
    }

    @Test
    void noTicksAlarmLooksAtTheSessionOnlyAndDiscountsHeartbeats() {
        // 09:20 IST = 03:50 UTC = minute 230; 15:30 IST = 10:00 UTC = minute 600; two shards
        // heartbeat 300 times each per 5 minutes.
        assertThat(MarketHours.utcMinuteOfDay(LocalTime.of(9, 20))).isEqualTo(230);
        assertThat(MarketHours.utcMinuteOfDay(MarketHours.SESSION_CLOSE)).isEqualTo(600);
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmName", "pricefeed-NoTicksDuringMarketHours",
                "ComparisonOperator", "LessThanThreshold",
                "Threshold", MonitoringStack.MIN_TICKS_PER_PERIOD,
                "EvaluationPeriods", 2,
                "TreatMissingData", "breaching",
                "Metrics", Match.arrayWith(List.of(
                        Match.objectLike(Map.of("Expression",
                                "IF(DAY(ticks) <= 5 AND (HOUR(ticks) * 60 + MINUTE(ticks)) >= 230 AND "
                                        + "(HOUR(ticks) * 60 + MINUTE(ticks)) < 600, ticks, "
                                        + MonitoringStack.MIN_TICKS_PER_PERIOD + ")",
                                "ReturnData", true)),
                        Match.objectLike(Map.of("Id", "ticks", "Expression", "FILL(records, 0) - 600")),
                        Match.objectLike(Map.of("Id", "records", "MetricStat", Match.objectLike(Map.of(
                                "Metric", Map.of("Namespace", "AWS/Kinesis", "MetricName", "IncomingRecords",
                                        "Dimensions", List.of(Map.of("Name", "StreamName", "Value", "ticks"))),
                                "Stat", "Sum", "Period", 300))))))));
    }

    @Test
    void heartbeatAllowanceFollowsTheShardCount() {
        software.amazon.awscdk.services.cloudwatch.Metric records = software.amazon.awscdk.services.cloudwatch.Metric.Builder
                .create().namespace("AWS/Kinesis").metricName("IncomingRecords").build();
        assertThat(MonitoringStack.estimatedTicks(records, 4).getExpression()).isEqualTo("FILL(records, 0) - 1200");
    }

    @Test
    void dashboardShowsEveryRequestedSignal() {
        Map<?, ?> dashboard = (Map<?, ?>) template.findResources("AWS::CloudWatch::Dashboard").values().iterator().next()
                .get("Properties");
        assertThat(dashboard.get("DashboardName")).isEqualTo(MonitoringStack.DASHBOARD_NAME);
        String body = TemplateText.render(dashboard.get("DashboardBody"));
        assertThat(body).contains(
                "\"IncomingRecords\"",                      // ticks in
                "\"GetRecords.IteratorAgeMilliseconds\"",   // iterator age (job)
                "\"IteratorAge\"",                          // iterator age (Lambda)
                "\"ConsumedWriteCapacityUnits\"",           // bars written
                "\"lastCheckpointDuration\"", "\"numberOfFailedCheckpoints\"",
                "\"uptime\"", "\"downtime\"", "\"numRestarts\"",
                "\"Errors\"", "\"Duration\"",
                "\"ApproximateNumberOfMessagesVisible\"",   // DLQ depth
                "\"ReadThrottleEvents\"", "\"WriteThrottleEvents\"",
                "\"type\":\"alarm\"");
    }

    @Test
    void cloudWatchMayPublishToTheEncryptedTopic() {
        template.hasResourceProperties("AWS::KMS::Key", Map.of(
                "EnableKeyRotation", true,
                "KeyPolicy", Map.of("Version", "2012-10-17", "Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", List.of("kms:Decrypt", "kms:GenerateDataKey*"))))))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of(
                "PolicyDocument", Match.objectLike(Map.of("Statement", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudwatch.amazonaws.com"),
                        "Action", "sns:Publish",
                        "Condition", Match.objectLike(Map.of("StringEquals",
                                Map.of("aws:SourceAccount", Map.of("Ref", "AWS::AccountId"))))))))))));
    }
}
