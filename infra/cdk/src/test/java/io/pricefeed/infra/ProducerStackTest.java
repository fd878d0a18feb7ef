package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The producer's Fargate service: its contract, schedule, network and permissions. */
class ProducerStackTest {

    private static ProducerStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        stack = app.stacks.producer();
        template = app.template(stack);
    }

    @Test
    void containerGetsTheProducerConfigContract() throws Exception {
        Map<?, ?> container = (Map<?, ?>) ((List<?>) taskDefinition().get("ContainerDefinitions")).get(0);
        List<?> environment = (List<?>) container.get("Environment");
        assertThat(environment).hasSize(1);
        Map<?, ?> variable = (Map<?, ?>) environment.get(0);
        assertThat(variable.get("Name")).isEqualTo("PRICEFEED_PRODUCER_CONFIG_JSON");

        JsonNode config = new ObjectMapper().readTree(TemplateText.render(variable.get("Value")));
        assertThat(config).isEqualTo(new ObjectMapper().readTree("""
                {"fyers": {"clientId": "XC4XXXXM-100"},
                 "symbols": ["NSE:SBIN-EQ"],
                 "kinesis": {"stream": "ticks", "region": "${Ref:AWS::Region}"},
                 "tokenStore": {"type": "secretsManager", "secretId": "${Ref:%s}"}}""".formatted(secretId())));
        assertThat(((Map<?, ?>) container.get("LogConfiguration")).get("LogDriver")).isEqualTo("awslogs");
        assertThat(container.get("StopTimeout")).as("time to flush buffered ticks on SIGTERM").isEqualTo(60);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"kinesis\":{\"stream\":\"other\"}}",
        "{\"kinesis\":{\"endpoint\":\"http://127.0.0.1:4567\"}}",
        "{\"tokenStore\":{\"type\":\"file\"}}",
        "{\"tokenStore\":{\"secretId\":\"arn:aws:secretsmanager:ap-south-1:1:secret:x\"}}"})
    void producerConfigContextCannotRedirectTheStreamOrTheTokenStore(String producerConfig) {
        App app = PricefeedTestApp.newApp(Map.of(AppContext.PRODUCER_CONFIG, producerConfig));
        DataStack data = PricefeedTestApp.dataStack(app);
        assertThatThrownBy(() -> new ProducerStack(app, "Producer", null, data, PricefeedTestApp.PLACEHOLDER_PRODUCER))
                .hasMessageContaining("producerConfig' may not set")
                .hasMessageContaining("the deployment sets it");
    }

    @Test
    void producerConfigContextMustBeAJsonObject() {
        App app = PricefeedTestApp.newApp(Map.of(AppContext.PRODUCER_CONFIG, "[1, 2]"));
        DataStack data = PricefeedTestApp.dataStack(app);
        assertThatThrownBy(() -> new ProducerStack(app, "Producer", null, data, PricefeedTestApp.PLACEHOLDER_PRODUCER))
                .hasMessageContaining("must be a JSON object");
    }

    @Test
    void scalesFromZeroToOneAtNineAndBackAtQuarterToFourOnWeekdaysInKolkata() {
        template.hasResourceProperties("AWS::ApplicationAutoScaling::ScalableTarget", Map.of(
                "MinCapacity", 0,
                "MaxCapacity", 1,
                "ScheduledActions", List.of(
                        Map.of("ScheduledActionName", "StartAtPreOpen",
                                "Schedule", "cron(0 9 ? * MON-FRI *)",
                                "Timezone", "Asia/Kolkata",
                                "ScalableTargetAction", Map.of("MinCapacity", 1, "MaxCapacity", 1)),
                        Map.of("ScheduledActionName", "StopAfterClose",
                                "Schedule", "cron(45 15 ? * MON-FRI *)",
                                "Timezone", "Asia/Kolkata",
                                "ScalableTargetAction", Map.of("MinCapacity", 0, "MaxCapacity", 0)))));
    }

    @Test
    void serviceLeavesTheCountToTheScheduleAndNeverRunsTwoProducers() {
        template.hasResourceProperties("AWS::ECS::Service", Map.of(
                "ServiceName", ProducerStack.SERVICE_NAME,
                "LaunchType", "FARGATE",
                // A deploy during the session must not reset the running task to the template's count.
                "DesiredCount", Match.absent(),
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "MinimumHealthyPercent", 0,
                        "MaximumPercent", 100,
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))),
                "NetworkConfiguration", Map.of("AwsvpcConfiguration", Match.objectLike(Map.of(
                        "AssignPublicIp", "ENABLED")))));
    }

    @Test
    void publicSubnetsWithoutNatAndOnlyOutboundHttps() {
        template.resourceCountIs("AWS::EC2::NatGateway", 0);
        template.resourceCountIs("AWS::EC2::Subnet", 2);
        template.allResourcesProperties("AWS::EC2::Subnet", Map.of("MapPublicIpOnLaunch", true));
        template.hasResourceProperties("AWS::EC2::SecurityGroup", Map.of(
                "SecurityGroupIngress", Match.absent(),
                "SecurityGroupEgress", List.of(Match.objectLike(Map.of(
                        "IpProtocol", "tcp", "FromPort", 443, "ToPort", 443, "CidrIp", "0.0.0.0/0")))));
        template.resourceCountIs("AWS::EC2::SecurityGroupIngress", 0);
        template.hasResourceProperties("AWS::EC2::FlowLog", Map.of("TrafficType", "REJECT"));
    }

    @Test
    void taskMayPutTicksAndReadAndRefreshItsTokenOnly() {
        String taskRole = stack.getLogicalId((CfnElement) stack.getTaskRole().getNode().getDefaultChild());
        template.hasResourceProperties("AWS::IAM::Policy", Map.of(
                "Roles", List.of(Map.of("Ref", taskRole)),
                "PolicyDocument", Map.of("Version", "2012-10-17", "Statement", List.of(
                        Map.of("Effect", "Allow",
                                "Action", List.of("kinesis:PutRecords", "kinesis:ListShards", "kinesis:DescribeStreamSummary"),
                                "Resource", Map.of("Fn::ImportValue", Match.stringLikeRegexp(".*TicksStream.*Arn.*"))),
                        Map.of("Effect", "Allow",
                                "Action", List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                                        "secretsmanager:PutSecretValue"),
                                "Resource", Map.of("Ref", secretId()))))));
    }

    @Test
    void tokenSecretStartsEmptyAndIsNeverGenerated() {
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "SecretString", "{}",
                "GenerateSecretString", Match.absent(),
                "Name", Match.absent()));
        template.hasOutput("FyersTokenSecretArn", Map.of("Value", Map.of("Ref", secretId())));
    }

    @Test
    void imageIsBuiltForTheTasksPlatform() {
        assertThat(taskDefinition().get("RuntimePlatform"))
                .isEqualTo(Map.of("CpuArchitecture", "X86_64", "OperatingSystemFamily", "LINUX"));
    }

    private static Map<?, ?> taskDefinition() {
        return (Map<?, ?>) template.findResources("AWS::ECS::TaskDefinition").values().iterator().next().get("Properties");
    }

    private static String secretId() {
        return stack.getLogicalId((CfnElement) stack.getTokenSecret().getNode().getDefaultChild());
    }
}
