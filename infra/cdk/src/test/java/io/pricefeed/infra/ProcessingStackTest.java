package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pricefeed.flink.config.ConfigException;
import io.pricefeed.flink.config.JobConfig;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The Managed Flink application, its configuration as the job reads it, its role and its schedule. */
class ProcessingStackTest {

    private static final Pattern WEEKDAY_CRON = Pattern.compile("cron\\((\\d+) (\\d+) \\? \\* MON-FRI \\*\\)");

    private static ProcessingStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        stack = app.stacks.processing();
        template = app.template(stack);
    }

    @Test
    void runsTheJobJarOnFlink120() {
        template.resourceCountIs("AWS::KinesisAnalyticsV2::Application", 1);
        template.hasResourceProperties("AWS::KinesisAnalyticsV2::Application", Map.of(
                "ApplicationName", ProcessingStack.APPLICATION_NAME,
                "RuntimeEnvironment", "FLINK-1_20",
                "ApplicationConfiguration", Match.objectLike(Map.of(
                        "ApplicationCodeConfiguration", Map.of(
                                "CodeContentType", "ZIPFILE",
                                "CodeContent", Map.of("S3ContentLocation", Map.of(
                                        "BucketARN", Match.anyValue(),
                                        "FileKey", Match.stringLikeRegexp("^[0-9a-f]{64}\\.jar$"))))))));
    }

    @Test
    void propertyGroupsAreAcceptedByTheJobsOwnConfigParser() {
        Map<String, Properties> groups = propertyGroups();
        assertThat(groups).containsOnlyKeys("kinesis", "lake", "dynamodb", "job", "anomaly");

        // Throws ConfigException naming the key if any group, key or value is wrong.
        JobConfig config = JobConfig.fromPropertyGroups(groups);

        assertThat(config.get(JobConfig.TICKS_STREAM)).isEqualTo("ticks");
        assertThat(config.get(JobConfig.ANOMALIES_STREAM)).isEqualTo("anomalies");
        assertThat(config.get(JobConfig.BARS_TABLE)).isEqualTo("bars");
        assertThat(config.get(JobConfig.KINESIS_REGION)).isEqualTo("${Ref:AWS::Region}");
        assertThat(config.get(JobConfig.KINESIS_ENDPOINT)).as("AWS endpoints, not a stand-in").isEmpty();
        assertThat(config.get(JobConfig.DYNAMODB_ENDPOINT)).isEmpty();
        assertThat(config.get(JobConfig.LAKE_PATH)).matches("s3://\\$\\{Import:.*LakeBucket.*}");
        assertThat(config.get(JobConfig.PRICE_MOVE_BANDS_PCT)).containsExactly(5.0, 7.5, 10.0);
        // The job's idea of the checkpoint interval is the application's.
        assertThat(config.get(JobConfig.CHECKPOINT_INTERVAL_MS)).isEqualTo(((Number) flinkConfiguration("CheckpointConfiguration")
                .get("CheckpointInterval")).longValue());
    }

    @Test
    void theJobsParserWouldRejectAMisspeltKey() {
        // Shows the test above is a real check: the same parser refuses a typo, naming it.
        Map<String, Properties> groups = propertyGroups();
        groups.get("kinesis").setProperty("ticksStreem", "ticks");
        assertThatThrownBy(() -> JobConfig.fromPropertyGroups(groups))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kinesis.ticksStreem");
    }

    @Test
    void checkpointsScalesAndSnapshots() {
        assertThat(flinkConfiguration("CheckpointConfiguration")).isEqualTo(Map.of(
                "ConfigurationType", "CUSTOM",
                "CheckpointingEnabled", true,
                "CheckpointInterval", 60000,
                "MinPauseBetweenCheckpoints", 5000));
        assertThat(flinkConfiguration("ParallelismConfiguration")).isEqualTo(Map.of(
                "ConfigurationType", "CUSTOM",
                "Parallelism", AppContext.DEFAULT_FLINK_PARALLELISM,
                "ParallelismPerKPU", ProcessingStack.PARALLELISM_PER_KPU,
                "AutoScalingEnabled", true));
        assertThat(flinkConfiguration("MonitoringConfiguration").get("LogLevel")).isEqualTo("INFO");
        template.hasResourceProperties("AWS::KinesisAnalyticsV2::Application", Match.objectLike(Map.of(
                "ApplicationConfiguration", Match.objectLike(Map.of(
                        "ApplicationSnapshotConfiguration", Map.of("SnapshotsEnabled", true),
                        "ApplicationSystemRollbackConfiguration", Map.of("RollbackEnabled", true))),
                "RunConfiguration", Map.of(
                        "ApplicationRestoreConfiguration", Map.of("ApplicationRestoreType", "RESTORE_FROM_LATEST_SNAPSHOT"),
                        "FlinkRunConfiguration", Map.of("AllowNonRestoredState", false)))));
    }

    @Test
    void logsToItsOwnLogStreamInCloudWatch() {
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of(
                "LogGroupName", ProcessingStack.LOG_GROUP_NAME, "RetentionInDays", 30));
        Map<String, Map<String, Object>> options = template.findResources("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption");
        assertThat(options).hasSize(1);
        Map<?, ?> properties = (Map<?, ?>) options.values().iterator().next().get("Properties");
        assertThat(TemplateText.render(((Map<?, ?>) properties.get("CloudWatchLoggingOption")).get("LogStreamARN")))
                .endsWith(":log-group:" + ProcessingStack.LOG_GROUP_NAME + ":log-stream:" + ProcessingStack.LOG_STREAM_NAME);
    }

    @Test
    void startsBeforeTheSessionAndStopsAfterItOnWeekdaysInKolkata() throws Exception {
        Map<String, Map<?, ?>> schedules = new LinkedHashMap<>();
        template.findResources("AWS::Scheduler::Schedule").values().forEach(resource -> {
            Map<?, ?> properties = (Map<?, ?>) resource.get("Properties");
            schedules.put(properties.get("Name").toString(), properties);
        });
        assertThat(schedules).containsOnlyKeys("pricefeed-bars-start", "pricefeed-bars-stop");

        Map<?, ?> start = schedules.get("pricefeed-bars-start");
        Map<?, ?> stop = schedules.get("pricefeed-bars-stop");
        for (Map<?, ?> schedule : List.of(start, stop)) {
            assertThat(schedule.get("ScheduleExpressionTimezone")).isEqualTo("Asia/Kolkata");
            assertThat(schedule.get("State")).isEqualTo("ENABLED");
            assertThat(schedule.get("FlexibleTimeWindow")).isEqualTo(Map.of("Mode", "OFF"));
        }
        assertThat(cronTime(start)).isBefore(LocalTime.of(9, 10));
        assertThat(cronTime(stop)).isAfter(LocalTime.of(15, 40));

        Map<?, ?> startTarget = (Map<?, ?>) start.get("Target");
        Map<?, ?> stopTarget = (Map<?, ?>) stop.get("Target");
        assertThat(TemplateText.render(startTarget.get("Arn")))
                .isEqualTo("arn:${Ref:AWS::Partition}:scheduler:::aws-sdk:kinesisanalyticsv2:startApplication");
        assertThat(TemplateText.render(stopTarget.get("Arn")))
                .isEqualTo("arn:${Ref:AWS::Partition}:scheduler:::aws-sdk:kinesisanalyticsv2:stopApplication");
        JsonNode startInput = new ObjectMapper().readTree(startTarget.get("Input").toString());
        assertThat(startInput.path("ApplicationName").asText()).isEqualTo(ProcessingStack.APPLICATION_NAME);
        assertThat(startInput.at("/RunConfiguration/ApplicationRestoreConfiguration/ApplicationRestoreType").asText())
                .isEqualTo("RESTORE_FROM_LATEST_SNAPSHOT");
        JsonNode stopInput = new ObjectMapper().readTree(stopTarget.get("Input").toString());
        assertThat(stopInput.path("ApplicationName").asText()).isEqualTo(ProcessingStack.APPLICATION_NAME);
        assertThat(stopInput.path("Force").isBoolean() && !stopInput.path("Force").asBoolean())
                .as("graceful stop with a snapshot").isTrue();
    }

    @Test
    void schedulerMayOnlyStartAndStopThisApplication() {
        List<Map<?, ?>> statements = policyStatementsOf(stack.getSchedule().getNode().getId() + "Role");
        assertThat(statements).hasSize(1);
        assertThat(statements.get(0).get("Action"))
                .isEqualTo(List.of("kinesisanalytics:StartApplication", "kinesisanalytics:StopApplication"));
        assertThat(TemplateText.render(statements.get(0).get("Resource")))
                .endsWith(":application/" + ProcessingStack.APPLICATION_NAME);
    }

    @Test
    void jobRoleReachesExactlyTheJobsResources() {
        Map<String, List<String>> actionsByResource = new LinkedHashMap<>();
        for (Map<?, ?> statement : policyStatementsOf("JobRole")) {
            List<String> actions = new ArrayList<>();
            Object action = statement.get("Action");
            (action instanceof List<?> l ? l : List.of(action)).forEach(a -> actions.add(a.toString()));
            actionsByResource.merge(TemplateText.render(statement.get("Resource")), actions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        assertThat(actionsOn(actionsByResource, "TicksStream"))
                .contains("kinesis:GetRecords").noneMatch(a -> a.startsWith("kinesis:Put"));
        assertThat(actionsOn(actionsByResource, "AnomaliesStream"))
                .contains("kinesis:PutRecords").doesNotContain("kinesis:GetRecords");
        assertThat(actionsOn(actionsByResource, "BarsTable"))
                .containsExactlyInAnyOrder("dynamodb:DescribeTable", "dynamodb:BatchWriteItem", "dynamodb:PutItem");
        assertThat(actionsOn(actionsByResource, "LakeBucket")).contains("s3:PutObject", "s3:ListBucket");
        assertThat(actionsByResource.keySet()).noneMatch(resource -> resource.contains("AlertDedup"));
    }

    private static List<String> actionsOn(Map<String, List<String>> actionsByResource, String resourceFragment) {
        List<String> actions = actionsByResource.entrySet().stream()
                .filter(e -> e.getKey().contains(resourceFragment))
                .flatMap(e -> e.getValue().stream())
                .toList();
        assertThat(actions).as("actions on %s in %s", resourceFragment, actionsByResource.keySet()).isNotEmpty();
        return actions;
    }

    private static LocalTime cronTime(Map<?, ?> schedule) {
        Matcher m = WEEKDAY_CRON.matcher(schedule.get("ScheduleExpression").toString());
        assertThat(m.matches()).as("weekday cron: %s", schedule.get("ScheduleExpression")).isTrue();
        return LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
    }

    /** The statements of the default policy attached to the role whose logical id starts with {@code rolePrefix}. */
    private static List<Map<?, ?>> policyStatementsOf(String rolePrefix) {
        List<Map<?, ?>> statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy").values().forEach(policy -> {
            Map<?, ?> properties = (Map<?, ?>) policy.get("Properties");
            boolean forRole = ((List<?>) properties.get("Roles")).stream()
                    .anyMatch(role -> String.valueOf(((Map<?, ?>) role).get("Ref")).startsWith(rolePrefix));
            if (forRole) {
                ((List<?>) ((Map<?, ?>) properties.get("PolicyDocument")).get("Statement"))
                        .forEach(s -> statements.add((Map<?, ?>) s));
            }
        });
        return statements;
    }

    private static Map<?, ?> flinkConfiguration(String name) {
        Map<?, ?> configuration = (Map<?, ?>) applicationProperties().get("ApplicationConfiguration");
        return (Map<?, ?>) ((Map<?, ?>) configuration.get("FlinkApplicationConfiguration")).get(name);
    }

    private static Map<?, ?> applicationProperties() {
        return (Map<?, ?>) template.findResources("AWS::KinesisAnalyticsV2::Application").values().iterator().next()
                .get("Properties");
    }

    /** The synthesized property groups as the Managed Flink runtime hands them to the job. */
    private static Map<String, Properties> propertyGroups() {
        Map<?, ?> configuration = (Map<?, ?>) applicationProperties().get("ApplicationConfiguration");
        List<?> groups = (List<?>) ((Map<?, ?>) configuration.get("EnvironmentProperties")).get("PropertyGroups");
        Map<String, Properties> result = new LinkedHashMap<>();
        for (Object group : groups) {
            Map<?, ?> g = (Map<?, ?>) group;
            Properties properties = new Properties();
            ((Map<?, ?>) g.get("PropertyMap")).forEach((k, v) -> properties.setProperty(k.toString(), TemplateText.render(v)));
            result.put(g.get("PropertyGroupId").toString(), properties);
        }
        return result;
    }
}
