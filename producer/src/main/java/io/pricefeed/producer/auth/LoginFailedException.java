package io.pricefeed.producer.auth;

/** A login did not produce tokens: the user cancelled, Fyers refused the code, or no redirect came. */
public class LoginFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoginFailedException(String message) {
        super(message);
    }

    public LoginFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
