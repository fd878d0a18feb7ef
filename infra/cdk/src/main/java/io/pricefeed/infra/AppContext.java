package io.pricefeed.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.constructs.Construct;

/**
 * The CDK context keys the app reads (defaults in {@code cdk.json}, overrides with
 * {@code cdk deploy -c key=value}), validated once here so a bad value fails synth with the key's
 * name instead of surfacing as a CloudFormation error half-way through a deploy.
 *
 * <p>CLI context arrives as strings, {@code cdk.json} context as JSON numbers; both are accepted.
 */
public final class AppContext {

    /** Shards of the {@code ticks} stream. */
    public static final String TICKS_SHARDS = "ticksShards";
    public static final int DEFAULT_TICKS_SHARDS = 2;
    /** Parallelism of the Flink job (Managed Flink parallel tasks, before autoscaling). */
    public static final String FLINK_PARALLELISM = "flinkParallelism";
    public static final int DEFAULT_FLINK_PARALLELISM = 2;
    /** Who receives the anomaly alert mails (SNS email subscription). */
    public static final String NOTIFICATION_EMAIL = "notificationEmail";
    /** Who receives the operations alarms; the notification address when absent. */
    public static final String OPERATIONS_EMAIL = "operationsEmail";
    /**
     * The producer's own settings as a JSON object in its configuration format (producer module,
     * {@code ProducerConfig}), e.g. {@code {"fyers":{"clientId":"XC4XXXXM-100"},"symbols":[...]}}.
     * The deployment adds the keys it owns (the stream and the token store) on top.
     */
    public static final String PRODUCER_CONFIG = "producerConfig";

    // Deliberately loose: SNS validates the address and sends a confirmation mail; this only
    // catches the obvious slip of passing a name or an empty string.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Construct scope;

    private AppContext(Construct scope) {
        this.scope = scope;
    }

    public static AppContext of(Construct scope) {
        return new AppContext(scope);
    }

    public int ticksShards() {
        return positiveInt(TICKS_SHARDS, DEFAULT_TICKS_SHARDS);
    }

    public int flinkParallelism() {
        return positiveInt(FLINK_PARALLELISM, DEFAULT_FLINK_PARALLELISM);
    }

    public Optional<String> notificationEmail() {
        return email(NOTIFICATION_EMAIL);
    }

    public Optional<String> operationsEmail() {
        Optional<String> operations = email(OPERATIONS_EMAIL);
        return operations.isPresent() ? operations : notificationEmail();
    }

    /** The {@link #PRODUCER_CONFIG} object; empty when not given. */
    public Map<String, Object> producerConfig() {
        Object value = scope.getNode().tryGetContext(PRODUCER_CONFIG);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (value instanceof Map<?, ?> map) {
            // From cdk.json: already a JSON object.
            return JSON.convertValue(map, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
        try {
            Object parsed = JSON.readValue(value.toString(), Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return JSON.convertValue(map, new TypeReference<LinkedHashMap<String, Object>>() { });
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Context '" + PRODUCER_CONFIG + "' must be a JSON object: "
                    + e.getOriginalMessage(), e);
        }
        throw new IllegalArgumentException("Context '" + PRODUCER_CONFIG + "' must be a JSON object, got: " + value);
    }

    private int positiveInt(String key, int fallback) {
        Object value = scope.getNode().tryGetContext(key);
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    ? n.intValue()
                    : Integer.parseInt(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Context '" + key + "' must be a whole number, got: " + value, e);
        }
        if (parsed < 1) {
            throw new IllegalArgumentException("Context '" + key + "' must be at least 1, got: " + value);
        }
        return parsed;
    }

    private Optional<String> email(String key) {
        Object value = scope.getNode().tryGetContext(key);
        if (value == null || value.toString().isBlank()) {
            return Optional.empty();
        }
        String address = value.toString().trim();
        if (!EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("Context '" + key + "' must be an email address, got: " + value);
        }
        return Optional.of(address);
    }
}
