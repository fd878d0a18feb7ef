package io.pricefeed.producer.fyers;

/**
 * No usable Fyers access token: a person has to log in again ({@code ./pricefeed login}). Polling
 * stops until a new token appears; this is a state to surface, not a crash.
 */
public class LoginRequiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoginRequiredException(String reason) {
        super("Fyers login required: " + reason);
    }

    public LoginRequiredException(String reason, Throwable cause) {
        super("Fyers login required: " + reason, cause);
    }
}
