package io.pricefeed.sim;

import static io.pricefeed.sim.SimHttp.get;
import static io.pricefeed.sim.SimHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pricefeed.producer.fyers.FyersErrorKind;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fyers' 10/s and 200/min per token, on a stepped clock: exact, and without sleeping. */
class FyersSimRateLimitTest {
    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T10:00"));
    private final FyersSim sim = FyersSim.builder().clock(clock).build().start();
    private final String auth = sim.authorizationHeader(sim.issueAccessToken());
    private final String quotes = SimHttp.quotesPath(List.of("NSE:SBIN-EQ", "NSE:INFY-EQ"));

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void theEleventhRequestWithinASecondIsRefused() {
        for (int i = 0; i < 10; i++) {
            assertThat(get(sim, quotes, auth).statusCode()).as("request %d", i + 1).isEqualTo(200);
        }
        HttpResponse<byte[]> refused = get(sim, quotes, auth);

        assertRateLimited(refused);
        assertThat(sim.stats().rateLimited()).isEqualTo(1);
        assertThat(sim.stats().served()).isEqualTo(10);
        clock.advance(Duration.ofSeconds(1));
        assertThat(get(sim, quotes, auth).statusCode()).isEqualTo(200);
        assertThat(get(sim, quotes, sim.authorizationHeader(sim.issueAccessToken())).statusCode())
                .as("limits are per token").isEqualTo(200);
    }

    @Test
    void theTwoHundredAndFirstRequestWithinAMinuteIsRefused() {
        for (int second = 0; second < 20; second++) {
            for (int i = 0; i < 10; i++) {
                assertThat(get(sim, "/data/marketStatus", auth).statusCode()).isEqualTo(200);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        HttpResponse<byte[]> refused = get(sim, quotes, auth);

        assertRateLimited(refused);
        assertThat(sim.stats().minuteViolations()).isEqualTo(1);
        assertThat(sim.stats().served()).isEqualTo(200);
        clock.set(SimClock.ist("2026-03-10T10:01"));
        assertThat(get(sim, quotes, auth).statusCode()).as("the first second has left the window").isEqualTo(200);
    }

    private static void assertRateLimited(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).isEqualTo(429);
        JsonNode body = json(response);
        assertThat(body.path("s").asText()).isEqualTo("error");
        assertThat(body.path("code").asInt()).isEqualTo(-429);
        assertThat(body.path("message").asText()).isEqualTo("request limit reached");
        assertThat(FyersErrorKind.classify(response.statusCode(), body.path("code").asInt())).isEqualTo(FyersErrorKind.RATE_LIMIT);
    }
}
