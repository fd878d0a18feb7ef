package io.pricefeed.producer.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The Fyers app and user secrets the login and refresh calls need: the client id (public, in the
 * config), the app secret and the user's PIN. The secret and PIN never come from the config file:
 * from environment variables ({@value #APP_SECRET_ENV}, {@value #PIN_ENV}) or from the Secrets
 * Manager secret. Either may be absent: polling needs neither, login needs the secret, refresh
 * both. {@link #toString()} never shows them.
 */
public record AppCredentials(String clientId, String appSecret, String pin) {
    public static final String APP_SECRET_ENV = "FYERS_APP_SECRET";
    public static final String PIN_ENV = "FYERS_PIN";

    public AppCredentials {
        Objects.requireNonNull(clientId, "clientId");
        if (clientId.isBlank() || clientId.contains(":")) {
            throw new IllegalArgumentException("clientId must be non-blank and contain no ':' (the Authorization separator)");
        }
        appSecret = blankToNull(appSecret);
        pin = blankToNull(pin);
    }

    /** The client id with the secret and PIN from the environment (either may be missing). */
    public static AppCredentials fromEnvironment(String clientId, Map<String, String> env) {
        return new AppCredentials(clientId, env.get(APP_SECRET_ENV), env.get(PIN_ENV));
    }

    public boolean hasAppSecret() {
        return appSecret != null;
    }

    /** True when a refresh can be attempted: it needs the app secret (for the hash) and the PIN. */
    public boolean canRefresh() {
        return appSecret != null && pin != null;
    }

    /**
     * Lowercase hex SHA-256 of {@code client_id:app_secret} (FYERS_API.md §2.1).
     *
     * @throws IllegalStateException when there is no app secret
     */
    public String appIdHash() {
        if (appSecret == null) {
            throw new IllegalStateException("the Fyers app secret is not configured (set " + APP_SECRET_ENV
                    + " or put appSecret in the Secrets Manager secret)");
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((clientId + ":" + appSecret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "AppCredentials[clientId=" + clientId + ", appSecret=" + (appSecret == null ? "none" : "***")
                + ", pin=" + (pin == null ? "none" : "***") + "]";
    }
}
