package io.pricefeed.bench.latency;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.pricefeed.alerts.AlertDeduplicator;
import io.pricefeed.alerts.AlertsHandler;
import io.pricefeed.alerts.SmtpNotifier;
import io.pricefeed.local.alerts.KclAlertsRunner;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAwsStack;
import io.pricefeed.standins.PipelineResources;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The alerts path as the demo runs it locally: a KCL consumer ({@link KclAlertsRunner}) on the
 * {@code anomalies} stream handing batches to the Lambda's own {@link AlertsHandler} (de-duplication in
 * DynamoDB Local's {@code alert-dedup}, the Lambda's default digest threshold), which mails through
 * {@link SmtpNotifier} to an embedded GreenMail SMTP server. A mail counts as received when a poll of
 * GreenMail's inbox first returns it.
 *
 * <p><b>Minute end -> alert email</b> (no goal): a planted surge's mail is the first one whose subject or
 * body names its anomaly id (a single alert's body ends with {@code Anomaly id <id>}; a digest lists
 * {@code Ids:}); its latency is the poll that first returned it minus the bar's end.
 */
final class AlertMailPath implements AutoCloseable {
    static final String PROBE_ID_PREFIX = "bench-kcl-probe-";
    private static final String APPLICATION = "latency-bench-alerts";
    /** The Lambda's default (AlertConfig: ALERTS_DIGEST_THRESHOLD). */
    static final int DIGEST_THRESHOLD = 5;
    /** How often the inbox is polled: a mail's receipt time is the poll that first returned it. */
    static final long INBOX_POLL_MS = 50;

    /** One mail and when a poll first saw it. */
    record Mail(long receivedAt, String text) {
    }

    private final GreenMail smtp;
    private final KclAlertsRunner runner;
    private final LocalAwsStack stack;
    private final List<Mail> mails = new ArrayList<>();

    private AlertMailPath(GreenMail smtp, KclAlertsRunner runner, LocalAwsStack stack) {
        this.smtp = smtp;
        this.runner = runner;
        this.stack = stack;
    }

    static AlertMailPath start(LocalAwsStack stack) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        AlertsHandler handler = new AlertsHandler(
                new AlertDeduplicator(stack.dynamo().client(), PipelineResources.ALERT_DEDUP_TABLE, Duration.ofDays(7), Clock.systemUTC()),
                new SmtpNotifier("127.0.0.1", smtp.getSmtp().getPort(), "pricefeed@localhost", "trader@localhost", Optional.empty()),
                DIGEST_THRESHOLD, Clock.systemUTC());
        KclAlertsRunner runner = KclAlertsRunner.start(stack.kinesis().endpoint(), stack.dynamo().endpoint(),
                PipelineResources.ANOMALIES_STREAM, APPLICATION, handler);
        return new AlertMailPath(smtp, runner, stack);
    }

    /**
     * KCL's warm-up, kept out of the figures: puts one probe anomaly on the stream and polls the inbox
     * until its mail is there (KCL takes its first lease 10-30 s after start). Returns how long it took.
     */
    long awaitFirstMail(Duration timeout) throws Exception {
        long t0 = System.currentTimeMillis();
        String id = PROBE_ID_PREFIX + t0;
        Anomaly probe = new Anomaly(id, "NSE:PROBE-EQ", AnomalyRule.PRICE_MOVE, Severity.LOW, t0, t0 - t0 % 60_000,
                Timeframe.M1, 5.0, 5.0, "latency bench: KCL warm-up probe", Map.of());
        try (KinesisClient kinesis = Kinesalite.newClient(stack.kinesis().endpoint())) {
            kinesis.putRecord(b -> b.streamName(ResourceNames.ANOMALIES_STREAM).partitionKey(probe.getSymbol())
                    .data(SdkBytes.fromByteArrayUnsafe(WireCodec.encode(probe))));
        }
        while (firstMailContaining(id) == null) {
            if (System.currentTimeMillis() - t0 > timeout.toMillis()) {
                throw new IllegalStateException("no alert mail for the KCL probe within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(INBOX_POLL_MS); // polling the inbox is the measurement
            poll();
        }
        return firstMailContaining(id) - t0;
    }

    /** The inbox observer: polls every {@value #INBOX_POLL_MS} ms while {@code running}. */
    void pollWhile(BooleanSupplier running) throws Exception {
        while (running.getAsBoolean()) {
            poll();
            Thread.sleep(INBOX_POLL_MS); // polling the inbox is the measurement
        }
    }

    /** Records the mails that arrived since the last poll, with now as their receipt time. */
    void poll() throws Exception {
        MimeMessage[] received = smtp.getReceivedMessages();
        long now = System.currentTimeMillis();
        synchronized (mails) {
            for (int i = mails.size(); i < received.length; i++) {
                MimeMessage m = received[i];
                Object content = m.getContent();
                mails.add(new Mail(now, m.getSubject() + "\n" + (content instanceof String s ? s : GreenMailUtil.getBody(m))));
            }
        }
    }

    /** When the first mail that names this anomaly id (alone or in a digest) was received; null if none. */
    Long firstMailContaining(String anomalyId) {
        synchronized (mails) {
            for (Mail m : mails) {
                if (m.text().contains(anomalyId)) {
                    return m.receivedAt();
                }
            }
        }
        return null;
    }

    int mails() {
        synchronized (mails) {
            return mails.size();
        }
    }

    long recordsHandled() {
        return runner.recordsHandled();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            runner.close();
        } finally {
            smtp.stop();
        }
    }
}
