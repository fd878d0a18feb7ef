package io.pricefeed.producer.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.SimPacedClock;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The login against fyers-sim, with this test playing the browser that Fyers redirects. */
class FyersLoginTest {
    private static final HttpClient BROWSER = HttpClient.newHttpClient();

    @TempDir
    Path dir;
    private FyersSim sim;
    private URI redirect;
    private FileTokenStore store;
    private final Map<String, Integer> callbackStatus = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        sim = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T08:30"))).build().start();
        try (ServerSocket s = new ServerSocket(0)) {
            redirect = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/fyers/callback");
        }
        store = new FileTokenStore(dir.resolve("tokens.json"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private FyersLogin login(String appSecret, Duration timeout) {
        AppCredentials app = new AppCredentials(sim.credentials().clientId(), appSecret, null);
        FyersAuthClient auth = new FyersAuthClient(URI.create(sim.baseUrl() + "/api/v3"), FyersClient.newHttpClient(Duration.ofSeconds(2)),
                Duration.ofSeconds(5), null, SimPacedClock.of(sim.clock()));
        return new FyersLogin(app, redirect, auth, store, timeout);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new HashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The browser: after the person logs in, Fyers redirects it to the callback with these parameters. */
    private Consumer<URI> browserRedirecting(String... queries) {
        return loginUrl -> CompletableFuture.runAsync(() -> {
            String state = query(loginUrl).get("state");
            for (String q : queries) {
                String url = redirect + "?" + q.replace("{state}", state);
                try {
                    HttpResponse<String> r = BROWSER.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
                    callbackStatus.put(q, r.statusCode());
                } catch (IOException | InterruptedException e) {
                    callbackStatus.put(q, -1);
                }
            }
        });
    }

    @Test
    void theLoginUrlCarriesTheAppTheRedirectAndAFreshState() {
        FyersLogin login = login("sim-app-secret", Duration.ofSeconds(5));
        String state = FyersLogin.newState();
        Map<String, String> q = query(login.authorizationUrl(state));
        assertThat(login.authorizationUrl(state)).hasPath("/api/v3/generate-authcode");
        assertThat(q).containsEntry("client_id", "FYSIM01-100").containsEntry("redirect_uri", redirect.toString())
                .containsEntry("response_type", "code").containsEntry("state", state);
        assertThat(state).hasSize(43).isNotEqualTo(FyersLogin.newState());
    }

    @Test
    void theRedirectWithTheRightStateIsExchangedForTokensAndAForgedOneIgnored() throws Exception {
        FyersLogin login = login("sim-app-secret", Duration.ofSeconds(10));
        String forged = "s=ok&code=200&auth_code=attacker-code&state=not-the-state";
        String genuine = "s=ok&code=200&auth_code=sim-auth-code&state={state}";

        FyersTokens tokens = login.loginInteractive(browserRedirecting(forged, genuine));

        assertThat(callbackStatus).containsEntry(forged, 400).containsEntry(genuine, 200);
        assertThat(tokens.accessExpiresAt()).isEqualTo(SimClock.ist("2026-03-11T06:00"));
        assertThat(tokens.refreshExpiresAt()).isEqualTo(SimClock.ist("2026-03-25T06:00"));
        assertThat(store.load()).contains(tokens);
    }

    @Test
    void aFailedLoginAtFyersEndsTheWaitWithItsMessage() {
        FyersLogin login = login("sim-app-secret", Duration.ofSeconds(10));
        assertThatThrownBy(() -> login.loginInteractive(browserRedirecting("s=error&code=-1&message=user+cancelled&state={state}")))
                .isInstanceOf(LoginFailedException.class).hasMessageContaining("user cancelled");
        assertThat(store.load()).isEmpty();
    }

    @Test
    void noRedirectInTimeIsAFailedLogin() {
        FyersLogin login = login("sim-app-secret", Duration.ofMillis(300));
        assertThatThrownBy(() -> login.loginInteractive(url -> { })).isInstanceOf(LoginFailedException.class)
                .hasMessageContaining("no login redirect");
    }

    @Test
    void aWrongAppSecretOrNoneIsRefusedClearly() {
        assertThatThrownBy(() -> login("wrong-secret", Duration.ofSeconds(5)).exchange("sim-auth-code"))
                .isInstanceOf(LoginFailedException.class).hasMessageContaining("-371");
        assertThatThrownBy(() -> login(null, Duration.ofSeconds(5)).exchange("sim-auth-code"))
                .isInstanceOf(LoginFailedException.class).hasMessageContaining("FYERS_APP_SECRET");
    }

    @Test
    void theRedirectMustComeBackToThisMachine() {
        FyersLogin login = new FyersLogin(new AppCredentials("FYSIM01-100", "sim-app-secret", null),
                URI.create("https://example.com/callback"), new FyersAuthClient(URI.create(sim.baseUrl() + "/api/v3"),
                FyersClient.newHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), null, PacedClock.system()), store, Duration.ofSeconds(1));
        assertThatThrownBy(() -> login.loginInteractive(url -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://127.0.0.1:<port>");
    }
}
