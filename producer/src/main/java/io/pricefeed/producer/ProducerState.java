package io.pricefeed.producer;

/** What the producer is doing now, most urgent first when several apply. */
public enum ProducerState {
    /** Built, not started. */
    STARTING,
    /** No usable Fyers token: a person must run the login; polling resumes by itself after it. */
    LOGIN_REQUIRED,
    /** Fyers rate-limited the app twice today: no requests until the next IST day. */
    SUSPENDED_FOR_DAY,
    /** Paused after a rate-limit reply, or every batch is waiting out a retry backoff. */
    BACKING_OFF,
    /** In the session, polling. */
    POLLING,
    /** Outside the session (nights, weekends, holidays) or Fyers reports the market closed: no calls. */
    IDLE_MARKET_CLOSED,
    /** Stopped for good on an error a person must fix (a missing Kinesis stream, refused credentials). */
    FAILED,
    /** Closed. */
    STOPPED
}
