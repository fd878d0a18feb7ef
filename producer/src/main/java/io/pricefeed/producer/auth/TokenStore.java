package io.pricefeed.producer.auth;

import java.util.Optional;

/**
 * Where the tokens of the last Fyers login are kept between runs: the {@code login} command saves
 * them, the producer loads them (and saves a refreshed access token). Implementations never log a
 * token.
 */
public interface TokenStore {
    /**
     * The saved tokens, or empty when none were saved yet.
     *
     * @throws TokenStoreException when the store cannot be read or holds something unreadable
     */
    Optional<FyersTokens> load();

    /**
     * Replaces the saved tokens.
     *
     * @throws TokenStoreException when the store cannot be written
     */
    void save(FyersTokens tokens);

    /** Where the tokens are, for messages (e.g. {@code file /home/me/.pricefeed/fyers-tokens.json}). */
    String describe();
}
