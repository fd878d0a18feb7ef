package io.pricefeed.producer.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads when a Fyers token expires from its JWT {@code exp} claim (FYERS_API.md §2.6: access
 * tokens die at 06:00 IST the next morning, refresh tokens 15 days later). The signature is not
 * checked: the producer only needs to know when to stop using a token, and Fyers still decides
 * whether it is valid.
 *
 * <p>Nothing here ever puts the token into a message or a log line.
 */
public final class JwtExpiry {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JwtExpiry() {
    }

    /** The {@code exp} of a JWT; empty when the token is not a JWT or carries no numeric {@code exp}. */
    public static Optional<Instant> of(String token) {
        if (token == null) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(stripPadding(parts[1]));
            JsonNode claims = JSON.readTree(payload);
            JsonNode exp = claims == null ? null : claims.get("exp");
            if (exp == null || !exp.isNumber()) {
                return Optional.empty();
            }
            return Optional.of(Instant.ofEpochSecond(exp.asLong()));
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty(); // not base64url JSON: an opaque token, whose expiry only Fyers knows
        }
    }

    private static String stripPadding(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '=') {
            end--;
        }
        return s.substring(0, end);
    }
}
