package io.pricefeed.sim;

import static io.pricefeed.sim.SimHttp.get;
import static io.pricefeed.sim.SimHttp.json;
import static io.pricefeed.sim.SimHttp.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersErrorKind;
import io.pricefeed.producer.fyers.QuotesParser;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FyersSimAuthTest {
    private static final String CLIENT_ID = "XC4TEST1-100";
    private static final String SECRET = "test-secret";
    private static final String CODE = "test-auth-code";
    private static final String QUOTES = SimHttp.quotesPath(List.of("NSE:SBIN-EQ"));

    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T09:14"));
    private FyersSim sim = sim(RefreshMode.DISABLED, FaultPlan.NONE);

    private FyersSim sim(RefreshMode mode, FaultPlan faults) {
        return FyersSim.builder().clock(clock).credentials(new SimCredentials(CLIENT_ID, SECRET, CODE, "4321"))
                .refreshMode(mode).faults(faults).build().start();
    }

    @AfterEach
    void close() {
        sim.close();
    }

    /** appIdHash computed here from its definition, not with the sim's code. */
    private static String appIdHash() throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest((CLIENT_ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest);
    }

    private JsonNode login(String code) throws Exception {
        HttpResponse<byte[]> r = post(sim, "/api/v3/validate-authcode",
                "{\"grant_type\":\"authorization_code\",\"appIdHash\":\"" + appIdHash() + "\",\"code\":\"" + code + "\"}");
        JsonNode body = json(r);
        assertThat(r.statusCode()).isEqualTo("ok".equals(body.path("s").asText()) ? 200 : 400);
        return body;
    }

    private static String bearer(String token) {
        return CLIENT_ID + ":" + token;
    }

    @Test
    void theValidCodeGivesTokensThatLiveUntil0600IstNextDay() throws Exception {
        JsonNode reply = login(CODE);

        assertThat(reply.path("s").asText()).isEqualTo("ok");
        assertThat(reply.path("code").asInt()).isEqualTo(200);
        String access = reply.path("access_token").asText();
        String refresh = reply.path("refresh_token").asText();
        assertThat(access.split("\\.")).hasSize(3);
        JsonNode payload = SimHttp.jwtPayload(access);
        assertThat(payload.path("exp").asLong()).isEqualTo(SimClock.ist("2026-03-11T06:00").getEpochSecond());
        assertThat(payload.path("iat").asLong()).isEqualTo(SimClock.ist("2026-03-10T09:14").getEpochSecond());
        assertThat(payload.path("sub").asText()).isEqualTo("access_token");
        assertThat(SimHttp.jwtPayload(refresh).path("exp").asLong()).isEqualTo(SimClock.ist("2026-03-25T06:00").getEpochSecond());
        assertThat(access).isNotEqualTo(login(CODE).path("access_token").asText());

        assertThat(get(sim, QUOTES, bearer(access)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBadCodeOrAppHashIsRefused() throws Exception {
        JsonNode bad = login("not-the-code");
        assertThat(bad.path("s").asText()).isEqualTo("error");
        assertThat(bad.path("code").asInt()).isEqualTo(-437);
        assertThat(bad.path("message").asText()).isEqualTo("invalid auth code");
        assertThat(login("").path("code").asInt()).isEqualTo(-374);
        String wrongHash = "{\"grant_type\":\"authorization_code\",\"appIdHash\":\"abc\",\"code\":\"" + CODE + "\"}";
        assertThat(json(post(sim, "/api/v3/validate-authcode", wrongHash)).path("code").asInt()).isEqualTo(-371);
        assertThat(json(post(sim, "/api/v3/validate-authcode", "not json")).path("code").asInt()).isEqualTo(-50);
    }

    @Test
    void aMissingOrUnknownTokenIsAnAuthenticationFailure() {
        HttpResponse<byte[]> missing = get(sim, QUOTES, null);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(json(missing).path("code").asInt()).isEqualTo(-16);
        assertAuth(missing);

        HttpResponse<byte[]> unknown = get(sim, QUOTES, bearer("eyJhbGciOiJIUzI1NiJ9.e30.c2ln"));
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(json(unknown).path("code").asInt()).isEqualTo(-15);

        String token = sim.issueAccessToken();
        assertThat(json(get(sim, QUOTES, "OTHER-100:" + token)).path("code").asInt()).as("another app's id").isEqualTo(-15);
        assertThat(sim.stats().authFailures()).isEqualTo(3);
    }

    @Test
    void aTokenPast0600IstIsExpired() {
        String token = sim.issueAccessToken();
        clock.set(SimClock.ist("2026-03-11T05:59:59"));
        assertThat(get(sim, QUOTES, bearer(token)).statusCode()).isEqualTo(200);
        clock.set(SimClock.ist("2026-03-11T06:00"));

        HttpResponse<byte[]> expired = get(sim, QUOTES, bearer(token));
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(json(expired).path("code").asInt()).isEqualTo(-8);
        assertThat(json(expired).path("message").asText()).isEqualTo("Your token has expired. Please generate a token");
        assertAuth(expired);
    }

    @Test
    void tokensCanExpireMidSession() {
        String token = sim.issueAccessToken();
        assertThat(get(sim, QUOTES, bearer(token)).statusCode()).isEqualTo(200);
        sim.expireTokens();
        assertThat(json(get(sim, QUOTES, bearer(token))).path("code").asInt()).isEqualTo(-8);
        assertThat(get(sim, QUOTES, bearer(sim.issueAccessToken())).statusCode()).as("a new login works").isEqualTo(200);

        sim.close();
        sim = sim(RefreshMode.DISABLED, FaultPlan.NONE.withTokenExpiryAt(SimClock.ist("2026-03-10T11:00")));
        String morning = sim.issueAccessToken();
        clock.set(SimClock.ist("2026-03-10T10:59:59.999"));
        assertThat(get(sim, QUOTES, bearer(morning)).statusCode()).isEqualTo(200);
        clock.set(SimClock.ist("2026-03-10T11:00"));
        assertThat(json(get(sim, QUOTES, bearer(morning))).path("code").asInt()).isEqualTo(-8);
        assertThat(get(sim, QUOTES, bearer(sim.issueAccessToken())).statusCode()).isEqualTo(200);
    }

    @Test
    void refreshIsDisabledByDefault() throws Exception {
        String refresh = login(CODE).path("refresh_token").asText();
        HttpResponse<byte[]> r = post(sim, "/api/v3/validate-refresh-token", refreshBody(refresh, "4321"));

        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = json(r);
        assertThat(body.path("s").asText()).isEqualTo("error");
        assertThat(body.path("code").asInt()).isEqualTo(-16);
        assertThat(body.path("message").asText()).startsWith("Refresh token API is currently disabled");
        assertThat(FyersErrorKind.classify(r.statusCode(), body.path("code").asInt())).isEqualTo(FyersErrorKind.AUTH);
    }

    @Test
    void anEnabledRefreshGivesANewAccessTokenOnly() throws Exception {
        sim.close();
        sim = sim(RefreshMode.ENABLED, FaultPlan.NONE);
        String refresh = login(CODE).path("refresh_token").asText();
        clock.set(SimClock.ist("2026-03-12T09:00"));

        JsonNode ok = json(post(sim, "/api/v3/validate-refresh-token", refreshBody(refresh, "4321")));
        assertThat(ok.path("s").asText()).isEqualTo("ok");
        assertThat(ok.has("refresh_token")).isFalse();
        String access = ok.path("access_token").asText();
        assertThat(SimHttp.jwtPayload(access).path("exp").asLong()).isEqualTo(SimClock.ist("2026-03-13T06:00").getEpochSecond());
        assertThat(get(sim, QUOTES, bearer(access)).statusCode()).isEqualTo(200);

        assertThat(json(post(sim, "/api/v3/validate-refresh-token", refreshBody("nope", "4321"))).path("code").asInt()).isEqualTo(-501);
        assertThat(json(post(sim, "/api/v3/validate-refresh-token", refreshBody(refresh, "0000"))).path("code").asInt()).isEqualTo(-50);
    }

    private static String refreshBody(String refreshToken, String pin) throws Exception {
        return "{\"grant_type\":\"refresh_token\",\"appIdHash\":\"" + appIdHash() + "\",\"refresh_token\":\"" + refreshToken
                + "\",\"pin\":\"" + pin + "\"}";
    }

    private void assertAuth(HttpResponse<byte[]> response) {
        assertThatThrownBy(() -> QuotesParser.parse(response.statusCode(), response.body(), clock.now()))
                .isInstanceOfSatisfying(FyersApiException.class, e -> assertThat(e.kind()).isEqualTo(FyersErrorKind.AUTH));
    }
}
