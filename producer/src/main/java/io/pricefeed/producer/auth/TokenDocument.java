package io.pricefeed.producer.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The JSON shape of saved tokens, shared by the file and the Secrets Manager store so a secret can
 * be seeded from a file and back:
 *
 * <pre>{@code
 * {"accessToken":"eyJ..","refreshToken":"eyJ..","accessTokenExpiresAt":"2026-03-11T00:30:00Z",
 *  "refreshTokenExpiresAt":"2026-03-25T00:30:00Z","savedAt":"2026-03-10T03:40:12Z"}
 * }</pre>
 *
 * Other keys (the secret's {@code appSecret} and {@code pin}) are left as they are.
 */
final class TokenDocument {
    static final String ACCESS_TOKEN = "accessToken";
    static final String REFRESH_TOKEN = "refreshToken";
    static final String ACCESS_EXPIRES_AT = "accessTokenExpiresAt";
    static final String REFRESH_EXPIRES_AT = "refreshTokenExpiresAt";
    static final String SAVED_AT = "savedAt";

    private TokenDocument() {
    }

    /**
     * The tokens in a document; empty when it has no access token.
     *
     * @throws IllegalArgumentException naming the key that is malformed (never its value)
     */
    static Optional<FyersTokens> read(JsonNode doc) {
        if (doc == null || !doc.isObject()) {
            throw new IllegalArgumentException("the token document is not a JSON object");
        }
        String access = text(doc, ACCESS_TOKEN);
        if (access == null) {
            return Optional.empty();
        }
        String refresh = text(doc, REFRESH_TOKEN);
        // The JWT is the authority on expiry; the saved instants matter only for opaque tokens.
        Instant accessExp = JwtExpiry.of(access).orElse(instant(doc, ACCESS_EXPIRES_AT));
        Instant refreshExp = refresh == null ? null : JwtExpiry.of(refresh).orElse(instant(doc, REFRESH_EXPIRES_AT));
        return Optional.of(new FyersTokens(access, refresh, accessExp, refreshExp));
    }

    /** Writes the tokens into {@code doc}, keeping its other keys. */
    static ObjectNode write(ObjectNode doc, FyersTokens tokens, Instant savedAt) {
        doc.put(ACCESS_TOKEN, tokens.accessToken());
        if (tokens.refreshToken() != null) {
            doc.put(REFRESH_TOKEN, tokens.refreshToken());
        } else {
            doc.remove(REFRESH_TOKEN);
        }
        putInstant(doc, ACCESS_EXPIRES_AT, tokens.accessExpiresAt());
        putInstant(doc, REFRESH_EXPIRES_AT, tokens.refreshExpiresAt());
        doc.put(SAVED_AT, savedAt.toString());
        return doc;
    }

    private static void putInstant(ObjectNode doc, String key, Instant value) {
        if (value == null) {
            doc.remove(key);
        } else {
            doc.put(key, value.toString());
        }
    }

    static String text(JsonNode doc, String key) {
        JsonNode n = doc.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new IllegalArgumentException("'" + key + "' must be a string");
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    private static Instant instant(JsonNode doc, String key) {
        String s = text(doc, key);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + key + "' must be an ISO-8601 instant", e);
        }
    }
}
