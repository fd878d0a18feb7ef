package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersLogin;
import io.pricefeed.producer.fyers.FyersAuthClient;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.sim.FaultKind;
import io.pricefeed.producer.sim.FaultPlan;
import io.pricefeed.producer.sim.FyersSim;
import io.pricefeed.producer.sim.RefreshMode;
import io.pricefeed.producer.sim.ServedQuotes;
import io.pricefeed.producer.sim.SimClock;
import io.pricefeed.producer.sim.SymbolUniverse;
import io.pricefeed.standins.KinesisLocal;
import io.pricefeed.standins.LocalAws;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As {@link ProducerEndToEndITCase}, with faults: random 5xx pages, HTML pages and truncated JSON,
 * two replies held past the client's timeout, a Cloudflare rate-limit page, and the session ending
 * mid-day (every token, the refresh token too, expires). Nothing the sim delivered may be lost or
 * doubled. The producer recovers from every fault by itself; after the session ends it makes no
 * calls until someone logs in again, and then resumes without a restart.
 */
@LocalAws
class ProducerFaultsITCase {
    static final double SPEED = 36;
    static final Duration RUN = Duration.ofMinutes(20);
    static final Instant START = SimClock.ist("2026-03-10T10:00");
    static final Instant TOKENS_EXPIRE = SimClock.ist("2026-03-10T10:08");

    @Test
    void nothingDeliveredIsLostAndTheProducerRecoversByItself(KinesisLocal kinesis, @TempDir Path dir) throws Exception {
        String stream = "ticks-faults";
        kinesis.createStream(stream, 2);
        SimClock clock = SimClock.accelerated(START, SPEED);
        SymbolUniverse universe = SymbolUniverse.synthetic(200, 12);
        FaultPlan faults = FaultPlan.NONE
                .withProbability(FaultKind.SERVER_ERROR, 0.04)
                .withProbability(FaultKind.HTML_PAGE, 0.02)
                .withProbability(FaultKind.TRUNCATED_JSON, 0.04)
                .withSlowDelay(Duration.ofSeconds(3))
                .withTokenExpiryAt(TOKENS_EXPIRE);
        try (FyersSim sim = FyersSim.builder().clock(clock).seed(12).symbols(universe).faults(faults)
                .refreshMode(RefreshMode.ENABLED).recordServedQuotes().build().start()) {
            Path tokenFile = dir.resolve("tokens.json");
            Map<String, String> env = Map.of(AppCredentials.APP_SECRET_ENV, sim.credentials().appSecret(),
                    AppCredentials.PIN_ENV, sim.credentials().pin());
            ObjectNode json = TestConfigs.forSim(sim, kinesis, stream, universe.names(), tokenFile);
            TestConfigs.object(json, "limits").put("perMinute", ProducerEndToEndITCase.PER_MINUTE);
            TestConfigs.object(json, "fyers").put("requestTimeout", "PT2S");
            TestConfigs.object(json, "polling").put("retryBaseDelay", "PT2S").put("retryMaxDelay", "PT30S");
            TestConfigs.object(json, "kinesis").put("flushTimeout", "PT60S");
            ProducerConfig config = ProducerConfig.parse(json.toString());
            // A real login: access and refresh token into the 0600 file.
            FyersLogin login = new FyersLogin(AppCredentials.fromEnvironment(config.fyers().clientId(), env),
                    config.fyers().redirectUri(), new FyersAuthClient(URI.create(sim.baseUrl() + "/api/v3"),
                    FyersClient.newHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), null, PacedClock.of(clock)),
                    new FileTokenStore(tokenFile), Duration.ofMinutes(1));
            login.exchange(sim.credentials().authCode());

            long start = clock.now();
            ProducerStatus status;
            try (Producer producer = Producer.builder(config).clock(PacedClock.of(clock)).environment(env).seed(7).build().start()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> clock.now() >= start + Duration.ofMinutes(4).toMillis());
                sim.injectFaults(FaultKind.SLOW_RESPONSE, 2);
                await().atMost(Duration.ofSeconds(20)).until(() -> clock.now() >= start + Duration.ofMinutes(6).toMillis());
                sim.injectFaults(FaultKind.CLOUDFLARE_429, 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> producer.status().state() == ProducerState.LOGIN_REQUIRED);
                assertThat(clock.now()).isGreaterThanOrEqualTo(TOKENS_EXPIRE.toEpochMilli());
                long settled = clock.now() + Duration.ofSeconds(15).toMillis();
                await().atMost(Duration.ofSeconds(5)).until(() -> clock.now() >= settled);
                long requestsWhileLoggedOut = sim.stats().requests();
                long later = clock.now() + Duration.ofMinutes(1).toMillis();
                await().atMost(Duration.ofSeconds(10)).until(() -> clock.now() >= later);
                assertThat(sim.stats().requests()).as("no Fyers calls while a login is required").isEqualTo(requestsWhileLoggedOut);
                assertThat(producer.status().detail()).contains("-8").contains("refresh token was refused");

                login.exchange(sim.credentials().authCode()); // the person logs in again
                await().atMost(Duration.ofSeconds(10)).until(() -> producer.status().state() == ProducerState.POLLING);
                await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                        .until(() -> clock.now() >= start + RUN.toMillis());
                status = producer.status();
            }
            StreamContents contents = StreamContents.read(kinesis.client(), stream);
            System.out.printf("faults: %s%n  %s%n", sim.stats(), status.summary());

            // Every kind of fault happened...
            assertThat(sim.stats().faults(FaultKind.SERVER_ERROR)).isPositive();
            assertThat(sim.stats().faults(FaultKind.HTML_PAGE) + sim.stats().faults(FaultKind.TRUNCATED_JSON)).isPositive();
            assertThat(sim.stats().faults(FaultKind.SLOW_RESPONSE)).isEqualTo(2);
            assertThat(sim.stats().faults(FaultKind.CLOUDFLARE_429)).isEqualTo(1);
            assertThat(sim.stats().authFailures()).as("-8 after the tokens expired").isBetween(1L, 3L); // each worker and the scheduler meets it once
            // ...and was handled as what it is.
            assertThat(status.transientErrors()).as("5xx and timeouts").isGreaterThanOrEqualTo(sim.stats().faults(FaultKind.SERVER_ERROR) + 2);
            assertThat(status.malformedReplies()).isEqualTo(sim.stats().faults(FaultKind.HTML_PAGE) + sim.stats().faults(FaultKind.TRUNCATED_JSON));
            assertThat(status.rateLimitPages()).isEqualTo(1);
            assertThat(status.authErrors()).isPositive();
            assertThat(status.tokenRefreshes()).as("the refresh token died with the session").isZero();
            assertThat(status.state()).isEqualTo(ProducerState.POLLING);
            assertThat(sim.stats().rateLimited()).as("-429 answers").isZero();
            // Polling went on after every fault: quotes were delivered in the last simulated minutes.
            List<ServedQuotes.ServedQuote> served = sim.servedQuotes().entries();
            assertThat(served).anySatisfy(q -> assertThat(q.simMillis()).isGreaterThan(start + RUN.toMillis() - Duration.ofMinutes(3).toMillis()));

            Map<String, List<ServedChanges.Content>> expected = ServedChanges.of(sim.servedQuotes());
            assertThat(expected).hasSize(200);
            assertThat(contents.tickCount()).isEqualTo(ServedChanges.count(expected));
            assertThat(ServedChanges.published(contents.ticksBySymbol())).isEqualTo(expected);
        }
    }
}
