package io.pricefeed.alerts;

/** A mail was not accepted. {@code retryable} says whether trying again can help. */
public class NotifierException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public NotifierException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean isRetryable() {
        return retryable;
    }
}
