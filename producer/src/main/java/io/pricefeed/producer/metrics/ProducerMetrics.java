package io.pricefeed.producer.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The producer's live counters, shared by its parts (Fyers client, poller, publisher, session) and
 * read by {@link Producer#status()}. Monotonic since the producer started; thread-safe.
 */
public final class ProducerMetrics {
    /** Fyers HTTP requests sent (every endpoint, every attempt). */
    public final AtomicLong fyersCalls = new AtomicLong();
    /** {@code /data/quotes} calls that returned quotes. */
    public final AtomicLong quoteCallsOk = new AtomicLong();
    /** Quotes calls that failed, any reason. */
    public final AtomicLong quoteCallsFailed = new AtomicLong();
    /** 5xx, timeouts and connection failures (retried with backoff). */
    public final AtomicLong transientErrors = new AtomicLong();
    /** Replies that were not the documented JSON (logged with their first bytes). */
    public final AtomicLong malformedReplies = new AtomicLong();
    /** Fyers -429 / HTTP 429 JSON replies. */
    public final AtomicLong rateLimitReplies = new AtomicLong();
    /** Non-JSON rate-limit pages (Cloudflare). */
    public final AtomicLong rateLimitPages = new AtomicLong();
    /** Times polling paused: rate-limit pauses plus batch retries after transient errors. */
    public final AtomicLong backoffs = new AtomicLong();
    /** Authentication errors from Fyers (-8/-15/-16/-17). */
    public final AtomicLong authErrors = new AtomicLong();
    /** Access tokens obtained with the refresh token. */
    public final AtomicLong tokenRefreshes = new AtomicLong();
    /** Symbols dropped because Fyers refused them ({@code s:"error"} or -300). */
    public final AtomicLong symbolsRejected = new AtomicLong();
    /** Quotes received with a usable price. */
    public final AtomicLong quotesReceived = new AtomicLong();
    /** Quotes whose price or volume changed: ticks handed to the publisher. */
    public final AtomicLong ticksEmitted = new AtomicLong();
    /** Ticks Kinesis acknowledged. */
    public final AtomicLong ticksPublished = new AtomicLong();
    /** Heartbeats Kinesis acknowledged (one per shard per interval). */
    public final AtomicLong heartbeatsPublished = new AtomicLong();
    /** Heartbeats not queued because the buffer was full (the next one follows a second later). */
    public final AtomicLong heartbeatsSkipped = new AtomicLong();
    /** PutRecords calls. */
    public final AtomicLong putRecordsCalls = new AtomicLong();
    /** Records sent again after a partial failure or a failed call. */
    public final AtomicLong recordsRetried = new AtomicLong();
    /** ProvisionedThroughputExceeded answers (per record or per call). */
    public final AtomicLong throughputExceeded = new AtomicLong();
    /** Records given up on (only a non-retryable rejection, or a flush that timed out at shutdown). */
    public final AtomicLong recordsDropped = new AtomicLong();
    /** Market status checks made. */
    public final AtomicLong marketStatusChecks = new AtomicLong();
}
