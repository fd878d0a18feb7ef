package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Stack;

/**
 * Walks every policy in every synthesized template and proves least privilege:
 * <ul>
 *   <li>identity policies (roles, managed and inline policies) never allow {@code *} or a
 *       service-wide wildcard ({@code s3:*}), never use NotAction/NotResource, and use
 *       {@code "Resource": "*"} only for actions that have no resource-level permissions;</li>
 *   <li>resource policies (bucket, topic, queue, key) never allow an anonymous principal, and
 *       never a wildcard action, except the one documented key-policy statement that lets the
 *       account's IAM administer a KMS key (without it the key could become unmanageable).</li>
 * </ul>
 * Deny statements (the TLS-only policies) may use wildcards: they only take permissions away.
 */
class LeastPrivilegeTest {

    /** Actions AWS only authorizes on {@code "Resource": "*"}. */
    private static final Set<String> RESOURCE_STAR_ONLY = Set.of("ecr:GetAuthorizationToken");
    private static final Pattern SERVICE_WIDE = Pattern.compile("^(\\*|[a-z0-9-]+:\\*)$");
    private static final Map<String, String> RESOURCE_POLICIES = Map.of(
            "AWS::S3::BucketPolicy", "PolicyDocument",
            "AWS::SNS::TopicPolicy", "PolicyDocument",
            "AWS::SQS::QueuePolicy", "PolicyDocument",
            "AWS::KMS::Key", "KeyPolicy");

    @Test
    void everyPolicyOfEveryStackIsLeastPrivilege() {
        PricefeedTestApp app = PricefeedTestApp.shared();
        List<String> violations = new ArrayList<>();
        int identityStatements = 0;
        int resourceStatements = 0;
        for (Stack stack : app.allStacks()) {
            String stackName = stack.getStackName();
            for (Map.Entry<String, Map<String, Object>> resource : app.resources(stack).entrySet()) {
                String where = stackName + "/" + resource.getKey();
                String type = (String) resource.getValue().get("Type");
                Map<?, ?> properties = (Map<?, ?>) resource.getValue().getOrDefault("Properties", Map.of());
                for (Map<?, ?> document : identityDocuments(type, properties)) {
                    for (Map<?, ?> statement : statements(document)) {
                        identityStatements++;
                        violations.addAll(identityViolations(where, statement));
                    }
                }
                if (RESOURCE_POLICIES.containsKey(type)) {
                    for (Map<?, ?> statement : statements((Map<?, ?>) properties.get(RESOURCE_POLICIES.get(type)))) {
                        resourceStatements++;
                        violations.addAll(resourcePolicyViolations(where, type, statement));
                    }
                }
            }
        }
        // Not vacuous: the app has roles for Flink, the scheduler, the producer task and its
        // execution, the Lambda and the flow logs, and several resource policies.
        assertThat(identityStatements).isGreaterThan(20);
        assertThat(resourceStatements).isGreaterThan(8);
        assertThat(violations).isEmpty();
    }

    @Test
    void theCheckCatchesWhatItIsMeantTo() {
        assertThat(identityViolations("t", Map.of("Effect", "Allow", "Action", "s3:*", "Resource", "arn:aws:s3:::b")))
                .hasSize(1);
        assertThat(identityViolations("t", Map.of("Effect", "Allow", "Action", "*", "Resource", "*"))).isNotEmpty();
        assertThat(identityViolations("t", Map.of("Effect", "Allow", "Action", List.of("kinesis:PutRecords"),
                "Resource", "*"))).hasSize(1);
        assertThat(identityViolations("t", Map.of("Effect", "Allow", "NotAction", "iam:*", "Resource", "x"))).hasSize(1);
        assertThat(identityViolations("t", Map.of("Effect", "Deny", "Action", "s3:*", "Resource", "*"))).isEmpty();
        assertThat(identityViolations("t", Map.of("Effect", "Allow", "Action", "ecr:GetAuthorizationToken",
                "Resource", "*"))).isEmpty();
        assertThat(resourcePolicyViolations("t", "AWS::SNS::TopicPolicy", Map.of("Effect", "Allow",
                "Principal", "*", "Action", "sns:Publish", "Resource", "x"))).hasSize(1);
        assertThat(resourcePolicyViolations("t", "AWS::KMS::Key", Map.of("Effect", "Allow",
                "Principal", Map.of("Service", "logs.amazonaws.com"), "Action", "kms:*", "Resource", "*"))).hasSize(1);
    }

    private static List<Map<?, ?>> identityDocuments(String type, Map<?, ?> properties) {
        List<Map<?, ?>> documents = new ArrayList<>();
        switch (type) {
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" -> documents.add((Map<?, ?>) properties.get("PolicyDocument"));
            case "AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group" -> {
                // Inline policies; the trust policy (AssumeRolePolicyDocument) grants no permissions.
                for (Object policy : list(properties.get("Policies"))) {
                    documents.add((Map<?, ?>) ((Map<?, ?>) policy).get("PolicyDocument"));
                }
                assertThat(list(properties.get("ManagedPolicyArns")))
                        .as("%s uses AWS managed policies, which are broader than what it needs", type)
                        .isEmpty();
            }
            default -> {
            }
        }
        return documents;
    }

    static List<String> identityViolations(String where, Map<?, ?> statement) {
        List<String> violations = new ArrayList<>();
        if (!"Allow".equals(statement.get("Effect"))) {
            return violations;
        }
        if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
            violations.add(where + ": Allow with NotAction/NotResource " + statement);
        }
        List<Object> actions = list(statement.get("Action"));
        for (Object action : actions) {
            if (SERVICE_WIDE.matcher(action.toString()).matches()) {
                violations.add(where + ": wildcard action " + action);
            }
        }
        if (list(statement.get("Resource")).contains("*")) {
            for (Object action : actions) {
                if (!RESOURCE_STAR_ONLY.contains(action.toString())) {
                    violations.add(where + ": " + action + " on Resource * although it supports resource ARNs");
                }
            }
        }
        return violations;
    }

    static List<String> resourcePolicyViolations(String where, String type, Map<?, ?> statement) {
        List<String> violations = new ArrayList<>();
        if (!"Allow".equals(statement.get("Effect"))) {
            return violations;
        }
        Object principal = statement.get("Principal");
        if ("*".equals(principal) || (principal instanceof Map<?, ?> map && "*".equals(map.get("AWS")))) {
            violations.add(where + ": Allow to any principal " + statement);
        }
        for (Object action : list(statement.get("Action"))) {
            if (SERVICE_WIDE.matcher(action.toString()).matches() && !isKeyAdministration(type, statement)) {
                violations.add(where + ": wildcard action " + action + " in a resource policy");
            }
        }
        return violations;
    }

    /** The default key-policy statement: the account root may administer the key through IAM. */
    private static boolean isKeyAdministration(String type, Map<?, ?> statement) {
        if (!type.equals("AWS::KMS::Key") || !(statement.get("Principal") instanceof Map<?, ?> principal)) {
            return false;
        }
        Object aws = principal.get("AWS");
        return aws != null && TemplateText.render(aws).equals("arn:${Ref:AWS::Partition}:iam::${Ref:AWS::AccountId}:root");
    }

    private static List<Map<?, ?>> statements(Map<?, ?> document) {
        List<Map<?, ?>> statements = new ArrayList<>();
        for (Object statement : list(document.get("Statement"))) {
            statements.add((Map<?, ?>) statement);
        }
        return statements;
    }

    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> l ? new ArrayList<>(l) : List.of(value);
    }
}
