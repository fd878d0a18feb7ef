package io.pricefeed.producer.fyers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.pricefeed.model.Tick;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.SimPacedClock;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersLogin;
import io.pricefeed.producer.auth.FyersSession;
import io.pricefeed.producer.auth.FyersTokens;
import io.pricefeed.producer.auth.LoginFailedException;
import io.pricefeed.sim.SimClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Fyers client against WireMock serving every reply in the shared fixtures
 * (src/test/resources/fyers), plus the transport failures FYERS_API.md §3 and §9 name.
 */
class FyersClientWireMockTest {
    private static final String CLIENT_ID = "XC4XXXXM-100";
    private static final String TOKEN = "access-token-1";
    private static final AppCredentials APP = new AppCredentials(CLIENT_ID, "app-secret-9", "4321");

    @TempDir
    Path dir;

    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T10:00:00.123"));
    private final PacedClock pacer = SimPacedClock.of(clock);
    private final ProducerMetrics metrics = new ProducerMetrics();
    private final RequestBudget budget = RequestBudget.builder().clock(clock.asClock()).build();
    private WireMockServer fyers;
    private FileTokenStore store;
    private FyersSession session;
    private FyersClient client;

    private static String fixture(String name) {
        try (InputStream in = FyersClientWireMockTest.class.getResourceAsStream("/fyers/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @BeforeEach
    void start() {
        fyers = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        fyers.start();
        store = new FileTokenStore(dir.resolve("tokens.json"));
        store.save(new FyersTokens(TOKEN, "refresh-token-1", null, null));
        FyersAuthClient auth = new FyersAuthClient(URI.create(fyers.baseUrl() + "/api/v3"),
                FyersClient.newHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(2), budget, pacer);
        session = new FyersSession(store, auth, APP, pacer, Duration.ofSeconds(30), metrics);
        client = FyersClient.builder().dataBaseUrl(URI.create(fyers.baseUrl() + "/data")).clientId(CLIENT_ID)
                .tokens(session).budget(budget).pacer(pacer).requestTimeout(Duration.ofMillis(500)).metrics(metrics).build();
    }

    @AfterEach
    void stop() {
        fyers.stop();
    }

    private void quotesReply(int status, String body) {
        fyers.stubFor(get(urlPathEqualTo("/data/quotes")).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void quotesAreAskedWithTheAuthorizationHeaderAndStampedWithTheReceiveTime() throws Exception {
        quotesReply(200, fixture("quotes_ok.json"));

        QuotesParser.Quotes quotes = client.quotes(List.of("NSE:SBIN-EQ", "NSE:RELIANCE-EQ"));

        long received = clock.now();
        assertThat(quotes.ticks()).containsExactly(
                new Tick("NSE:SBIN-EQ", received, 1098.75, 8234561L, 1096.12, 1094.0, 1101.2, 1089.55, 1092.4, 1098.7, 1098.75),
                new Tick("NSE:RELIANCE-EQ", received, 1405.6, 5120348L, 1409.37, 1415.0, 1418.9, 1401.05, 1412.3, 1405.55, 1405.6));
        fyers.verify(getRequestedFor(urlEqualTo("/data/quotes?symbols=NSE%3ASBIN-EQ%2CNSE%3ARELIANCE-EQ"))
                .withHeader("Authorization", equalTo(CLIENT_ID + ":" + TOKEN)));
        assertThat(budget.granted()).isEqualTo(1);
        assertThat(metrics.fyersCalls.get()).isEqualTo(1);
    }

    @Test
    void anAmpersandInASymbolIsEncoded() throws Exception {
        quotesReply(200, fixture("quotes_ok.json"));
        client.quotes(List.of("NSE:M&M-EQ"));
        fyers.verify(getRequestedFor(urlEqualTo("/data/quotes?symbols=NSE%3AM%26M-EQ")));
    }

    @Test
    void anInvalidSymbolAmongValidOnesIsReportedAndTheRestKept() throws Exception {
        quotesReply(200, fixture("quotes_partial_invalid.json"));
        QuotesParser.Quotes quotes = client.quotes(List.of("NSE:SBIN-EQ", "NSE:NOTASTOCK-EQ"));
        assertThat(quotes.ticks()).extracting(Tick::getSymbol).containsExactly("NSE:SBIN-EQ");
        assertThat(quotes.invalidSymbols()).containsOnlyKeys("NSE:NOTASTOCK-EQ");
    }

    @Test
    void historyCandlesAndAnEmptyRange() throws Exception {
        fyers.stubFor(get(urlPathEqualTo("/data/history")).withQueryParam("range_from", equalTo("2026-03-10"))
                .willReturn(aResponse().withBody(fixture("history_ok.json"))));
        fyers.stubFor(get(urlPathEqualTo("/data/history")).withQueryParam("range_from", equalTo("2026-03-07"))
                .willReturn(aResponse().withBody(fixture("history_no_data.json"))));

        List<HistoryCandle> candles = client.history(new HistoryRequest("NSE:SBIN-EQ", "5", LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 10)));
        List<HistoryCandle> weekend = client.history(new HistoryRequest("NSE:SBIN-EQ", "5", LocalDate.of(2026, 3, 7), LocalDate.of(2026, 3, 8)));

        assertThat(candles).hasSize(4).first().isEqualTo(new HistoryCandle(1773114300L, 1094.0, 1096.4, 1092.1, 1095.85, 612340L));
        assertThat(weekend).isEmpty();
        fyers.verify(getRequestedFor(urlEqualTo("/data/history?symbol=NSE%3ASBIN-EQ&resolution=5&date_format=1"
                + "&range_from=2026-03-10&range_to=2026-03-10&cont_flag=1")));
        assertThatThrownBy(() -> new HistoryRequest("NSE:SBIN-EQ", "1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 6, 1)))
                .hasMessageContaining("at most 100 days");
        assertThatThrownBy(() -> new HistoryRequest("NSE:SBIN-EQ", "1S", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 1)))
                .hasMessageContaining("resolution");
    }

    @Test
    void marketStatusIsTheNseCapitalMarketEntry() throws Exception {
        fyers.stubFor(get(urlPathEqualTo("/data/marketStatus")).willReturn(aResponse().withBody("{\"s\":\"ok\",\"code\":200,"
                + "\"marketStatus\":[{\"exchange\":12,\"segment\":10,\"market_type\":\"NORMAL\",\"status\":\"CLOSED\"},"
                + "{\"exchange\":10,\"segment\":11,\"market_type\":\"NORMAL\",\"status\":\"CLOSED\"},"
                + "{\"exchange\":10,\"segment\":10,\"market_type\":\"ODD_LOT\",\"status\":\"CLOSED\"},"
                + "{\"exchange\":10,\"segment\":10,\"market_type\":\"NORMAL\",\"status\":\"OPEN\"}]}")));
        assertThat(client.marketStatus()).isEqualTo(new MarketStatus("OPEN"));
        assertThat(client.marketStatus().isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0} (HTTP {1}) -> {2}")
    @CsvSource({
        "error_rate_limit.json,     429, RATE_LIMIT,     -429",
        "error_invalid_symbol.json, 400, INVALID_SYMBOL, -300",
        "error_invalid_input.json,  400, INVALID_INPUT,  -50",
    })
    void errorEnvelopesComeOutClassified(String fixture, int status, FyersErrorKind kind, int code) {
        quotesReply(status, fixture(fixture));
        assertThatThrownBy(() -> client.quotes(List.of("NSE:SBIN-EQ")))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(kind);
                    assertThat(e.code()).isEqualTo(code);
                });
    }

    @Test
    void aRateLimitReplyPausesEveryEndpointForMoreThanAMinute() {
        quotesReply(429, fixture("error_rate_limit.json"));
        assertThatThrownBy(() -> client.quotes(List.of("NSE:SBIN-EQ"))).isInstanceOf(FyersApiException.class);
        assertThat(budget.isPaused()).isTrue();
        assertThat(budget.millisUntilAvailable()).isGreaterThanOrEqualTo(60_000);
        assertThat(budget.violationsToday()).isEqualTo(1);
        assertThat(metrics.rateLimitReplies.get()).isEqualTo(1);
    }

    @Test
    void aCloudflarePageIsARateLimitNotAnAuthProblem() {
        quotesReply(429, "<!DOCTYPE html><html><body><h1>error code: 1015</h1><p>You are being rate limited</p></body></html>");
        assertThatThrownBy(() -> client.quotes(List.of("NSE:SBIN-EQ")))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FyersErrorKind.RATE_LIMIT);
                    assertThat(e.code()).isNull();
                    assertThat(e.getMessage()).contains("error code: 1015");
                });
        assertThat(budget.isPaused()).isTrue();
        assertThat(budget.violationsToday()).isZero();
        assertThat(metrics.rateLimitPages.get()).isEqualTo(1);
        assertThat(session.loginRequired()).isFalse();
    }

    @Test
    void serverErrorsTimeoutsAndResetsAreTransient() {
        fyers.stubFor(get(urlPathEqualTo("/data/quotes")).withQueryParam("symbols", equalTo("NSE:A-EQ"))
                .willReturn(aResponse().withStatus(503).withBody("<html><h1>503 Service Temporarily Unavailable</h1></html>")));
        fyers.stubFor(get(urlPathEqualTo("/data/quotes")).withQueryParam("symbols", equalTo("NSE:B-EQ"))
                .willReturn(aResponse().withFixedDelay(2_000).withBody(fixture("quotes_ok.json"))));
        fyers.stubFor(get(urlPathEqualTo("/data/quotes")).withQueryParam("symbols", equalTo("NSE:C-EQ"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        for (String symbol : List.of("NSE:A-EQ", "NSE:B-EQ", "NSE:C-EQ")) {
            assertThatThrownBy(() -> client.quotes(List.of(symbol))).as(symbol)
                    .isInstanceOfSatisfying(FyersApiException.class, e -> assertThat(e.kind()).isEqualTo(FyersErrorKind.TRANSIENT));
        }
        assertThat(metrics.transientErrors.get()).isEqualTo(3);
        assertThat(budget.granted()).as("each attempt took a permit").isEqualTo(3);
    }

    @Test
    void aMalformedBodyIsReportedWithItsFirstBytesAndCounted() {
        quotesReply(200, "{\"s\":\"ok\",\"code\":200,\"message\":\"\",\"d\":[{\"n\":\"NSE:SBIN-EQ\",\"s\":\"ok\",\"v\":{\"lp\":10");
        assertThatThrownBy(() -> client.quotes(List.of("NSE:SBIN-EQ")))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FyersErrorKind.MALFORMED);
                    assertThat(e.getMessage()).contains("{\"s\":\"ok\",\"code\":200");
                });
        assertThat(metrics.malformedReplies.get()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"error_token_expired.json, -8", "error_invalid_token.json, -15", "error_auth_failed.json, -16"})
    void anAuthErrorThatNoRefreshFixesMeansLoginRequired(String fixture, int code) {
        quotesReply(401, fixture(fixture));
        fyers.stubFor(post(urlPathEqualTo("/api/v3/validate-refresh-token"))
                .willReturn(aResponse().withStatus(400).withBody(fixture("validate_refresh_token_disabled.json"))));

        assertThatThrownBy(() -> client.quotes(List.of("NSE:SBIN-EQ"))).isInstanceOf(LoginRequiredException.class)
                .hasMessageContaining("code " + code);

        assertThat(session.loginRequired()).isTrue();
        assertThat(session.loginRequiredReason()).get().asString().contains("refresh API disabled");
        assertThatThrownBy(() -> session.accessToken()).as("the rejected token is not handed out again")
                .isInstanceOf(LoginRequiredException.class);
        fyers.verify(1, postRequestedFor(urlPathEqualTo("/api/v3/validate-refresh-token")));
    }

    @Test
    void anExpiredTokenIsRefreshedAndTheCallRepeatedOnce() throws Exception {
        fyers.stubFor(get(urlPathEqualTo("/data/quotes")).withHeader("Authorization", equalTo(CLIENT_ID + ":" + TOKEN))
                .willReturn(aResponse().withStatus(401).withBody(fixture("error_token_expired.json"))));
        String newToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.FAKENEWACCESSTOKENPAYLOAD.FAKENEWACCESSSIGNATURE";
        fyers.stubFor(get(urlPathEqualTo("/data/quotes")).withHeader("Authorization", equalTo(CLIENT_ID + ":" + newToken))
                .willReturn(aResponse().withBody(fixture("quotes_ok.json"))));
        fyers.stubFor(post(urlPathEqualTo("/api/v3/validate-refresh-token"))
                .willReturn(aResponse().withBody(fixture("validate_refresh_token_ok.json"))));

        assertThat(client.quotes(List.of("NSE:SBIN-EQ")).ticks()).hasSize(2);

        fyers.verify(postRequestedFor(urlPathEqualTo("/api/v3/validate-refresh-token")).withRequestBody(equalToJson(
                "{\"grant_type\":\"refresh_token\",\"appIdHash\":\"" + APP.appIdHash() + "\",\"refresh_token\":\"refresh-token-1\",\"pin\":\"4321\"}")));
        assertThat(metrics.tokenRefreshes.get()).isEqualTo(1);
        assertThat(store.load()).get().extracting(FyersTokens::accessToken, FyersTokens::refreshToken)
                .as("the refreshed token is saved, the refresh token kept").containsExactly(newToken, "refresh-token-1");
    }

    @Test
    void anInvalidRefreshTokenMeansLoginRequired() {
        quotesReply(401, fixture("error_token_expired.json"));
        fyers.stubFor(post(urlPathEqualTo("/api/v3/validate-refresh-token"))
                .willReturn(aResponse().withStatus(400).withBody(fixture("validate_refresh_token_invalid.json"))));
        assertThatThrownBy(() -> client.quotes(List.of("NSE:SBIN-EQ"))).isInstanceOf(LoginRequiredException.class);
        assertThat(session.loginRequiredReason()).get().asString().contains("refresh token was refused").contains("-501");
    }

    @Test
    void theAuthCodeIsExchangedForTokensThatAreSaved() throws Exception {
        fyers.stubFor(post(urlPathEqualTo("/api/v3/validate-authcode")).withRequestBody(equalToJson(
                "{\"grant_type\":\"authorization_code\",\"appIdHash\":\"" + APP.appIdHash() + "\",\"code\":\"good-code\"}"))
                .willReturn(aResponse().withBody(fixture("validate_authcode_ok.json"))));
        fyers.stubFor(post(urlPathEqualTo("/api/v3/validate-authcode")).withRequestBody(equalToJson(
                "{\"grant_type\":\"authorization_code\",\"appIdHash\":\"" + APP.appIdHash() + "\",\"code\":\"used-code\"}"))
                .willReturn(aResponse().withStatus(400).withBody(fixture("validate_authcode_invalid_code.json"))));
        FyersLogin login = new FyersLogin(APP, URI.create("http://127.0.0.1:8765/fyers/callback"),
                new FyersAuthClient(URI.create(fyers.baseUrl() + "/api/v3"), FyersClient.newHttpClient(Duration.ofSeconds(2)),
                        Duration.ofSeconds(2), null, pacer), store, Duration.ofSeconds(10));

        FyersTokens tokens = login.exchange("good-code");

        assertThat(tokens.accessToken()).endsWith("FAKEACCESSSIGNATURE");
        assertThat(tokens.accessExpiresAt()).as("a placeholder token has no readable exp").isNull();
        assertThat(store.load()).contains(tokens);
        assertThatThrownBy(() -> login.exchange("used-code")).isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("-437").hasMessageContaining("invalid auth code");
    }
}
