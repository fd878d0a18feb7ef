package io.pricefeed.producer.auth;

import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fyers login ({@code ./pricefeed login}, FYERS_API.md §2): a login URL with a fresh random
 * {@code state}, a localhost server that receives the redirect and checks the state, the exchange
 * of the auth code for tokens ({@code appIdHash} = SHA-256 of {@code client_id:app_secret}), and
 * saving them to the token store, where a running producer picks them up by itself.
 *
 * <pre>{@code
 * FyersLogin login = FyersLogin.fromConfig(config, System.getenv());
 * FyersTokens tokens = login.loginInteractive(url -> System.out.println("Open " + url));
 * }</pre>
 *
 * When the registered redirect URI is not on this machine, print {@link #authorizationUrl(String)},
 * let the person paste the {@code auth_code} from the address bar, and call {@link #exchange(String)}.
 */
public final class FyersLogin {
    private static final Logger LOG = LoggerFactory.getLogger(FyersLogin.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppCredentials app;
    private final URI redirectUri;
    private final FyersAuthClient auth;
    private final TokenStore store;
    private final Duration timeout;

    public FyersLogin(AppCredentials app, URI redirectUri, FyersAuthClient auth, TokenStore store, Duration timeout) {
        this.app = Objects.requireNonNull(app, "app");
        this.redirectUri = Objects.requireNonNull(redirectUri, "redirectUri");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.store = Objects.requireNonNull(store, "store");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * The login of a configuration: {@code fyers.*} endpoints, {@code tokenStore.*}, the app secret
     * from {@code FYERS_APP_SECRET} (or the Secrets Manager secret).
     */
    public static FyersLogin fromConfig(ProducerConfig config, Map<String, String> env) {
        TokenStore store = TokenStores.open(config, Clock.systemUTC());
        AppCredentials app = TokenStores.credentials(config, store, env);
        FyersAuthClient auth = new FyersAuthClient(config.fyers().apiBaseUrl(),
                FyersClient.newHttpClient(config.fyers().connectTimeout()), config.fyers().requestTimeout(), null,
                PacedClock.system());
        return new FyersLogin(app, config.fyers().redirectUri(), auth, store, config.fyers().loginTimeout());
    }

    /** A fresh unguessable {@code state} (32 random bytes, base64url). */
    public static String newState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The Fyers login page for {@code state}. */
    public URI authorizationUrl(String state) {
        return auth.authorizationUrl(app.clientId(), redirectUri, state);
    }

    /**
     * The whole login: starts the callback server on the redirect URI, hands the login URL to
     * {@code showUrl} (print it, open a browser), waits for the redirect (at most the login
     * timeout), exchanges the code and saves the tokens.
     *
     * @throws LoginFailedException when the redirect reports an error, never comes, or Fyers refuses the code
     * @throws IllegalArgumentException when the redirect URI is not a loopback http URL with a port
     */
    public FyersTokens loginInteractive(Consumer<URI> showUrl) throws InterruptedException {
        requireAppSecret();
        String state = newState();
        try (AuthCodeReceiver receiver = AuthCodeReceiver.start(redirectUri, state)) {
            LOG.info("waiting for the Fyers login redirect on {}", redirectUri);
            showUrl.accept(authorizationUrl(state));
            String code = receiver.awaitCode(timeout);
            return exchange(code);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for the login redirect on " + redirectUri
                    + " (is another login running?)", e);
        }
    }

    /**
     * Exchanges an auth code (e.g. pasted by the person) for tokens and saves them.
     *
     * @throws LoginFailedException when Fyers refuses the code (e.g. -437 expired or used)
     */
    public FyersTokens exchange(String authCode) throws InterruptedException {
        requireAppSecret();
        FyersTokens tokens;
        try {
            tokens = auth.exchangeAuthCode(app, authCode.trim());
        } catch (FyersApiException e) {
            throw new LoginFailedException("Fyers refused the auth code: " + e.getMessage(), e);
        }
        store.save(tokens);
        LOG.info("Fyers login complete: access token valid until {}, refresh token {}", tokens.accessExpiresAt(),
                tokens.refreshToken() == null ? "none" : "valid until " + tokens.refreshExpiresAt());
        return tokens;
    }

    /** The tokens saved now, if any (for a status line; the tokens themselves print redacted). */
    public Optional<FyersTokens> savedTokens() {
        return store.load();
    }

    public TokenStore store() {
        return store;
    }

    private void requireAppSecret() {
        if (!app.hasAppSecret()) {
            throw new LoginFailedException("the Fyers app secret is not configured: set " + AppCredentials.APP_SECRET_ENV
                    + (store instanceof SecretsManagerTokenStore ? " or put appSecret in " + store.describe() : ""));
        }
    }

    @Override
    public String toString() {
        return "FyersLogin[" + app + ", redirect " + redirectUri + ", " + store.describe() + "]";
    }
}
