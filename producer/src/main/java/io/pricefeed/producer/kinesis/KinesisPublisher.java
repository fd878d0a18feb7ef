package io.pricefeed.producer.kinesis;

import io.pricefeed.model.Heartbeat;
import io.pricefeed.model.Tick;
import io.pricefeed.model.WireCodec;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.poll.TickSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Puts ticks and heartbeats into the ticks stream in the wire format of DESIGN.md §3.
 *
 * <p>Records wait in a bounded buffer; one sender thread takes them in order and puts them with
 * PutRecords, as many per call as fit (500 records, 5 MiB). When the buffer is full,
 * {@link #accept(Tick)} blocks, which slows the poller instead of dropping ticks. A partial failure
 * resends only the failed records, after a jittered exponential backoff, before anything newer is
 * sent; throttling ({@code ProvisionedThroughputExceeded}) and failed calls are retried the same
 * way. Only a request Kinesis calls invalid is given up on. {@link #close()} stops taking records
 * and flushes the buffer, for at most the flush timeout.
 *
 * <p>A failure no retry can cure ({@link FatalKinesisError}: a missing stream, refused
 * credentials, an unusable KMS key, a client without credentials) stops the publisher instead:
 * {@link #start()} checks the stream first, and a put that fails so later makes {@link #failure()}
 * say why, and {@link #accept(Tick)} throw, so the producer can stop with one line.
 *
 * <p>Heartbeats are offered, never waited for: when the buffer is full, or a tick is waiting to get
 * in, the heartbeat is skipped and the next follows a second later. A heartbeat says "no earlier
 * tick follows"; skipping it while ticks wait means it cannot overtake them (they were stamped
 * before it), and the queue is FIFO from there on.
 */
public final class KinesisPublisher implements TickSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisPublisher.class);
    /** Every n-th consecutive failure of one request is logged (the first always). */
    private static final int LOG_EVERY_FAILURES = 10;

    private final KinesisClient client;
    private final String stream;
    private final ArrayBlockingQueue<OutgoingRecord> queue;
    private final PutRecordsBatcher batcher;
    private final Backoff retryBackoff;
    private final Duration flushTimeout;
    private final ProducerMetrics metrics;
    /** Told which shards puts land on, so a resharding is noticed; set by the heartbeat sender. */
    private volatile ShardDirectory shards;
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Callers of accept() blocked on a full buffer (or about to put). */
    private final AtomicInteger waitingToEnter = new AtomicInteger();
    private final Thread sender;

    private volatile boolean closing;
    private volatile FatalKinesisError failure;
    private volatile long flushDeadlineNanos = Long.MAX_VALUE;

    private KinesisPublisher(Builder b) {
        this.client = b.client;
        this.stream = b.stream;
        this.queue = new ArrayBlockingQueue<>(b.bufferRecords);
        this.batcher = new PutRecordsBatcher(b.maxBatchRecords, PutRecordsBatcher.MAX_REQUEST_BYTES);
        this.retryBackoff = b.retryBackoff;
        this.flushTimeout = b.flushTimeout;
        this.metrics = b.metrics;
        this.sender = new Thread(this::sendLoop, "pricefeed-kinesis-sender");
        this.sender.setDaemon(true);
    }

    public static Builder builder() {
        return new Builder();
    }

    void shardDirectory(ShardDirectory directory) {
        this.shards = directory;
    }

    /**
     * Checks that the stream exists and takes this producer's credentials, then starts sending.
     *
     * @throws FatalKinesisError when it does not (a check that fails otherwise is logged: puts retry)
     */
    public KinesisPublisher start() {
        try {
            client.describeStreamSummary(b -> b.streamName(stream));
        } catch (SdkException e) {
            Optional<FatalKinesisError> fatal = FatalKinesisError.classify(e, stream);
            if (fatal.isPresent()) {
                throw fatal.get();
            }
            LOG.warn("could not check Kinesis stream {} at startup ({}); puts will retry", stream, e.toString());
        }
        sender.start();
        return this;
    }

    /** Why the publisher stopped for good, if it did: nothing more is sent. */
    public Optional<FatalKinesisError> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Queues a tick (partition key = symbol), blocking while the buffer is full.
     *
     * @throws IllegalStateException after {@link #close()}, or once the publisher stopped on a
     *         {@link FatalKinesisError} (its cause)
     */
    @Override
    public void accept(Tick tick) throws InterruptedException {
        requireRunning();
        OutgoingRecord record = new OutgoingRecord(OutgoingRecord.Kind.TICK, tick.getSymbol(), null, WireCodec.encode(tick));
        waitingToEnter.incrementAndGet();
        try {
            // Not put(): a full buffer never drains once the sender has stopped on a fatal error.
            while (!queue.offer(record, 100, TimeUnit.MILLISECONDS)) {
                requireRunning();
            }
        } finally {
            waitingToEnter.decrementAndGet();
        }
    }

    /**
     * Queues a heartbeat for the shard whose hash range starts at {@code explicitHashKey}; false
     * (skipped) when the buffer is full or a tick is waiting to get in.
     */
    public boolean offerHeartbeat(Heartbeat heartbeat, String explicitHashKey) {
        if (closing || failure != null) {
            return false;
        }
        boolean queued = waitingToEnter.get() == 0 && queue.offer(new OutgoingRecord(OutgoingRecord.Kind.HEARTBEAT, heartbeat.getSource(),
                Objects.requireNonNull(explicitHashKey, "explicitHashKey"), WireCodec.encode(heartbeat)));
        if (!queued) {
            metrics.heartbeatsSkipped.incrementAndGet();
        }
        return queued;
    }

    private void requireRunning() {
        FatalKinesisError fatal = failure;
        if (fatal != null) {
            throw new IllegalStateException("the Kinesis publisher stopped: " + fatal.getMessage(), fatal);
        }
        if (closing) {
            throw new IllegalStateException("the Kinesis publisher is closed");
        }
    }

    /** Records queued or being put. */
    public int buffered() {
        return queue.size() + inFlight.get();
    }

    public int capacity() {
        return queue.remainingCapacity() + queue.size();
    }

    /** Stops accepting records and puts what is buffered, for at most the flush timeout. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        flushDeadlineNanos = System.nanoTime() + flushTimeout.toNanos();
        closing = true;
        try {
            sender.join(flushTimeout.toMillis() + 5_000);
            if (sender.isAlive()) {
                sender.interrupt();
                sender.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int lost = queue.size();
        if (failure != null) {
            metrics.recordsDropped.addAndGet(lost); // slipped in while the sender stopped
            LOG.info("Kinesis publisher closed after a fatal error");
        } else if (lost > 0) {
            metrics.recordsDropped.addAndGet(lost);
            LOG.error("Kinesis flush did not finish within {}: {} records were not sent", flushTimeout, lost);
        } else {
            LOG.info("Kinesis publisher flushed and closed");
        }
    }

    private void sendLoop() {
        try {
            while (true) {
                OutgoingRecord first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing) {
                        return;
                    }
                    continue;
                }
                List<OutgoingRecord> batch = batcher.next(first, queue);
                inFlight.set(batch.size());
                try {
                    putUntilStored(batch);
                } finally {
                    inFlight.set(0);
                }
                if (failure != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // close() gave up waiting for the flush
        }
    }

    /** Puts a batch, resending failed records, until all are stored (or the close deadline passes). */
    private void putUntilStored(List<OutgoingRecord> batch) throws InterruptedException {
        List<OutgoingRecord> pending = batch;
        int attempt = 0;
        while (!pending.isEmpty()) {
            if (attempt > 0) {
                if (closing && System.nanoTime() > flushDeadlineNanos) {
                    metrics.recordsDropped.addAndGet(pending.size());
                    LOG.error("giving up on {} records at shutdown: Kinesis did not take them before the flush timeout", pending.size());
                    return;
                }
                metrics.recordsRetried.addAndGet(pending.size());
                Thread.sleep(retryBackoff.delay(attempt).toMillis());
            }
            attempt++;
            try {
                List<PutRecordsRequestEntry> entries = entries(pending);
                PutRecordsResponse response = client.putRecords(b -> b.streamName(stream).records(entries));
                metrics.putRecordsCalls.incrementAndGet();
                PutOutcome outcome = PutOutcome.of(pending, response);
                acknowledge(outcome.stored());
                ShardDirectory directory = shards;
                if (directory != null) {
                    directory.noteShards(outcome.shardIds());
                }
                if (outcome.throughputExceeded() > 0) {
                    metrics.throughputExceeded.addAndGet(outcome.throughputExceeded());
                }
                if (!outcome.failed().isEmpty() && shouldLog(attempt)) {
                    LOG.warn("{} of {} records were not stored ({}); resending only those (attempt {})",
                            outcome.failed().size(), pending.size(), outcome.firstError(), attempt);
                }
                pending = outcome.failed();
            } catch (ProvisionedThroughputExceededException e) {
                metrics.throughputExceeded.incrementAndGet();
                if (shouldLog(attempt)) {
                    LOG.warn("Kinesis throttled a put of {} records (ProvisionedThroughputExceeded); retrying (attempt {})",
                            pending.size(), attempt);
                }
            } catch (InvalidArgumentException e) {
                metrics.recordsDropped.addAndGet(pending.size());
                LOG.error("Kinesis refused {} records as invalid; they are dropped: {}", pending.size(), e.getMessage());
                return;
            } catch (SdkException e) {
                Optional<FatalKinesisError> fatal = FatalKinesisError.classify(e, stream);
                if (fatal.isPresent()) {
                    stop(fatal.get(), pending);
                    return;
                }
                if (shouldLog(attempt)) {
                    LOG.warn("putting {} records to {} failed ({}); retrying (attempt {})", pending.size(), stream, e.toString(), attempt);
                }
            } catch (RuntimeException e) {
                // Not an SDK failure, so a bug; the sender must not die of it (accept() would then block forever).
                if (shouldLog(attempt)) {
                    LOG.error("putting {} records to {} failed unexpectedly; retrying (attempt {})", pending.size(), stream, attempt, e);
                }
            }
        }
    }

    /** Stops sending for good: what is pending or buffered cannot reach the stream. */
    private void stop(FatalKinesisError error, List<OutgoingRecord> pending) {
        failure = error; // first: accept() stops adding before the buffer is emptied
        List<OutgoingRecord> buffered = new ArrayList<>();
        queue.drainTo(buffered);
        int lost = pending.size() + buffered.size();
        metrics.recordsDropped.addAndGet(lost);
        LOG.error("{}; the Kinesis publisher stopped ({} records not sent)", error.getMessage(), lost);
    }

    private static boolean shouldLog(int attempt) {
        return attempt == 1 || attempt % LOG_EVERY_FAILURES == 0;
    }

    private void acknowledge(List<OutgoingRecord> stored) {
        long ticks = 0;
        long heartbeats = 0;
        for (OutgoingRecord r : stored) {
            if (r.kind() == OutgoingRecord.Kind.TICK) {
                ticks++;
            } else {
                heartbeats++;
            }
        }
        metrics.ticksPublished.addAndGet(ticks);
        metrics.heartbeatsPublished.addAndGet(heartbeats);
    }

    private static List<PutRecordsRequestEntry> entries(List<OutgoingRecord> records) {
        List<PutRecordsRequestEntry> entries = new ArrayList<>(records.size());
        for (OutgoingRecord r : records) {
            entries.add(PutRecordsRequestEntry.builder()
                    .partitionKey(r.partitionKey())
                    .explicitHashKey(r.explicitHashKey())
                    .data(SdkBytes.fromByteArrayUnsafe(r.data()))
                    .build());
        }
        return entries;
    }

    @Override
    public String toString() {
        return "KinesisPublisher[" + stream + ", buffered " + buffered() + "]";
    }

    /** Settings with the defaults of {@code ProducerConfig.DEFAULTS_JSON}. */
    public static final class Builder {
        private KinesisClient client;
        private String stream;
        private int bufferRecords = 20_000;
        private int maxBatchRecords = PutRecordsBatcher.MAX_RECORDS;
        private Backoff retryBackoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 2);
        private Duration flushTimeout = Duration.ofSeconds(30);
        private ProducerMetrics metrics = new ProducerMetrics();

        private Builder() {
        }

        public Builder client(KinesisClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        public Builder stream(String stream) {
            this.stream = Objects.requireNonNull(stream, "stream");
            return this;
        }

        /** Records the buffer holds before {@link #accept} blocks; default 20,000. */
        public Builder bufferRecords(int records) {
            if (records < 1) {
                throw new IllegalArgumentException("bufferRecords must be >= 1, was " + records);
            }
            this.bufferRecords = records;
            return this;
        }

        /** Records per PutRecords call, 1..500; default 500 (1 for a one-record-per-call baseline). */
        public Builder maxBatchRecords(int records) {
            this.maxBatchRecords = records;
            return this;
        }

        /** Real-time backoff between attempts of one request. */
        public Builder retryBackoff(Backoff backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        public Builder flushTimeout(Duration timeout) {
            this.flushTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder metrics(ProducerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public KinesisPublisher build() {
            if (client == null || stream == null) {
                throw new IllegalStateException("a KinesisPublisher needs a client and a stream");
            }
            return new KinesisPublisher(this);
        }
    }
}
