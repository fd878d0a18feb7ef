package io.pricefeed.alerts;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.DecodeResult;
import io.pricefeed.model.WireCodec;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/**
 * The alerts Lambda: a batch of anomaly records from the {@code anomalies} stream to emails.
 *
 * <ul>
 *   <li>A record that is not a valid anomaly is logged with its sequence number and skipped: it
 *       would fail on every retry and block the shard.</li>
 *   <li>Each anomaly id is claimed in the de-dup table before sending; an id claimed before is
 *       not mailed again. If sending fails, the claim is undone and the record is returned in
 *       {@code batchItemFailures}, so Lambda retries just that part of the batch.</li>
 *   <li>More new anomalies than the digest threshold become one digest mail.</li>
 * </ul>
 */
public class AlertsHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(AlertsHandler.class);

    private final AlertDeduplicator dedup;
    private final Notifier notifier;
    private final int digestThreshold;
    private final Clock clock;

    /** The Lambda runtime's entry point: everything from the environment. */
    public AlertsHandler() {
        this(AlertConfig.from(System.getenv()));
    }

    public AlertsHandler(AlertConfig config) {
        this(new AlertDeduplicator(dynamo(config), config.dedupTable(), Duration.ofDays(config.dedupTtlDays()),
                Clock.systemUTC()), notifier(config), config.digestThreshold(), Clock.systemUTC());
    }

    public AlertsHandler(AlertDeduplicator dedup, Notifier notifier, int digestThreshold, Clock clock) {
        this.dedup = dedup;
        this.notifier = notifier;
        this.digestThreshold = digestThreshold;
        this.clock = clock;
    }

    /** One anomaly of the batch with the record it came in. */
    private static final class Claimed {
        final Anomaly anomaly;
        final String sequenceNumber;

        Claimed(Anomaly anomaly, String sequenceNumber) {
            this.anomaly = anomaly;
            this.sequenceNumber = sequenceNumber;
        }
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        List<Claimed> toSend = new ArrayList<>();
        int skipped = 0;
        int duplicates = 0;
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String seq = record.getKinesis().getSequenceNumber();
            DecodeResult decoded = WireCodec.decode(bytes(record.getKinesis().getData()), clock.millis());
            if (!decoded.isAnomaly()) {
                skipped++;
                LOG.warn("skipping record {}: {}", seq, decoded.isAccepted()
                        ? "a " + decoded.record().getClass().getSimpleName() + " is not an anomaly" : decoded.rejection());
                continue;
            }
            Anomaly anomaly = decoded.anomaly();
            try {
                if (dedup.claim(anomaly.getId())) {
                    toSend.add(new Claimed(anomaly, seq));
                } else {
                    duplicates++;
                }
            } catch (SdkException e) {
                LOG.warn("could not check anomaly {} (record {}) against the de-dup table; it will be retried: {}",
                        anomaly.getId(), seq, e.toString());
                failures.add(new StreamsEventResponse.BatchItemFailure(seq));
            }
        }

        int sent = 0;
        if (toSend.size() > digestThreshold) {
            if (send(AlertEmail.digest(toSend.stream().map(c -> c.anomaly).collect(Collectors.toList())), toSend, failures)) {
                sent = toSend.size();
            }
        } else {
            for (Claimed c : toSend) {
                if (send(AlertEmail.of(c.anomaly), List.of(c), failures)) {
                    sent++;
                }
            }
        }
        LOG.info("batch of {}: {} mailed{}, {} already mailed, {} skipped, {} to retry", event.getRecords().size(), sent,
                toSend.size() > digestThreshold ? " in one digest" : "", duplicates, skipped, failures.size());
        return new StreamsEventResponse(failures);
    }

    /** Sends one mail for {@code covered}; on failure releases their claims and marks them for retry. */
    private boolean send(AlertEmail email, List<Claimed> covered, List<StreamsEventResponse.BatchItemFailure> failures) {
        try {
            notifier.send(email);
            return true;
        } catch (NotifierException e) {
            LOG.warn("alert '{}' was not sent ({}): {}", email.subject(), e.isRetryable() ? "retryable" : "not retryable",
                    e.getMessage());
            for (Claimed c : covered) {
                try {
                    dedup.release(c.anomaly.getId());
                } catch (SdkException releaseFailed) {
                    // The retry will see the id as mailed; say so loudly rather than lose it silently.
                    LOG.error("anomaly {} was NOT mailed and its de-dup claim could not be undone: {}",
                            c.anomaly.getId(), releaseFailed.toString());
                }
                failures.add(new StreamsEventResponse.BatchItemFailure(c.sequenceNumber));
            }
            return false;
        }
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    private static DynamoDbClient dynamo(AlertConfig config) {
        DynamoDbClientBuilder b = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create());
        config.dynamoDbEndpoint().ifPresent(b::endpointOverride);
        return b.build();
    }

    private static Notifier notifier(AlertConfig config) {
        if (config.notifier() == AlertConfig.NotifierKind.SMTP) {
            return new SmtpNotifier(config.smtpHost(), config.smtpPort(), config.smtpFrom(), config.smtpTo(), config.emlDir());
        }
        SnsClientBuilder b = SnsClient.builder().httpClient(UrlConnectionHttpClient.create());
        config.snsEndpoint().ifPresent(b::endpointOverride);
        return new SnsNotifier(b.build(), config.snsTopicArn());
    }
}
