package io.pricefeed.producer.auth;

/** A token store could not be read or written. The message names the store, never a token. */
public class TokenStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TokenStoreException(String message) {
        super(message);
    }

    public TokenStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
