package io.pricefeed.infra;

import java.nio.file.Path;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.pricefeed.model.ResourceNames;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;
import software.amazon.awscdk.services.applicationautoscaling.ScalingSchedule;
import software.amazon.awscdk.services.applicationautoscaling.CronOptions;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.ecs.AssetImageProps;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargatePlatformVersion;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The Fyers producer as one ECS Fargate task, running only from the pre-open to after the close
 * on weekdays, with the Fyers token in Secrets Manager.
 *
 * <p>Network: a VPC with public subnets only and no NAT gateway. The task gets a public IP and a
 * security group with no inbound rule and outbound HTTPS only. A NAT gateway (about $40 a month
 * in ap-south-1 before data, around the clock) would cost some twenty times the task it serves,
 * which needs no inbound path anyway; interface endpoints for the four AWS APIs it calls (Kinesis,
 * Secrets Manager, ECR, CloudWatch Logs) would cost more still.
 */
public class ProducerStack extends Stack {

    /** The producer's configuration contract: one JSON document in this variable. */
    public static final String CONFIG_ENV = "PRICEFEED_PRODUCER_CONFIG_JSON";
    public static final String SERVICE_NAME = "pricefeed-producer";
    public static final String CLUSTER_NAME = "pricefeed";

    private final Secret tokenSecret;
    private final FargateService service;
    private final Role taskRole;

    /** @param imageDir the producer's Docker build context (the folder with its Dockerfile) */
    public ProducerStack(Construct scope, String id, StackProps props, DataStack data, Path imageDir) {
        super(scope, id, props);

        tokenSecret = Secret.Builder.create(this, "FyersTokenSecret")
                .description("Fyers app secret, PIN and tokens of the Pricefeed producer; tokens written by "
                        + "`./pricefeed login` and by the producer's token refresh")
                // Not a secret: an empty token document until the first login. CloudFormation only
                // writes it when this literal changes, so redeploys never overwrite a stored token.
                // (Without a value CDK would generate a random password, which is not a token either.)
                .secretStringValue(SecretValue.unsafePlainText("{}"))
                // The name is generated: a fixed name could not be reused for the 7-30 days a deleted
                // secret waits for recovery, which would break a teardown-and-redeploy.
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        NagSuppressions.addResourceSuppressions(tokenSecret, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason("The Fyers token cannot be rotated by a Secrets Manager rotation Lambda: it is issued by an "
                        + "interactive OAuth login and refreshed by the producer itself, which writes it back here.")
                .build()));

        // Built first, so a bad producerConfig context fails before anything else is constructed.
        String configJson = producerConfigJson();

        Vpc vpc = Vpc.Builder.create(this, "Vpc")
                .maxAzs(2)
                .natGateways(0)
                .subnetConfiguration(List.of(SubnetConfiguration.builder()
                        .name("public")
                        .subnetType(SubnetType.PUBLIC)
                        .cidrMask(24)
                        .build()))
                // Nothing uses the default security group. Locking it down needs a custom-resource
                // Lambda, more moving parts than the rule is worth here.
                .restrictDefaultSecurityGroup(false)
                // Rejected traffic only: that is what a security review asks for, and accepted
                // traffic (a quote poll a second) would only add log ingestion cost.
                .flowLogs(Map.of("Rejected", FlowLogOptions.builder()
                        .trafficType(FlowLogTrafficType.REJECT)
                        .destination(FlowLogDestination.toCloudWatchLogs(LogGroup.Builder.create(this, "FlowLogs")
                                .retention(RetentionDays.ONE_MONTH)
                                .removalPolicy(RemovalPolicy.DESTROY)
                                .build()))
                        .build()))
                .build();

        SecurityGroup securityGroup = SecurityGroup.Builder.create(this, "ProducerSecurityGroup")
                .vpc(vpc)
                .description("Pricefeed producer: no inbound; outbound HTTPS to Fyers and the AWS APIs")
                .allowAllOutbound(false)
                .build();
        securityGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS to the Fyers API and AWS endpoints");

        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .clusterName(CLUSTER_NAME)
                .vpc(vpc)
                .build();
        NagSuppressions.addResourceSuppressions(cluster, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-ECS4")
                .reason("Container Insights would bill about as much as the single task it watches. The producer's "
                        + "health is watched end to end by the no-ticks alarm, plus the service's free CPU/memory "
                        + "metrics and its logs.")
                .build()));

        taskRole = Role.Builder.create(this, "TaskRole")
                .description("The Pricefeed producer task: put ticks, read and refresh the Fyers token")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com").withConditions(Map.of(
                        "StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .build();
        // ListShards: the producer heartbeats to every shard with an explicit hash key, so it needs
        // the shards' hash ranges; DescribeStreamSummary: its startup check of the stream.
        taskRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("kinesis:PutRecords", "kinesis:ListShards", "kinesis:DescribeStreamSummary"))
                .resources(List.of(data.getTicksStream().getStreamArn()))
                .build());
        // Write as well as read: a token refresh stores the new token back.
        taskRole.addToPolicy(PolicyStatement.Builder.create()
                .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret",
                        "secretsmanager:PutSecretValue"))
                .resources(List.of(tokenSecret.getSecretArn()))
                .build());

        FargateTaskDefinition taskDefinition = FargateTaskDefinition.Builder.create(this, "TaskDefinition")
                .family(SERVICE_NAME)
                .cpu(256)
                .memoryLimitMiB(512)
                .taskRole(taskRole)
                // Pinned, and the image built for it below: an image built on an arm64 laptop would
                // otherwise not start on x86 Fargate.
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();
        taskDefinition.addContainer("producer", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromAsset(imageDir.toString(), AssetImageProps.builder()
                        .platform(Platform.LINUX_AMD64)
                        .build()))
                .environment(Map.of(CONFIG_ENV, configJson))
                // On SIGTERM (scale-in, deployment) the producer flushes its buffered ticks for up
                // to its kinesis.flushTimeout (30 s); ECS's default 30 s grace would cut that short.
                .stopTimeout(Duration.seconds(60))
                .logging(LogDrivers.awsLogs(AwsLogDriverProps.builder()
                        .streamPrefix("producer")
                        .logGroup(LogGroup.Builder.create(this, "Logs")
                                .logGroupName("/pricefeed/producer")
                                .retention(RetentionDays.ONE_MONTH)
                                .removalPolicy(RemovalPolicy.DESTROY)
                                .build())
                        .build()))
                .build());
        NagSuppressions.addResourceSuppressions(taskDefinition, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-ECS2")
                .reason("The one environment variable is the producer's configuration contract and holds no secret: "
                        + "a stream name, a region and the ARN of the token secret, which the task reads itself.")
                .build()));
        NagSuppressions.addResourceSuppressions(taskDefinition, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("ecr:GetAuthorizationToken (granted by CDK to the execution role to pull the image) has no "
                        + "resource-level permissions; AWS documents Resource \"*\" for it.")
                .appliesTo(List.of("Resource::*"))
                .build()), true);

        service = FargateService.Builder.create(this, "Service")
                .serviceName(SERVICE_NAME)
                .cluster(cluster)
                .taskDefinition(taskDefinition)
                .platformVersion(FargatePlatformVersion.LATEST)
                .assignPublicIp(true)
                .vpcSubnets(SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .securityGroups(List.of(securityGroup))
                // One producer at a time, also during a deployment: two would double the Fyers
                // request rate against its limits and send every tick twice (with different
                // receive times, so not even the job's de-duplication would catch it).
                .minHealthyPercent(0)
                .maxHealthyPercent(100)
                .circuitBreaker(DeploymentCircuitBreaker.builder().rollback(true).build())
                // desiredCount is left out (cdk.json's @aws-cdk/aws-ecs:removeDefaultDesiredCount):
                // the schedule below owns the count, and a deploy must not reset it mid-session.
                .build();

        ScalableTaskCount taskCount = service.autoScaleTaskCount(
                EnableScalingProps.builder().minCapacity(0).maxCapacity(1).build());
        taskCount.scaleOnSchedule("StartAtPreOpen", schedule(MarketHours.PRODUCER_START, 1));
        taskCount.scaleOnSchedule("StopAfterClose", schedule(MarketHours.PRODUCER_STOP, 0));

        CfnOutput.Builder.create(this, "FyersTokenSecretArn")
                .description("Secrets Manager secret of the Fyers token (see the README: log in after deploy)")
                .value(tokenSecret.getSecretArn())
                .build();
        CfnOutput.Builder.create(this, "ProducerService")
                .description("ECS service of the producer (scaled 0 -> 1 at " + MarketHours.PRODUCER_START + ", 1 -> 0 at "
                        + MarketHours.PRODUCER_STOP + " IST on weekdays)")
                .value(service.getServiceName())
                .build();
    }

    /** Pins the task count to {@code tasks} from the given IST time on weekdays. */
    private static ScalingSchedule schedule(LocalTime at, int tasks) {
        return ScalingSchedule.builder()
                .schedule(Schedule.cron(CronOptions.builder()
                        .minute(Integer.toString(at.getMinute()))
                        .hour(Integer.toString(at.getHour()))
                        .weekDay(MarketHours.WEEKDAYS)
                        .build()))
                .timeZone(TimeZone.of(MarketHours.TIME_ZONE))
                .minCapacity(tasks)
                .maxCapacity(tasks)
                .build();
    }

    /**
     * The producer's configuration: {@code {"kinesis":{"stream","region"},"tokenStore":{"type",
     * "secretId"}}}, the keys this deployment owns, on top of the operator's {@code producerConfig}
     * context (the Fyers client id, the symbols, ...). Setting an owned key there is an error:
     * the stream and the secret are this stack's, and pointing the task elsewhere would fail at
     * the first put with an access error instead of at synth.
     */
    private String producerConfigJson() {
        Map<String, Object> config = AppContext.of(this).producerConfig();
        Map<String, Object> kinesis = section(config, "kinesis", Set.of("stream", "region", "endpoint"));
        kinesis.put("stream", ResourceNames.TICKS_STREAM);
        kinesis.put("region", Aws.REGION);
        Map<String, Object> tokenStore = section(config, "tokenStore", Set.of("type", "secretId"));
        tokenStore.put("type", "secretsManager");
        tokenStore.put("secretId", tokenSecret.getSecretArn());
        Object fyers = config.get("fyers");
        if (!(fyers instanceof Map<?, ?> f) || f.get("clientId") == null || f.get("clientId").toString().isBlank()) {
            // The producer refuses to start without it (ProducerConfig: fyers.clientId is required).
            Annotations.of(this).addWarningV2("pricefeed:no-fyers-client-id", "The producer needs its Fyers app's "
                    + "client id: deploy with -c " + AppContext.PRODUCER_CONFIG + "='{\"fyers\":{\"clientId\":\"XC4XXXXM-100\"}}'.");
        }
        return toJsonString(config);
    }

    /** The named section of the producer config, created if absent; the owned keys may not be preset. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> config, String name, Set<String> owned) {
        Object existing = config.get(name);
        if (existing != null && !(existing instanceof Map)) {
            throw new IllegalArgumentException("Context '" + AppContext.PRODUCER_CONFIG + "': '" + name + "' must be an object");
        }
        Map<String, Object> section = existing == null ? new LinkedHashMap<>() : (Map<String, Object>) existing;
        for (String key : owned) {
            if (section.containsKey(key)) {
                throw new IllegalArgumentException("Context '" + AppContext.PRODUCER_CONFIG + "' may not set '" + name + "."
                        + key + "': the deployment sets it");
            }
        }
        config.put(name, section);
        return section;
    }

    public Secret getTokenSecret() {
        return tokenSecret;
    }

    public FargateService getService() {
        return service;
    }

    public Role getTaskRole() {
        return taskRole;
    }
}
