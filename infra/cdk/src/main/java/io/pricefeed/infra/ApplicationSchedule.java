package io.pricefeed.infra;

import java.time.LocalTime;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * Starts a Managed Flink application before the session and stops it after, on weekdays in
 * Asia/Kolkata: an EventBridge Scheduler pair calling the Managed Flink API directly (universal
 * targets), so no Lambda sits in between.
 *
 * <p>The stop is graceful ({@code Force=false}): with snapshots enabled Managed Flink takes a
 * snapshot, which also commits the lake files of the last checkpoint interval. The start restores
 * from that snapshot, so stream positions and the rolling anomaly baselines carry over to the
 * next session.
 */
public class ApplicationSchedule extends Construct {

    static final String START_TARGET = "aws-sdk:kinesisanalyticsv2:startApplication";
    static final String STOP_TARGET = "aws-sdk:kinesisanalyticsv2:stopApplication";

    private final CfnSchedule start;
    private final CfnSchedule stop;

    public ApplicationSchedule(Construct scope, String id, String applicationName, LocalTime startAt, LocalTime stopAt) {
        super(scope, id);
        Stack stack = Stack.of(this);
        String applicationArn = stack.formatArn(ArnComponents.builder()
                .service("kinesisanalytics")
                .resource("application")
                .resourceName(applicationName)
                .build());

        Role role = Role.Builder.create(this, "Role")
                .description("EventBridge Scheduler: start and stop " + applicationName)
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(Map.of(
                        // Only schedules of this account may use the role (confused deputy).
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        role.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kinesisanalytics:StartApplication", "kinesisanalytics:StopApplication"))
                .resources(List.of(applicationArn))
                .build());

        start = schedule("Start", applicationName + "-start", startAt, START_TARGET, role,
                stack.toJsonString(Map.of(
                        "ApplicationName", applicationName,
                        "RunConfiguration", Map.of("ApplicationRestoreConfiguration", Map.of(
                                "ApplicationRestoreType", "RESTORE_FROM_LATEST_SNAPSHOT")))));
        stop = schedule("Stop", applicationName + "-stop", stopAt, STOP_TARGET, role,
                stack.toJsonString(Map.of("ApplicationName", applicationName, "Force", false)));
    }

    private CfnSchedule schedule(String id, String name, LocalTime at, String target, Role role, String input) {
        CfnSchedule schedule = CfnSchedule.Builder.create(this, id)
                .name(name)
                .description(target.substring(target.lastIndexOf(':') + 1) + " at " + at + " " + MarketHours.TIME_ZONE
                        + ", Monday to Friday")
                .scheduleExpression(MarketHours.weekdayCron(at))
                .scheduleExpressionTimezone(MarketHours.TIME_ZONE)
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .state("ENABLED")
                .target(CfnSchedule.TargetProperty.builder()
                        .arn("arn:" + Aws.PARTITION + ":scheduler:::" + target)
                        .roleArn(role.getRoleArn())
                        .input(input)
                        // A start that fails for a transient reason is worth retrying within the
                        // pre-open; one that is still failing after 15 minutes needs a human.
                        .retryPolicy(CfnSchedule.RetryPolicyProperty.builder()
                                .maximumRetryAttempts(5)
                                .maximumEventAgeInSeconds(900)
                                .build())
                        .build())
                .build();
        // The role's policy must exist before the first invocation.
        schedule.getNode().addDependency(role);
        return schedule;
    }

    public CfnSchedule getStart() {
        return start;
    }

    public CfnSchedule getStop() {
        return stop;
    }
}
