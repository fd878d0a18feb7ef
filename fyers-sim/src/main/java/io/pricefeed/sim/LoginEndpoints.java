package io.pricefeed.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The two token endpoints of the Fyers login (FYERS_API.md §2.3, §2.5):
 * {@code POST /api/v3/validate-authcode} exchanges the configured auth code for an access and
 * a refresh token, and {@code POST /api/v3/validate-refresh-token} either mints a new access
 * token or, as Fyers in 2026, refuses with HTTP 400 / -16.
 *
 * <p>A wrong PIN on refresh has no documented Fyers code; the sim answers -50 "Invalid input".
 */
final class LoginEndpoints {
    private final TokenAuthority tokens;
    private final SimCredentials credentials;
    private final RefreshMode refreshMode;

    LoginEndpoints(TokenAuthority tokens, SimCredentials credentials, RefreshMode refreshMode) {
        this.tokens = tokens;
        this.credentials = credentials;
        this.refreshMode = refreshMode;
    }

    SimReply validateAuthCode(SimRequest request, long nowMillis) {
        JsonNode body = jsonBody(request);
        if (body == null) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("the body must be a JSON object"));
        }
        if (!"authorization_code".equals(body.path("grant_type").asText())) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("grant_type must be authorization_code"));
        }
        if (!matches(body.path("appIdHash").asText(""), credentials.appIdHash())) {
            return SimReply.error(FyersError.INVALID_APP_HASH);
        }
        String code = body.path("code").asText("");
        if (code.isBlank()) {
            return SimReply.error(FyersError.MISSING_AUTH_CODE);
        }
        if (!matches(code, credentials.authCode())) {
            return SimReply.error(FyersError.INVALID_AUTH_CODE);
        }
        TokenAuthority.Tokens issued = tokens.issuePair(nowMillis);
        ObjectNode root = SimReply.okEnvelope();
        root.put("access_token", issued.accessToken());
        root.put("refresh_token", issued.refreshToken());
        return SimReply.ok(root);
    }

    SimReply validateRefreshToken(SimRequest request, long nowMillis) {
        if (refreshMode == RefreshMode.DISABLED) {
            return SimReply.error(FyersError.REFRESH_DISABLED);
        }
        JsonNode body = jsonBody(request);
        if (body == null) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("the body must be a JSON object"));
        }
        if (!"refresh_token".equals(body.path("grant_type").asText())) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("grant_type must be refresh_token"));
        }
        if (!matches(body.path("appIdHash").asText(""), credentials.appIdHash())) {
            return SimReply.error(FyersError.INVALID_APP_HASH);
        }
        if (!tokens.isValidRefreshToken(body.path("refresh_token").asText(null), nowMillis)) {
            return SimReply.error(FyersError.INVALID_REFRESH_TOKEN);
        }
        if (!matches(body.path("pin").asText(""), credentials.pin())) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("pin"));
        }
        ObjectNode root = SimReply.okEnvelope();
        root.put("access_token", tokens.issueAccess(nowMillis));
        return SimReply.ok(root);
    }

    private static JsonNode jsonBody(SimRequest request) {
        try {
            JsonNode node = SimReply.JSON.readTree(request.body());
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Compares secrets in constant time, as a server should. */
    private static boolean matches(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
