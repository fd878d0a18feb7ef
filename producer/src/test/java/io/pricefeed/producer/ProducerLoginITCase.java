package io.pricefeed.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersLogin;
import io.pricefeed.producer.auth.FyersTokens;
import io.pricefeed.producer.auth.TokenStore;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.RefreshMode;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SimCredentials;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.CapturedLogs;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The producer's life with Fyers logins, on a stepped clock: an interactive login, polling, the
 * access token dying at 06:00 and being refreshed (or, with refresh disabled as in 2026, a login
 * being required), the session being ended by Fyers, and polling resuming by itself after the next
 * login. Every log line of the JVM is captured meanwhile: no token, secret, PIN or auth code may
 * appear in any of them.
 */
@LocalAws
class ProducerLoginITCase {
    private static final SimCredentials CREDENTIALS = new SimCredentials("FYLOG01-100", "app-secret-5e1f9a", "auth-code-77c3d1", "9753");
    private static final List<String> SYMBOLS = SymbolUniverse.nifty50().names().subList(0, 20);

    @TempDir
    Path dir;

    /** The file store, remembering every token that passed through it (to look for them in the logs). */
    private static final class RememberingStore implements TokenStore {
        final FileTokenStore file;
        final Set<String> tokens = ConcurrentHashMap.newKeySet();

        RememberingStore(Path path) {
            this.file = new FileTokenStore(path);
        }

        private Optional<FyersTokens> remember(Optional<FyersTokens> t) {
            t.ifPresent(x -> {
                tokens.add(x.accessToken());
                x.refresh().ifPresent(tokens::add);
            });
            return t;
        }

        @Override
        public Optional<FyersTokens> load() {
            return remember(file.load());
        }

        @Override
        public void save(FyersTokens t) {
            remember(Optional.of(t));
            file.save(t);
        }

        @Override
        public String describe() {
            return file.describe();
        }
    }

    private record Rig(FyersSim sim, SimClock clock, RememberingStore store, FyersLogin login, ProducerConfig config,
                       Map<String, String> env) {
    }

    private Rig rig(Kinesalite kinesis, String stream, RefreshMode refresh) throws IOException {
        kinesis.createStream(stream, 1);
        SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T15:29"));
        FyersSim sim = FyersSim.builder().clock(clock).seed(31).credentials(CREDENTIALS).refreshMode(refresh).build().start();
        Path tokens = dir.resolve("tokens.json");
        ObjectNode json = TestConfigs.forSim(sim, kinesis, stream, SYMBOLS, tokens);
        try (ServerSocket s = new ServerSocket(0)) {
            ((ObjectNode) json.get("fyers")).put("redirectUri", "http://127.0.0.1:" + s.getLocalPort() + "/fyers/callback");
        }
        ProducerConfig config = ProducerConfig.parse(json.toString());
        Map<String, String> env = Map.of(AppCredentials.APP_SECRET_ENV, CREDENTIALS.appSecret(), AppCredentials.PIN_ENV, CREDENTIALS.pin());
        RememberingStore store = new RememberingStore(tokens);
        FyersLogin login = new FyersLogin(AppCredentials.fromEnvironment(config.fyers().clientId(), env), config.fyers().redirectUri(),
                new FyersAuthClient(config.fyers().apiBaseUrl(),
                        FyersClient.newHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), null,
                        SimPacedClock.of(clock)), store, Duration.ofSeconds(20));
        return new Rig(sim, clock, store, login, config, env);
    }

    /** The person logs in: the browser follows the login URL and Fyers redirects it to the callback. */
    private static FyersTokens loginInBrowser(Rig rig) throws InterruptedException {
        return rig.login.loginInteractive(url -> CompletableFuture.runAsync(() -> {
            String state = URLDecoder.decode(url.getRawQuery().replaceAll(".*state=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            String callback = rig.config.fyers().redirectUri() + "?s=ok&code=200&auth_code=" + CREDENTIALS.authCode() + "&state=" + state;
            try {
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callback)).build(), HttpResponse.BodyHandlers.discarding());
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static void stepUntil(SimClock clock, Duration step, Callable<Boolean> condition) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            if (condition.call()) {
                return true;
            }
            clock.advance(step);
            return false;
        });
    }

    private static void assertNoSecretIn(CapturedLogs logs, Rig rig) {
        List<String> secrets = new ArrayList<>(rig.store.tokens);
        secrets.addAll(List.of(CREDENTIALS.appSecret(), CREDENTIALS.authCode(), CREDENTIALS.appIdHash(), "9753"));
        assertThat(rig.store.tokens).as("tokens seen").hasSizeGreaterThanOrEqualTo(3);
        String all = logs.all();
        assertThat(logs.lines()).as("captured log lines").hasSizeGreaterThan(10);
        for (String secret : secrets) {
            assertThat(all).as("the logs").doesNotContain(secret);
        }
    }

    private static long loginRequiredLines(CapturedLogs logs) {
        return logs.lines().stream().filter(l -> l.startsWith("ERROR") && l.contains("Fyers login required")).count();
    }

    @Test
    void theTokenIsRefreshedAfterItsNightlyExpiryAndAnEndedSessionWaitsForTheNextLogin(Kinesalite kinesis) throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            Rig rig = rig(kinesis, "ticks-login-refresh", RefreshMode.ENABLED);
            try (FyersSim sim = rig.sim) {
                loginInBrowser(rig);
                try (Producer producer = Producer.builder(rig.config).clock(SimPacedClock.of(rig.clock)).tokenStore(rig.store)
                        .environment(rig.env).seed(1).build().start()) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> producer.status().ticksPublished() >= SYMBOLS.size());

                    // Overnight the access token dies (06:00); at the open it is refreshed from its exp, before any call fails.
                    rig.clock.set(SimClock.ist("2026-03-11T09:15"));
                    long before = producer.status().ticksPublished();
                    stepUntil(rig.clock, Duration.ofMillis(500), () -> producer.status().ticksPublished() >= before + SYMBOLS.size());
                    assertThat(producer.status().tokenRefreshes()).isEqualTo(1);
                    assertThat(producer.status().accessTokenExpiresAt()).isEqualTo(SimClock.ist("2026-03-12T06:00"));
                    assertThat(sim.stats().authFailures()).isZero();

                    // Fyers ends the session: every token, the refresh token too, is dead.
                    sim.expireTokens();
                    stepUntil(rig.clock, Duration.ofMillis(500), () -> producer.status().state() == ProducerState.LOGIN_REQUIRED);
                    assertThat(producer.status().detail()).contains("-8").contains("refresh token was refused");
                    long calls = sim.stats().requests();
                    long until = rig.clock.now() + Duration.ofMinutes(2).toMillis(); // four store reloads
                    stepUntil(rig.clock, Duration.ofSeconds(2), () -> rig.clock.now() >= until);
                    assertThat(sim.stats().requests()).as("no calls while logged out").isEqualTo(calls);
                    assertThat(loginRequiredLines(logs)).as("logged once").isEqualTo(1);

                    loginInBrowser(rig);
                    long resumed = producer.status().ticksPublished();
                    stepUntil(rig.clock, Duration.ofMillis(500), () -> producer.status().state() == ProducerState.POLLING
                            && producer.status().ticksPublished() > resumed);
                }
                assertNoSecretIn(logs, rig);
            }
        }
    }

    @Test
    void withRefreshDisabledAnExpiredTokenMeansLoginRequiredUntilTheNextLogin(Kinesalite kinesis) throws Exception {
        try (CapturedLogs logs = new CapturedLogs()) {
            Rig rig = rig(kinesis, "ticks-login-disabled", RefreshMode.DISABLED);
            try (FyersSim sim = rig.sim) {
                loginInBrowser(rig);
                try (Producer producer = Producer.builder(rig.config).clock(SimPacedClock.of(rig.clock)).tokenStore(rig.store)
                        .environment(rig.env).seed(2).build().start()) {
                    await().atMost(Duration.ofSeconds(10)).until(() -> producer.status().ticksPublished() >= SYMBOLS.size());
                    long calls = sim.stats().requests();

                    rig.clock.set(SimClock.ist("2026-03-11T09:15"));
                    stepUntil(rig.clock, Duration.ofMillis(500), () -> producer.status().state() == ProducerState.LOGIN_REQUIRED);
                    assertThat(producer.status().detail()).contains("expired").contains("refresh API disabled");
                    assertThat(sim.stats().requests()).as("only the refused refresh call").isEqualTo(calls + 1);
                    long until = rig.clock.now() + Duration.ofMinutes(2).toMillis();
                    stepUntil(rig.clock, Duration.ofSeconds(2), () -> rig.clock.now() >= until);
                    assertThat(sim.stats().requests()).as("refresh is not asked again, and nothing else is called").isEqualTo(calls + 1);
                    assertThat(loginRequiredLines(logs)).isEqualTo(1);

                    loginInBrowser(rig);
                    long resumed = producer.status().ticksPublished();
                    stepUntil(rig.clock, Duration.ofMillis(500), () -> producer.status().state() == ProducerState.POLLING
                            && producer.status().ticksPublished() > resumed);
                }
                assertNoSecretIn(logs, rig);
            }
        }
    }
}
