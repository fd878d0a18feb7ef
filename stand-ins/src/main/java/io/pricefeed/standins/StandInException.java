package io.pricefeed.standins;

/** A stand-in could not start or be used; the message says what to do about it in one line. */
public class StandInException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StandInException(String message) {
        super(message);
    }

    public StandInException(String message, Throwable cause) {
        super(message, cause);
    }
}
