package io.pricefeed.producer.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The tokens of one Fyers login: the access token every data call carries, and the refresh token
 * (absent when Fyers returned none). Expiries come from each token's JWT {@code exp}; null when
 * the token is not a readable JWT. {@link #toString()} never shows a token.
 */
public record FyersTokens(String accessToken, String refreshToken, Instant accessExpiresAt, Instant refreshExpiresAt) {

    public FyersTokens {
        Objects.requireNonNull(accessToken, "accessToken");
        if (accessToken.isBlank()) {
            throw new IllegalArgumentException("accessToken must not be blank");
        }
        if (refreshToken != null && refreshToken.isBlank()) {
            refreshToken = null;
        }
    }

    /** Tokens as Fyers returned them, with expiries read from the JWTs. */
    public static FyersTokens of(String accessToken, String refreshToken) {
        return new FyersTokens(accessToken, refreshToken, JwtExpiry.of(accessToken).orElse(null),
                refreshToken == null ? null : JwtExpiry.of(refreshToken).orElse(null));
    }

    /** The same login with a new access token (refresh does not return a new refresh token). */
    public FyersTokens withAccessToken(String newAccessToken) {
        return new FyersTokens(newAccessToken, refreshToken, JwtExpiry.of(newAccessToken).orElse(null), refreshExpiresAt);
    }

    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    /** True when the access token's {@code exp} has passed; an unknown expiry is not expired. */
    public boolean accessExpiredAt(long epochMillis) {
        return accessExpiresAt != null && epochMillis >= accessExpiresAt.toEpochMilli();
    }

    /** True when there is a refresh token whose {@code exp} (if known) has not passed. */
    public boolean refreshUsableAt(long epochMillis) {
        return refreshToken != null && (refreshExpiresAt == null || epochMillis < refreshExpiresAt.toEpochMilli());
    }

    @Override
    public String toString() {
        return "FyersTokens[accessToken=***, accessExpiresAt=" + accessExpiresAt
                + ", refreshToken=" + (refreshToken == null ? "none" : "***") + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
