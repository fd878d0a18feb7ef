package io.pricefeed.athena;

/**
 * A statement the lake engine ran was refused or failed. The message carries DuckDB's own
 * error text (error class, reason and the caret under the offending token), because that is
 * what a user at the {@code query} command needs; the {@link java.sql.SQLException} stays
 * attached as the cause for whoever wants the stack.
 */
public class QueryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
