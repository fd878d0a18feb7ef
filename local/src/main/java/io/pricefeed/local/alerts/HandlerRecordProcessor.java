package io.pricefeed.local.alerts;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.pricefeed.alerts.AlertsHandler;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.exceptions.InvalidStateException;
import software.amazon.kinesis.exceptions.ShutdownException;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ProcessRecordsInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.processor.RecordProcessorCheckpointer;
import software.amazon.kinesis.processor.ShardRecordProcessor;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * One shard's records to the alerts handler, with Lambda's partial-batch semantics: the
 * checkpoint never passes a failed record, and the batch is retried from the first failure
 * (with backoff) until it succeeds; the de-dup table keeps the retried successes from mailing twice.
 */
final class HandlerRecordProcessor implements ShardRecordProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(HandlerRecordProcessor.class);
    private static final long MAX_BACKOFF_MS = 5_000;

    private final AlertsHandler handler;
    private final AtomicLong handled;
    private volatile boolean stopping;
    private String shardId;

    /** {@code handled} counts the records whose batch has gone through the handler without a failure. */
    HandlerRecordProcessor(AlertsHandler handler, AtomicLong handled) {
        this.handler = handler;
        this.handled = handled;
    }

    @Override
    public void initialize(InitializationInput input) {
        shardId = input.shardId();
    }

    @Override
    public void processRecords(ProcessRecordsInput input) {
        List<KinesisClientRecord> batch = input.records();
        int records = batch.size();
        long backoff = 200;
        while (!batch.isEmpty() && !stopping) {
            StreamsEventResponse response = handler.handleRequest(KinesisEventBatch.of(batch), null);
            int firstFailed = firstFailed(batch, response);
            if (firstFailed > 0) {
                checkpoint(input.checkpointer(), batch.get(firstFailed - 1).sequenceNumber());
            }
            if (firstFailed < 0) {
                checkpoint(input.checkpointer(), batch.get(batch.size() - 1).sequenceNumber());
                handled.addAndGet(records);
                return;
            }
            batch = batch.subList(firstFailed, batch.size());
            LOG.warn("{}: {} record(s) failed; retrying from {} in {} ms", shardId,
                    response.getBatchItemFailures().size(), batch.get(0).sequenceNumber(), backoff);
            try {
                Thread.sleep(backoff); // retry backoff, as Lambda's own retries would wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
        }
    }

    private static int firstFailed(List<KinesisClientRecord> batch, StreamsEventResponse response) {
        if (response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            return -1;
        }
        Set<String> failed = new HashSet<>();
        response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        for (int i = 0; i < batch.size(); i++) {
            if (failed.contains(batch.get(i).sequenceNumber())) {
                return i;
            }
        }
        return -1;
    }

    private void checkpoint(RecordProcessorCheckpointer checkpointer, String sequenceNumber) {
        try {
            checkpointer.checkpoint(sequenceNumber);
        } catch (ShutdownException | InvalidStateException e) {
            // The lease moved on; whoever holds it resumes from the last checkpoint.
            LOG.info("{}: checkpoint at {} skipped: {}", shardId, sequenceNumber, e.getMessage());
        }
    }

    @Override
    public void leaseLost(LeaseLostInput input) {
        stopping = true;
    }

    @Override
    public void shardEnded(ShardEndedInput input) {
        try {
            input.checkpointer().checkpoint();
        } catch (ShutdownException | InvalidStateException e) {
            LOG.info("{}: final checkpoint skipped: {}", shardId, e.getMessage());
        }
    }

    @Override
    public void shutdownRequested(ShutdownRequestedInput input) {
        stopping = true;
    }
}
