package io.pricefeed.producer.auth;

import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.fyers.AccessTokenSource;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.LoginRequiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's Fyers login: which access token to use, and what to do when it stops working.
 *
 * <p>A token is given out while its JWT {@code exp} has not passed and Fyers has not rejected it.
 * When it expires or is rejected (-8, -15, -16, -17), the session, in this order, takes a newer
 * token from the {@link TokenStore} (a {@code login} run in another process saves one there), or
 * refreshes with the refresh token and PIN when both are configured. When neither works a login is
 * required: that is logged once, shown in the producer's status, and every caller waits in
 * {@link #awaitAccessToken()}, which looks at the store again every reload interval, so polling
 * resumes by itself after the next login. Fyers' "refresh disabled" reply (-16 from the refresh
 * endpoint, FYERS_API.md §2.5) is just one more reason a login is required.
 *
 * <p>Tokens, the PIN and the app secret are never logged.
 */
public final class FyersSession implements AccessTokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(FyersSession.class);
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(30);

    private final TokenStore store;
    private final FyersAuthClient auth;
    private final AppCredentials app;
    private final PacedClock pacer;
    private final Duration reloadInterval;
    private final ProducerMetrics metrics;

    // Guarded by this.
    private FyersTokens current;
    private String rejectedAccessToken;
    private String rejection;
    /** The refresh token of {@link #current} failed for good (disabled, invalid): do not ask again. */
    private boolean refreshUnavailable;
    /** Why the refresh is unavailable, kept for the login-required reason. */
    private String refreshNote;

    // Read without the lock by status().
    private volatile String loginRequiredReason;
    private volatile Instant accessExpiresAt;

    /**
     * @param auth null when this process cannot refresh (then only the store brings new tokens)
     */
    public FyersSession(TokenStore store, FyersAuthClient auth, AppCredentials app, PacedClock pacer,
                        Duration reloadInterval, ProducerMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.auth = auth;
        this.app = Objects.requireNonNull(app, "app");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Uses freshly obtained tokens (an in-process login), saving nothing. */
    public synchronized void install(FyersTokens tokens) {
        boolean wasRequired = loginRequiredReason != null;
        current = Objects.requireNonNull(tokens, "tokens");
        rejectedAccessToken = null;
        rejection = null;
        refreshUnavailable = false;
        refreshNote = null;
        accessExpiresAt = tokens.accessExpiresAt();
        loginRequiredReason = null;
        if (wasRequired) {
            LOG.info("Fyers login available again (access token valid until {}); polling resumes", tokens.accessExpiresAt());
        }
    }

    @Override
    public String accessToken() {
        synchronized (this) {
            if (usable(current)) {
                return current.accessToken();
            }
            if (renew(whyUnusable())) {
                return current.accessToken();
            }
        }
        throw new LoginRequiredException(loginRequiredReason);
    }

    @Override
    public synchronized boolean renewAfterRejection(String rejectedToken, FyersApiException cause) throws InterruptedException {
        if (current != null && !current.accessToken().equals(rejectedToken) && usable(current)) {
            return true; // another caller already renewed it
        }
        rejectedAccessToken = rejectedToken;
        rejection = "Fyers rejected the access token: " + cause.getMessage();
        return renew(rejection);
    }

    private String whyUnusable() {
        if (current == null) {
            return "no saved Fyers tokens in " + store.describe();
        }
        if (current.accessToken().equals(rejectedAccessToken)) {
            return rejection;
        }
        return "the access token expired at " + current.accessExpiresAt();
    }

    /** Blocks until a usable access token exists, looking at the store (and retrying refresh) every reload interval. */
    public String awaitAccessToken() throws InterruptedException {
        while (true) {
            try {
                return accessToken();
            } catch (LoginRequiredException e) {
                pacer.sleep(reloadInterval);
            }
        }
    }

    /** True while no usable token exists and none could be obtained. */
    public boolean loginRequired() {
        return loginRequiredReason != null;
    }

    /** Why a login is required; empty when it is not. */
    public Optional<String> loginRequiredReason() {
        return Optional.ofNullable(loginRequiredReason);
    }

    /** The current access token's expiry, when known. */
    public Optional<Instant> accessExpiresAt() {
        return Optional.ofNullable(accessExpiresAt);
    }

    private boolean usable(FyersTokens t) {
        return t != null && !t.accessToken().equals(rejectedAccessToken) && !t.accessExpiredAt(pacer.millis());
    }

    /** Tries the store, then a refresh; on failure records (and logs once) that a login is required. Holds the lock. */
    private boolean renew(String why) {
        Optional<FyersTokens> stored;
        try {
            stored = store.load();
        } catch (TokenStoreException e) {
            LOG.warn("cannot load Fyers tokens: {}", e.getMessage());
            stored = Optional.empty();
        }
        if (stored.isPresent() && usable(stored.get())
                && (current == null || !stored.get().accessToken().equals(current.accessToken()))) {
            install(stored.get());
            LOG.info("using the Fyers access token from {} (valid until {})", store.describe(), current.accessExpiresAt());
            return true;
        }
        if (stored.isPresent() && current == null) {
            current = stored.get(); // expired or rejected, but its refresh token may still work
        }
        String reason = why;
        if (current != null && canTryRefresh()) {
            try {
                FyersTokens refreshed = auth.refresh(app, current);
                metrics.tokenRefreshes.incrementAndGet();
                install(refreshed);
                LOG.info("Fyers access token refreshed (valid until {})", refreshed.accessExpiresAt());
                save(refreshed);
                return true;
            } catch (FyersApiException e) {
                if (FyersAuthClient.isRefreshDisabled(e)) {
                    refreshUnavailable = true;
                    refreshNote = "Fyers has the refresh API disabled (" + e.getMessage() + ")";
                    reason = why + "; " + refreshNote;
                } else if (e.kind().isRetryable()) {
                    reason = why + "; the refresh failed and will be retried (" + e.getMessage() + ")";
                } else {
                    refreshUnavailable = true;
                    refreshNote = "the refresh token was refused (" + e.getMessage() + ")";
                    reason = why + "; " + refreshNote;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reason = why + "; interrupted while refreshing";
            }
        } else if (refreshNote != null) {
            reason = why + "; " + refreshNote;
        } else if (current != null && current.refreshToken() != null && !app.canRefresh()) {
            reason = why + "; no refresh possible without the app secret and PIN";
        }
        requireLogin(reason);
        return false;
    }

    private boolean canTryRefresh() {
        return auth != null && app.canRefresh() && !refreshUnavailable && current.refreshUsableAt(pacer.millis());
    }

    private void save(FyersTokens tokens) {
        try {
            store.save(tokens);
        } catch (TokenStoreException e) {
            LOG.warn("the refreshed token is in use but could not be saved: {}", e.getMessage());
        }
    }

    private void requireLogin(String reason) {
        if (loginRequiredReason == null) {
            LOG.error("Fyers login required: {}. Polling stops until a login saves new tokens to {} "
                    + "(./pricefeed login); the producer picks them up by itself.", reason, store.describe());
        }
        loginRequiredReason = reason;
    }

    @Override
    public String toString() {
        return "FyersSession[" + store.describe() + (loginRequiredReason != null ? ", login required" : "") + "]";
    }
}
