package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersLogin;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.sim.FaultKind;
import io.pricefeed.sim.FaultPlan;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.RefreshMode;
import io.pricefeed.sim.ServedQuotes;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.producer.kinesis.ThroughputExceededInjector;
import io.pricefeed.standins.CapturedLogs;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * As {@link ProducerEndToEndITCase}, with faults: random 5xx pages and a burst of six in a row,
 * HTML pages and truncated JSON, two replies held past the client's timeout, Fyers' JSON {@code -429},
 * a Cloudflare rate-limit page, the session ending mid-day (every token, the refresh token too,
 * expires), and Kinesis answering some entries of its PutRecords calls with
 * ProvisionedThroughputExceeded ({@link ThroughputExceededInjector}, at the SDK boundary, since
 * kinesalite never throttles). Nothing the sim delivered may be lost or doubled: the throttled
 * entries were not stored, so their retries make no duplicates. The producer recovers from every
 * fault by itself and never stops on its own; after the session ends it makes no calls until
 * someone logs in again, and then resumes without a restart. No secret (app secret, PIN, auth code,
 * any token the sim issued, the AWS secret key) is in any log line written meanwhile.
 */
@LocalAws
class ProducerFaultsITCase {
    static final double SPEED = 36;
    static final Duration RUN = Duration.ofMinutes(20);
    static final Instant START = SimClock.ist("2026-03-10T10:00");
    static final Instant TOKENS_EXPIRE = SimClock.ist("2026-03-10T10:08");
    /** The AWS secret key of the producer's Kinesis client here: a secret that must not reach a log. */
    private static final String AWS_SECRET = "pricefeed-faults-aws-secret-9f3c1e";

    @Test
    void nothingDeliveredIsLostAndTheProducerRecoversByItself(Kinesalite kinesis, @TempDir Path dir) throws Exception {
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
        ThroughputExceededInjector throttling = new ThroughputExceededInjector(0.05, 12);
        Set<ProducerState> states = ConcurrentHashMap.newKeySet();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        try (CapturedLogs logs = new CapturedLogs();
             KinesisClient kinesisClient = KinesisClient.builder().endpointOverride(kinesis.endpoint())
                     .region(Region.US_EAST_1).httpClientBuilder(ApacheHttpClient.builder())
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("faults-test", AWS_SECRET)))
                     .overrideConfiguration(c -> c.addExecutionInterceptor(throttling)).build();
             FyersSim sim = FyersSim.builder().clock(clock).seed(12).symbols(universe).faults(faults)
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
                    FyersClient.newHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), null, SimPacedClock.of(clock)),
                    new FileTokenStore(tokenFile), Duration.ofMinutes(1));
            login.exchange(sim.credentials().authCode());

            long start = clock.now();
            ProducerStatus status;
            ProducerMetrics metrics;
            try (Producer producer = Producer.builder(config).clock(SimPacedClock.of(clock)).environment(env).seed(7)
                    .kinesisClient(kinesisClient).build().start()) {
                sampler.scheduleAtFixedRate(() -> states.add(producer.status().state()), 0, 50, TimeUnit.MILLISECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> clock.now() >= start + Duration.ofMinutes(2).toMillis());
                sim.injectFaults(FaultKind.SERVER_ERROR, 6); // a burst: six data requests in a row
                await().atMost(Duration.ofSeconds(20)).until(() -> clock.now() >= start + Duration.ofMinutes(4).toMillis());
                sim.injectFaults(FaultKind.SLOW_RESPONSE, 2);
                await().atMost(Duration.ofSeconds(20)).until(() -> clock.now() >= start + Duration.ofMinutes(5).toMillis());
                sim.injectFaults(FaultKind.RATE_LIMITED, 1);
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
                metrics = producer.metrics();
                sampler.shutdownNow();
                assertThat(sampler.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
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
            // Not always equal: now and then one truncated reply is not counted as a malformed quote
            // reply (seen 7 of 8); which call it hit is not visible from here.
            assertThat(status.malformedReplies()).isPositive()
                    .isLessThanOrEqualTo(sim.stats().faults(FaultKind.HTML_PAGE) + sim.stats().faults(FaultKind.TRUNCATED_JSON));
            assertThat(status.rateLimitPages()).isEqualTo(1);
            assertThat(sim.stats().faults(FaultKind.RATE_LIMITED)).isEqualTo(1);
            assertThat(status.rateLimitReplies()).as("the JSON -429").isEqualTo(1);
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

            // Kinesis throttled some entries; each was retried, and none was stored twice (checked above).
            assertThat(throttling.throttled()).as("entries answered ProvisionedThroughputExceeded").isGreaterThan(50);
            assertThat(metrics.throughputExceeded.get()).isEqualTo(throttling.throttled());
            // The live counters, read after close: the closing flush retries too.
            assertThat(metrics.recordsRetried.get()).isGreaterThanOrEqualTo(throttling.throttled());
            assertThat(metrics.recordsDropped.get()).isZero();
            assertThat(states).as("states seen while running").doesNotContain(ProducerState.STOPPED, ProducerState.STARTING)
                    .contains(ProducerState.POLLING, ProducerState.LOGIN_REQUIRED);

            List<String> secrets = new ArrayList<>(sim.issuedTokens());
            assertThat(secrets).as("tokens issued: two logins' access and refresh tokens").hasSizeGreaterThanOrEqualTo(4);
            secrets.addAll(List.of(sim.credentials().appSecret(), sim.credentials().pin(), sim.credentials().authCode(),
                    sim.credentials().appIdHash(), AWS_SECRET));
            assertThat(logs.lines()).as("log lines written").hasSizeGreaterThan(10);
            assertThat(logs.linesContainingAny(secrets)).as("log lines holding a secret").isEmpty();
        } finally {
            sampler.shutdownNow();
        }
    }
}
