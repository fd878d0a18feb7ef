package io.pricefeed.dashboard;

/** A request the API answers with an error status and a one-line message, e.g. 400 naming the bad parameter. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public static ApiException badParameter(String name, String problem) {
        return new ApiException(400, "parameter '" + name + "': " + problem);
    }

    public static ApiException unknownSymbol(String symbol) {
        return new ApiException(404, "unknown symbol '" + symbol + "' (GET /api/symbols lists the known ones)");
    }

    public int status() {
        return status;
    }
}
