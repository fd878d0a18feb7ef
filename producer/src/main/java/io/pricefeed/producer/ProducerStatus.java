package io.pricefeed.producer;

import java.time.Instant;

/**
 * A snapshot of the producer for the CLI and the container's status line.
 *
 * @param state             what it is doing
 * @param detail            why (the login-required reason, the idle reason, the backoff end), or empty
 * @param at                the producer clock's time of this snapshot
 * @param symbols           symbols polled (configured less those Fyers refused)
 * @param fyersCalls        Fyers requests sent, every endpoint and attempt
 * @param quoteCallsOk      quotes calls that returned quotes
 * @param quoteCallsFailed  quotes calls that failed
 * @param budgetUsedLastMinute requests in the rolling minute (of {@code budgetPerMinute})
 * @param budgetPerMinute   the per-minute budget in force
 * @param ticksEmitted      changed quotes handed to Kinesis
 * @param ticksPublished    ticks Kinesis acknowledged
 * @param heartbeatsPublished heartbeats Kinesis acknowledged
 * @param buffered          records waiting for Kinesis
 * @param symbolsRejected   symbols Fyers refused (dropped)
 * @param backoffs          pauses: rate-limit pauses and batch retries
 * @param rateLimitReplies  Fyers -429 / HTTP 429 replies
 * @param rateLimitPages    non-JSON rate-limit pages (Cloudflare)
 * @param transientErrors   5xx, timeouts, connection failures
 * @param malformedReplies  replies that were not the documented JSON
 * @param authErrors        authentication errors from Fyers
 * @param tokenRefreshes    access tokens obtained by refresh
 * @param recordsRetried    Kinesis records sent again
 * @param recordsDropped    Kinesis records given up on
 * @param accessTokenExpiresAt the access token's expiry, null when unknown or none
 */
public record ProducerStatus(ProducerState state, String detail, Instant at, int symbols,
                             long fyersCalls, long quoteCallsOk, long quoteCallsFailed,
                             int budgetUsedLastMinute, int budgetPerMinute,
                             long ticksEmitted, long ticksPublished, long heartbeatsPublished, int buffered,
                             long symbolsRejected, long backoffs, long rateLimitReplies, long rateLimitPages,
                             long transientErrors, long malformedReplies, long authErrors, long tokenRefreshes,
                             long recordsRetried, long recordsDropped, Instant accessTokenExpiresAt) {

    /** One line for logs and the CLI. */
    public String summary() {
        return state + (detail.isEmpty() ? "" : " (" + detail + ")")
                + " | calls " + fyersCalls + " (quotes ok " + quoteCallsOk + ", failed " + quoteCallsFailed + ")"
                + " | budget " + budgetUsedLastMinute + "/" + budgetPerMinute + " per min"
                + " | ticks " + ticksPublished + "/" + ticksEmitted + " published, heartbeats " + heartbeatsPublished
                + ", buffered " + buffered
                + " | rejected symbols " + symbolsRejected + ", backoffs " + backoffs + ", -429 " + rateLimitReplies
                + ", 429 pages " + rateLimitPages + ", transient " + transientErrors + ", malformed " + malformedReplies
                + ", auth errors " + authErrors + ", refreshes " + tokenRefreshes;
    }
}
