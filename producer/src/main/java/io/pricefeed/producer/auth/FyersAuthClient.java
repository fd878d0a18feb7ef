package io.pricefeed.producer.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersErrorKind;
import io.pricefeed.producer.fyers.QuotesParser;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.producer.time.PacedClock;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * The Fyers login endpoints (FYERS_API.md §2): the browser login URL, {@code validate-authcode}
 * (auth code -> access and refresh token) and {@code validate-refresh-token} (refresh token + PIN
 * -> new access token).
 *
 * <p>These replies carry tokens and these requests carry the auth code, PIN and refresh token, so
 * nothing of a body is ever put in an exception message: a reply that is not JSON is described by
 * its length only.
 */
public final class FyersAuthClient {
    public static final String DEFAULT_API_BASE_URL = "https://api-t1.fyers.in/api/v3";
    /** Fyers' code for the refresh endpoint being switched off (HTTP 400), as logged in 2026. */
    public static final int REFRESH_DISABLED_CODE = -16;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String apiBaseUrl;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RequestBudget budget;
    private final PacedClock pacer;

    /**
     * @param budget the producer's request budget, or null for a one-off login outside the producer
     */
    public FyersAuthClient(URI apiBaseUrl, HttpClient http, Duration requestTimeout, RequestBudget budget, PacedClock pacer) {
        String base = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").toString();
        this.apiBaseUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = Objects.requireNonNull(http, "http");
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.budget = budget;
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    /** The page a person opens to log in; Fyers then redirects to {@code redirectUri} with the auth code and {@code state}. */
    public URI authorizationUrl(String clientId, URI redirectUri, String state) {
        return URI.create(apiBaseUrl + "/generate-authcode?client_id=" + enc(clientId)
                + "&redirect_uri=" + enc(redirectUri.toString()) + "&response_type=code&state=" + enc(state));
    }

    /**
     * Exchanges an auth code for tokens.
     *
     * @throws FyersApiException e.g. -437 (invalid auth code) or -371 (wrong app secret)
     */
    public FyersTokens exchangeAuthCode(AppCredentials app, String authCode) throws InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        body.put("grant_type", "authorization_code");
        body.put("appIdHash", app.appIdHash());
        body.put("code", Objects.requireNonNull(authCode, "authCode"));
        JsonNode reply = post("/validate-authcode", body);
        String access = reply.path("access_token").asText("");
        if (access.isBlank()) {
            throw new FyersApiException(FyersErrorKind.MALFORMED, 200, null, "validate-authcode reply has no access_token");
        }
        String refresh = reply.path("refresh_token").asText("");
        return FyersTokens.of(access, refresh.isBlank() ? null : refresh);
    }

    /**
     * A new access token from the refresh token and PIN; the refresh token itself stays (Fyers
     * returns none).
     *
     * @throws FyersApiException e.g. -16 (refresh disabled, see {@link #isRefreshDisabled}) or -501
     */
    public FyersTokens refresh(AppCredentials app, FyersTokens current) throws InterruptedException {
        String refreshToken = current.refresh().orElseThrow(() -> new IllegalStateException("no refresh token"));
        if (app.pin() == null) {
            throw new IllegalStateException("no PIN configured for the refresh");
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("grant_type", "refresh_token");
        body.put("appIdHash", app.appIdHash());
        body.put("refresh_token", refreshToken);
        body.put("pin", app.pin());
        JsonNode reply = post("/validate-refresh-token", body);
        String access = reply.path("access_token").asText("");
        if (access.isBlank()) {
            throw new FyersApiException(FyersErrorKind.MALFORMED, 200, null, "validate-refresh-token reply has no access_token");
        }
        return current.withAccessToken(access);
    }

    /** True when a refresh failed because Fyers has switched the refresh API off (2026: HTTP 400, -16). */
    public static boolean isRefreshDisabled(FyersApiException e) {
        return e.code() != null && e.code() == REFRESH_DISABLED_CODE;
    }

    private JsonNode post(String path, ObjectNode body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiBaseUrl + path))
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toString().getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpResponse<byte[]> response;
        RequestBudget.Permit permit = budget == null ? null : budget.acquire(pacer);
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new FyersApiException(FyersErrorKind.TRANSIENT, 0, null, "no reply from " + path + " within "
                    + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new FyersApiException(FyersErrorKind.TRANSIENT, 0, null, path + " failed: " + e.getClass().getSimpleName());
        } finally {
            if (permit != null) {
                permit.close();
            }
        }
        return QuotesParser.envelope(response.statusCode(), response.body(), false);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FyersAuthClient[" + apiBaseUrl + "]";
    }
}
