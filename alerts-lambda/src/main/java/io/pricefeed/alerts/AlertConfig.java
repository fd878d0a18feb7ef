package io.pricefeed.alerts;

import io.pricefeed.model.ResourceNames;
import java.net.URI;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda's configuration, from environment variables with defaults. A missing required
 * variable or a malformed value fails at startup with a message naming the variable.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><td>ALERTS_NOTIFIER</td><td>{@code sns} (default) or {@code smtp}</td></tr>
 *   <tr><td>ALERTS_SNS_TOPIC_ARN</td><td>required for sns</td></tr>
 *   <tr><td>ALERTS_SMTP_HOST / ALERTS_SMTP_PORT</td><td>localhost / 3025</td></tr>
 *   <tr><td>ALERTS_SMTP_FROM / ALERTS_SMTP_TO</td><td>pricefeed@localhost / required for smtp</td></tr>
 *   <tr><td>ALERTS_EML_DIR</td><td>optional: also save every SMTP mail there as .eml</td></tr>
 *   <tr><td>ALERTS_DEDUP_TABLE</td><td>alert-dedup</td></tr>
 *   <tr><td>ALERTS_DEDUP_TTL_DAYS</td><td>7</td></tr>
 *   <tr><td>ALERTS_DIGEST_THRESHOLD</td><td>5: more new anomalies than this in one batch make one digest</td></tr>
 *   <tr><td>ALERTS_DYNAMODB_ENDPOINT / ALERTS_SNS_ENDPOINT</td><td>optional endpoint overrides (local runs)</td></tr>
 * </table>
 */
public final class AlertConfig {
    public static final String NOTIFIER = "ALERTS_NOTIFIER";
    public static final String SNS_TOPIC_ARN = "ALERTS_SNS_TOPIC_ARN";
    public static final String SMTP_HOST = "ALERTS_SMTP_HOST";
    public static final String SMTP_PORT = "ALERTS_SMTP_PORT";
    public static final String SMTP_FROM = "ALERTS_SMTP_FROM";
    public static final String SMTP_TO = "ALERTS_SMTP_TO";
    public static final String EML_DIR = "ALERTS_EML_DIR";
    public static final String DEDUP_TABLE = "ALERTS_DEDUP_TABLE";
    public static final String DEDUP_TTL_DAYS = "ALERTS_DEDUP_TTL_DAYS";
    public static final String DIGEST_THRESHOLD = "ALERTS_DIGEST_THRESHOLD";
    public static final String DYNAMODB_ENDPOINT = "ALERTS_DYNAMODB_ENDPOINT";
    public static final String SNS_ENDPOINT = "ALERTS_SNS_ENDPOINT";

    /** Which notifier delivers the mails. */
    public enum NotifierKind { SNS, SMTP }

    private final Map<String, String> env;

    private AlertConfig(Map<String, String> env) {
        this.env = env;
    }

    /** Reads and validates every variable now, so a bad one fails the cold start, not a batch. */
    public static AlertConfig from(Map<String, String> env) {
        AlertConfig c = new AlertConfig(env);
        c.notifier();
        c.digestThreshold();
        c.dedupTtlDays();
        c.endpoint(DYNAMODB_ENDPOINT);
        c.endpoint(SNS_ENDPOINT);
        if (c.notifier() == NotifierKind.SNS) {
            c.snsTopicArn();
        } else {
            c.smtpPort();
            c.smtpTo();
        }
        return c;
    }

    public NotifierKind notifier() {
        String v = get(NOTIFIER, "sns");
        switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "sns":
                return NotifierKind.SNS;
            case "smtp":
                return NotifierKind.SMTP;
            default:
                throw bad(NOTIFIER, v, "sns or smtp");
        }
    }

    public String snsTopicArn() {
        return required(SNS_TOPIC_ARN, "the SNS topic that mails the alerts");
    }

    public String smtpHost() {
        return get(SMTP_HOST, "localhost");
    }

    public int smtpPort() {
        return positiveInt(SMTP_PORT, "3025");
    }

    public String smtpFrom() {
        return get(SMTP_FROM, "pricefeed@localhost");
    }

    public String smtpTo() {
        return required(SMTP_TO, "who receives the alert mails");
    }

    public Optional<Path> emlDir() {
        String v = env.get(EML_DIR);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Paths.get(v));
    }

    public String dedupTable() {
        return get(DEDUP_TABLE, ResourceNames.ALERT_DEDUP_TABLE);
    }

    public int dedupTtlDays() {
        return positiveInt(DEDUP_TTL_DAYS, "7");
    }

    public int digestThreshold() {
        return positiveInt(DIGEST_THRESHOLD, "5");
    }

    public Optional<URI> dynamoDbEndpoint() {
        return endpoint(DYNAMODB_ENDPOINT);
    }

    public Optional<URI> snsEndpoint() {
        return endpoint(SNS_ENDPOINT);
    }

    private Optional<URI> endpoint(String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(v.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw bad(name, v, "a URL such as http://127.0.0.1:8000");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw bad(name, v, "a URL such as http://127.0.0.1:8000");
        }
    }

    private String get(String name, String dflt) {
        String v = env.get(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private String required(String name, String what) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is required (" + what + ")");
        }
        return v.trim();
    }

    private int positiveInt(String name, String dflt) {
        String v = get(name, dflt);
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw bad(name, v, "a whole number > 0");
    }

    private static IllegalStateException bad(String name, String value, String expected) {
        return new IllegalStateException("environment variable " + name + " must be " + expected + ", got '" + value + "'");
    }
}
