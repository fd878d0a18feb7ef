package io.pricefeed.producer.fyers;

/**
 * A failed Fyers call, classified. The message carries Fyers' own code and text (never a token:
 * request headers are not part of it).
 */
public class FyersApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FyersErrorKind kind;
    private final int httpStatus;
    private final Integer code;

    public FyersApiException(FyersErrorKind kind, int httpStatus, Integer code, String message) {
        super(describe(kind, httpStatus, code, message));
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.code = code;
    }

    private static String describe(FyersErrorKind kind, int httpStatus, Integer code, String message) {
        return "Fyers " + kind + " (HTTP " + httpStatus + (code == null ? "" : ", code " + code) + "): " + message;
    }

    public FyersErrorKind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Fyers' {@code code}, or null when the body carried none (e.g. a Cloudflare page). */
    public Integer code() {
        return code;
    }
}
