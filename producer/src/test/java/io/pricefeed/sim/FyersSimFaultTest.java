package io.pricefeed.sim;

import static io.pricefeed.sim.SimHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersErrorKind;
import io.pricefeed.producer.fyers.QuotesParser;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every injected fault is visible to a client as the failure it stands for. */
class FyersSimFaultTest {
    private static final String QUOTES = SimHttp.quotesPath(List.of("NSE:SBIN-EQ", "NSE:TCS-EQ"));

    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T11:00"));
    private final List<FyersSim> sims = new ArrayList<>();

    private FyersSim sim(long seed, FaultPlan faults) {
        FyersSim sim = FyersSim.builder().clock(clock).seed(seed).faults(faults).rateLimits(RateLimits.NONE).build().start();
        sims.add(sim);
        return sim;
    }

    @AfterEach
    void close() {
        sims.forEach(FyersSim::close);
    }

    private FyersErrorKind failureOf(HttpResponse<byte[]> response) {
        try {
            QuotesParser.parse(response.statusCode(), response.body(), clock.now());
        } catch (FyersApiException e) {
            return e.kind();
        }
        throw new AssertionError("the reply parsed: " + SimHttp.body(response));
    }

    @Test
    void serverErrorsAreTransient() {
        FyersSim sim = sim(1, FaultPlan.NONE);
        sim.injectFaults(FaultKind.SERVER_ERROR, 1);
        HttpResponse<byte[]> r = get(sim, QUOTES);
        assertThat(r.statusCode()).isIn(500, 502, 503, 504);
        assertThat(SimHttp.body(r)).contains("<html>");
        assertThat(failureOf(r)).isEqualTo(FyersErrorKind.TRANSIENT);
        assertThat(get(sim, QUOTES).statusCode()).as("one fault, then normal service").isEqualTo(200);
        assertThat(sim.stats().faults(FaultKind.SERVER_ERROR)).isEqualTo(1);
    }

    @Test
    void anHtmlPageOrATruncatedBodyIsMalformed() {
        FyersSim sim = sim(1, FaultPlan.NONE);
        sim.injectFaults(FaultKind.HTML_PAGE, 1);
        sim.injectFaults(FaultKind.TRUNCATED_JSON, 1);

        HttpResponse<byte[]> html = get(sim, QUOTES);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(failureOf(html)).isEqualTo(FyersErrorKind.MALFORMED);

        HttpResponse<byte[]> truncated = get(sim, QUOTES);
        assertThat(truncated.statusCode()).isEqualTo(200);
        assertThat(SimHttp.body(truncated)).startsWith("{\"s\":\"ok\"").doesNotEndWith("}");
        assertThat(failureOf(truncated)).isEqualTo(FyersErrorKind.MALFORMED);
        assertThat(sim.stats().served()).as("neither was a usable answer").isZero();
    }

    @Test
    void aCloudflarePageIsARateLimitWithoutACode() {
        FyersSim sim = sim(1, FaultPlan.NONE);
        sim.injectFaults(FaultKind.CLOUDFLARE_429, 2);
        HttpResponse<byte[]> r = get(sim, QUOTES);
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(SimHttp.body(r)).contains("error code: 1015");
        assertThatThrownBy(() -> QuotesParser.parse(r.statusCode(), r.body(), clock.now()))
                .isInstanceOfSatisfying(FyersApiException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FyersErrorKind.RATE_LIMIT);
                    assertThat(e.code()).isNull();
                });
        assertThat(get(sim, QUOTES).statusCode()).isEqualTo(429);
        assertThat(sim.stats().faults(FaultKind.CLOUDFLARE_429)).isEqualTo(2);
        assertThat(sim.stats().rateLimited()).as("not the API's own limiter").isZero();
    }

    @Test
    void aSlowResponseOutlastsTheClientTimeout() {
        FyersSim sim = sim(1, FaultPlan.NONE.withSlowDelay(Duration.ofSeconds(3)));
        sim.injectFaults(FaultKind.SLOW_RESPONSE, 1);
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.baseUrl() + QUOTES))
                .header("Authorization", sim.authorizationHeader(sim.issueAccessToken()))
                .timeout(Duration.ofMillis(250)).GET().build();

        assertThatThrownBy(() -> SimHttp.CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(sim.stats().faults(FaultKind.SLOW_RESPONSE)).isEqualTo(1);
        assertThat(get(sim, QUOTES).statusCode()).isEqualTo(200);
    }

    @Test
    void faultsHitDataCallsOnlyNotTheLogin() {
        FyersSim sim = sim(1, FaultPlan.NONE);
        sim.injectFaults(FaultKind.SERVER_ERROR, 1);
        String body = "{\"grant_type\":\"authorization_code\",\"appIdHash\":\"" + sim.credentials().appIdHash()
                + "\",\"code\":\"" + sim.credentials().authCode() + "\"}";
        assertThat(SimHttp.post(sim, "/api/v3/validate-authcode", body).statusCode()).isEqualTo(200);
        assertThat(get(sim, QUOTES).statusCode()).isGreaterThanOrEqualTo(500);
    }

    @Test
    void randomFaultsFollowTheSeed() {
        FaultPlan plan = FaultPlan.NONE.withProbability(FaultKind.SERVER_ERROR, 0.2)
                .withProbability(FaultKind.HTML_PAGE, 0.1).withProbability(FaultKind.CLOUDFLARE_429, 0.1);
        List<Integer> first = statuses(sim(77, plan));
        List<Integer> second = statuses(sim(77, plan));
        List<Integer> otherSeed = statuses(sim(78, plan));

        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).contains(200, 429).anySatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(500));
        assertThat(first.stream().filter(s -> s == 200).count()).isBetween(20L, 55L);
    }

    private static List<Integer> statuses(FyersSim sim) {
        String auth = sim.authorizationHeader(sim.issueAccessToken());
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            statuses.add(get(sim, QUOTES, auth).statusCode());
        }
        return statuses;
    }

    @Test
    void plansAreValidated() {
        assertThatThrownBy(() -> FaultPlan.NONE.withProbability(FaultKind.SERVER_ERROR, 0.7).withProbability(FaultKind.HTML_PAGE, 0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more than 1");
        assertThatThrownBy(() -> FaultPlan.NONE.withSlowDelay(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sim(1, FaultPlan.NONE).injectFaults(FaultKind.HTML_PAGE, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
