package io.pricefeed.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The app and user the sim accepts: the Fyers app's client id and secret, the one auth code its
 * login "page" would hand out, and the user's PIN for the refresh flow. These are throw-away
 * local values; {@link #toString()} still never shows the secret, the code or the PIN.
 *
 * @param clientId  app id with its type suffix, e.g. {@code FYSIM01-100}
 * @param appSecret the app secret; clients send only {@link #appIdHash()}
 * @param authCode  the auth code {@code validate-authcode} accepts (reusable, unlike Fyers',
 *                  so a local run can log in again after a restart)
 * @param pin       the PIN {@code validate-refresh-token} expects
 */
public record SimCredentials(String clientId, String appSecret, String authCode, String pin) {
    /** The defaults of a local run, documented in the producer README. */
    public static final SimCredentials DEFAULT =
            new SimCredentials("FYSIM01-100", "sim-app-secret", "sim-auth-code", "1234");

    public SimCredentials {
        requireText("clientId", clientId);
        requireText("appSecret", appSecret);
        requireText("authCode", authCode);
        requireText("pin", pin);
        if (clientId.contains(":")) {
            throw new IllegalArgumentException("clientId must not contain ':' (it is the separator of the Authorization header)");
        }
    }

    /** Lowercase hex SHA-256 of {@code clientId:appSecret}, as Fyers' {@code appIdHash}. */
    public String appIdHash() {
        return appIdHash(clientId, appSecret);
    }

    public static String appIdHash(String clientId, String appSecret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest((clientId + ":" + appSecret).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }

    private static void requireText(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException("credential " + name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "SimCredentials[clientId=" + clientId + ", appSecret=***, authCode=***, pin=***]";
    }
}
