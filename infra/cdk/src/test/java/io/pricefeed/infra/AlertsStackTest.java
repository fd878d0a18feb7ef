package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.pricefeed.alerts.AlertConfig;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The alerts Lambda, its Kinesis trigger, its topic and its dead-letter queue. */
class AlertsStackTest {

    private static AlertsStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        stack = app.stacks.alerts();
        template = app.template(stack);
    }

    @Test
    void runsTheHandlerOfTheAlertsModuleOnJava17() throws IOException {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "FunctionName", AlertsStack.FUNCTION_NAME,
                "Runtime", "java17",
                "Handler", AlertsStack.HANDLER));
        // The handler string names a class and method of alerts-lambda: check them in its source.
        String[] handler = AlertsStack.HANDLER.split("::");
        Path source = PricefeedTestApp.REPO_ROOT.resolve("alerts-lambda/src/main/java")
                .resolve(handler[0].replace('.', '/') + ".java");
        assertThat(source).exists();
        assertThat(Files.readString(source))
                .contains("implements RequestHandler<KinesisEvent")
                .contains(" " + handler[1] + "(KinesisEvent");
    }

    @Test
    void environmentIsValidForTheLambdasOwnConfigParser() throws IllegalAccessException {
        Map<String, String> environment = environment();
        // AlertConfig.from validates every variable it knows, as the Lambda's cold start does.
        AlertConfig config = AlertConfig.from(environment);
        assertThat(config.notifier()).isEqualTo(AlertConfig.NotifierKind.SNS);
        assertThat(config.snsTopicArn()).isEqualTo("${Ref:" + logicalId(stack.getTopic()) + "}");
        assertThat(config.dedupTable()).isEqualTo("alert-dedup");
        assertThat(config.dedupTtlDays()).isEqualTo(7);
        assertThat(config.dynamoDbEndpoint()).as("AWS endpoints, not a stand-in").isEmpty();

        // ...and no variable is a typo that AlertConfig would silently ignore.
        Set<String> known = new HashSet<>();
        for (Field field : AlertConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                known.add((String) field.get(null));
            }
        }
        assertThat(environment.keySet()).allMatch(name -> known.contains(name) || name.equals("JAVA_TOOL_OPTIONS"),
                "is an AlertConfig variable (" + known + ")");
    }

    @Test
    void kinesisTriggerBisectsRetriesReportsPartialFailuresAndDeadLetters() {
        template.hasResourceProperties("AWS::Lambda::EventSourceMapping", Map.of(
                "BatchSize", AlertsStack.BATCH_SIZE,
                "BisectBatchOnFunctionError", true,
                "MaximumRetryAttempts", AlertsStack.RETRY_ATTEMPTS,
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "StartingPosition", "TRIM_HORIZON",
                "ParallelizationFactor", 1,
                "EventSourceArn", Match.objectLike(Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*AnomaliesStream.*"))),
                "DestinationConfig", Map.of("OnFailure", Map.of("Destination",
                        Map.of("Fn::GetAtt", List.of(logicalId(stack.getDeadLetterQueue()), "Arn"))))));
    }

    @Test
    void topicIsKmsEncryptedAndMailsTheNotificationAddress() {
        template.hasResourceProperties("AWS::SNS::Topic", Map.of(
                "KmsMasterKeyId", Map.of("Fn::GetAtt", List.of(logicalId(stack.getKey()), "Arn"))));
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", PricefeedTestApp.NOTIFICATION_EMAIL,
                "TopicArn", Map.of("Ref", logicalId(stack.getTopic()))));
    }

    @Test
    void functionMayClaimAndReleaseDedupIdsAndPublishNothingMore() {
        Map<String, Map<String, Object>> policies = template.findResources("AWS::IAM::Policy");
        assertThat(policies).hasSize(1);
        List<?> statements = (List<?>) ((Map<?, ?>) ((Map<?, ?>) policies.values().iterator().next().get("Properties"))
                .get("PolicyDocument")).get("Statement");
        Map<String, Object> actionsByResource = new LinkedHashMap<>();
        for (Object s : statements) {
            Map<?, ?> statement = (Map<?, ?>) s;
            actionsByResource.put(TemplateText.render(statement.get("Resource")), statement.get("Action"));
        }
        assertThat(actionsByResource).anySatisfy((resource, actions) -> {
            assertThat(resource).contains("AlertDedupTable");
            assertThat(actions).isEqualTo(List.of("dynamodb:PutItem", "dynamodb:DeleteItem"));
        });
        assertThat(actionsByResource).anySatisfy((resource, actions) -> {
            assertThat(resource).isEqualTo("${Ref:" + logicalId(stack.getTopic()) + "}");
            assertThat(actions).isEqualTo("sns:Publish");
        });
        assertThat(actionsByResource.keySet()).noneMatch(resource -> resource.contains("BarsTable"));
    }

    private static Map<String, String> environment() {
        Map<?, ?> function = (Map<?, ?>) template.findResources("AWS::Lambda::Function").values().iterator().next()
                .get("Properties");
        Map<?, ?> variables = (Map<?, ?>) ((Map<?, ?>) function.get("Environment")).get("Variables");
        Map<String, String> environment = new LinkedHashMap<>();
        variables.forEach((k, v) -> environment.put(k.toString(), TemplateText.render(v)));
        return environment;
    }

    private static String logicalId(software.constructs.IConstruct construct) {
        return stack.getLogicalId((CfnElement) construct.getNode().getDefaultChild());
    }
}
