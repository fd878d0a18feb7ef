package io.pricefeed.local.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.pricefeed.alerts.AlertDeduplicator;
import io.pricefeed.alerts.AlertsHandler;
import io.pricefeed.alerts.SmtpNotifier;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.Kinesalite;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;

/** Anomalies put into kinesalite reach GreenMail through KCL and the alerts handler, once each. */
@LocalAws
class KclAlertsRunnerITCase {
    private static final long BAR = 1_773_114_300_000L;

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static Anomaly anomaly(String symbol, double pct) {
        return new Anomaly(Anomaly.stableId(symbol, AnomalyRule.PRICE_MOVE, "2026-03-10|" + pct), symbol,
                AnomalyRule.PRICE_MOVE, Severity.HIGH, BAR + 5_000, BAR, Timeframe.M1, pct, 5.0,
                symbol + " moved " + pct + "%", Map.of("prevClose", 100.0));
    }

    private static void put(Kinesalite kinesis, String stream, Anomaly a) {
        kinesis.client().putRecord(b -> b.streamName(stream).partitionKey(a.getSymbol())
                .data(SdkBytes.fromByteArray(WireCodec.encode(a))));
    }

    private static List<String> subjects() {
        return Arrays.stream(smtp.getReceivedMessages()).map(m -> {
            try {
                return ((MimeMessage) m).getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().collect(Collectors.toList());
    }

    @Test
    void anomaliesArriveAsOneMailEachAndARestartedRunnerDoesNotResend(Kinesalite kinesis, DynamoDbLocal dynamo) throws Exception {
        String stream = "anomalies-kcl";
        kinesis.createStream(stream, 1);
        dynamo.createTable(PipelineResources.alertDedupTable("dedup-kcl"));
        AlertsHandler handler = new AlertsHandler(
                new AlertDeduplicator(dynamo.client(), "dedup-kcl", Duration.ofDays(7), Clock.systemUTC()),
                new SmtpNotifier("127.0.0.1", smtp.getSmtp().getPort(), "pricefeed@localhost", "trader@localhost", Optional.empty()),
                5, Clock.systemUTC());

        put(kinesis, stream, anomaly("NSE:SBIN-EQ", 5.3));
        put(kinesis, stream, anomaly("NSE:TCS-EQ", -7.6));
        put(kinesis, stream, anomaly("NSE:SBIN-EQ", 5.3)); // the same anomaly delivered twice
        try (KclAlertsRunner runner = KclAlertsRunner.start(kinesis.endpoint(), dynamo.endpoint(), stream, "alerts-kcl-test", handler)) {
            assertThat(smtp.waitForIncomingEmail(60_000, 2)).as("two mails within a minute").isTrue();
        }
        assertThat(subjects()).containsExactly(
                "[Pricefeed] NSE:SBIN-EQ +5.3% vs prev close (HIGH)",
                "[Pricefeed] NSE:TCS-EQ -7.6% vs prev close (HIGH)");

        put(kinesis, stream, anomaly("NSE:INFY-EQ", 6.0));
        try (KclAlertsRunner restarted = KclAlertsRunner.start(kinesis.endpoint(), dynamo.endpoint(), stream, "alerts-kcl-test", handler)) {
            assertThat(smtp.waitForIncomingEmail(60_000, 3)).isTrue();
        }
        assertThat(subjects()).hasSize(3).contains("[Pricefeed] NSE:INFY-EQ +6.0% vs prev close (HIGH)");
    }
}
