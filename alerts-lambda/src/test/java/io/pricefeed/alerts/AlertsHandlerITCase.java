package io.pricefeed.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.WireCodec;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.LocalAwsSettings;
import io.pricefeed.standins.PipelineResources;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The handler against DynamoDB Local (de-dup), WireMock (SNS) and GreenMail (SMTP). */
@LocalAws
class AlertsHandlerITCase {
    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:pricefeed-alerts";
    private static final long BAR = 1_773_114_300_000L; // 2026-03-10 09:15 IST
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(BAR + 600_000), ZoneOffset.UTC);
    private static final String PUBLISH_OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>m-1</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>";
    private static final AtomicInteger TABLES = new AtomicInteger();

    @RegisterExtension
    static WireMockExtension sns = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private AlertDeduplicator dedup;
    private DynamoDbLocal dynamo;

    @BeforeEach
    void setUp(DynamoDbLocal dynamo) {
        this.dynamo = dynamo;
        String table = "alert-dedup-" + TABLES.incrementAndGet();
        dynamo.createTable(PipelineResources.alertDedupTable(table));
        dedup = new AlertDeduplicator(dynamo.client(), table, Duration.ofDays(7), CLOCK);
        sns.stubFor(post(urlEqualTo("/")).willReturn(aResponse().withStatus(200).withBody(PUBLISH_OK)));
    }

    private AlertsHandler snsHandler(int digestThreshold) {
        SnsClient client = SnsClient.builder().endpointOverride(URI.create(sns.baseUrl()))
                .region(LocalAwsSettings.REGION).credentialsProvider(LocalAwsSettings.credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
        return new AlertsHandler(dedup, new SnsNotifier(client, TOPIC), digestThreshold, CLOCK);
    }

    private static Anomaly anomaly(String symbol, double pct) {
        Map<String, Double> ctx = new LinkedHashMap<>();
        ctx.put("price", 1092.4 * (1 + pct / 100));
        ctx.put("prevClose", 1092.4);
        return new Anomaly(Anomaly.stableId(symbol, AnomalyRule.PRICE_MOVE, "2026-03-10|" + pct), symbol,
                AnomalyRule.PRICE_MOVE, Severity.HIGH, BAR + 5_000, BAR, Timeframe.M1, pct, 5.0,
                symbol.substring(4, symbol.length() - 3) + " moved " + pct + "% vs previous close 1092.40", ctx);
    }

    private static KinesisEvent event(List<byte[]> payloads) {
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            KinesisEvent.Record k = new KinesisEvent.Record();
            k.setSequenceNumber("4959000000000000000000000000000000000000000000000000000" + (100 + i));
            k.setPartitionKey("p");
            k.setData(ByteBuffer.wrap(payloads.get(i)));
            KinesisEvent.KinesisEventRecord r = new KinesisEvent.KinesisEventRecord();
            r.setKinesis(k);
            records.add(r);
        }
        KinesisEvent e = new KinesisEvent();
        e.setRecords(records);
        return e;
    }

    private static KinesisEvent eventOf(Anomaly... anomalies) {
        List<byte[]> payloads = new ArrayList<>();
        for (Anomaly a : anomalies) {
            payloads.add(WireCodec.encode(a));
        }
        return event(payloads);
    }

    /** The Publish calls WireMock received, as form fields. */
    private static List<Map<String, String>> publishes() {
        return sns.findAll(postRequestedFor(urlEqualTo("/"))).stream().map(AlertsHandlerITCase::form)
                .filter(f -> "Publish".equals(f.get("Action"))).collect(Collectors.toList());
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static List<String> failed(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toList());
    }

    @Test
    void eachAnomalyIsPublishedToTheTopicWithAReadableSubjectAndBody() {
        StreamsEventResponse response = snsHandler(5).handleRequest(eventOf(anomaly("NSE:SBIN-EQ", 5.31), anomaly("NSE:TCS-EQ", -7.6)), null);

        assertThat(failed(response)).isEmpty();
        List<Map<String, String>> publishes = publishes();
        assertThat(publishes).hasSize(2);
        assertThat(publishes.get(0)).containsEntry("TopicArn", TOPIC)
                .containsEntry("Subject", "[Pricefeed] NSE:SBIN-EQ +5.3% vs prev close (HIGH)");
        assertThat(publishes.get(0).get("Message")).startsWith("SBIN moved 5.31% vs previous close 1092.40")
                .contains("Prev close: 1092.40").contains("./pricefeed bars NSE:SBIN-EQ --tf 1m --last 20");
        assertThat(publishes.get(1).get("Subject")).isEqualTo("[Pricefeed] NSE:TCS-EQ -7.6% vs prev close (HIGH)");
    }

    @Test
    void aRedeliveredBatchSendsNothingNew() {
        KinesisEvent batch = eventOf(anomaly("NSE:SBIN-EQ", 5.31), anomaly("NSE:TCS-EQ", -7.6));
        AlertsHandler handler = snsHandler(5);
        handler.handleRequest(batch, null);
        StreamsEventResponse again = handler.handleRequest(batch, null);

        assertThat(failed(again)).isEmpty();
        assertThat(publishes()).hasSize(2);
    }

    @Test
    void aPoisonRecordIsSkippedWhileTheRestAreSent() {
        KinesisEvent batch = event(List.of(
                "{not json".getBytes(StandardCharsets.UTF_8),
                WireCodec.encode(anomaly("NSE:SBIN-EQ", 5.31)),
                "{\"type\":\"tick\",\"symbol\":\"NSE:SBIN-EQ\"}".getBytes(StandardCharsets.UTF_8)));

        StreamsEventResponse response = snsHandler(5).handleRequest(batch, null);

        assertThat(failed(response)).as("a poison record would never succeed on retry").isEmpty();
        assertThat(publishes()).singleElement().satisfies(p -> assertThat(p.get("Subject")).contains("NSE:SBIN-EQ"));
    }

    @Test
    void anSnsServerErrorRetriesExactlyThatRecordAndTheRetrySends() {
        sns.stubFor(post(urlEqualTo("/")).withRequestBody(containing("TCS-EQ"))
                .willReturn(aResponse().withStatus(500).withBody("<ErrorResponse><Error><Type>Receiver</Type>"
                        + "<Code>InternalFailure</Code><Message>boom</Message></Error><RequestId>r</RequestId></ErrorResponse>")));
        KinesisEvent batch = eventOf(anomaly("NSE:SBIN-EQ", 5.31), anomaly("NSE:TCS-EQ", -7.6), anomaly("NSE:INFY-EQ", 6.1));
        AlertsHandler handler = snsHandler(5);

        StreamsEventResponse response = handler.handleRequest(batch, null);

        String tcsSequence = batch.getRecords().get(1).getKinesis().getSequenceNumber();
        assertThat(failed(response)).containsExactly(tcsSequence);

        sns.stubFor(post(urlEqualTo("/")).withRequestBody(containing("TCS-EQ"))
                .willReturn(aResponse().withStatus(200).withBody(PUBLISH_OK)));
        assertThat(failed(handler.handleRequest(batch, null))).isEmpty();
        List<String> subjects = publishes().stream().map(p -> p.get("Subject")).collect(Collectors.toList());
        assertThat(subjects.stream().filter(s -> s.contains("TCS")).count())
                .as("the SDK retried the 500s, then the Lambda retry succeeded once").isGreaterThanOrEqualTo(2);
        assertThat(subjects.stream().filter(s -> s.contains("SBIN")).count()).as("never resent").isEqualTo(1);
        assertThat(subjects.stream().filter(s -> s.contains("INFY")).count()).isEqualTo(1);
    }

    @Test
    void moreAnomaliesThanTheThresholdBecomeOneDigest() {
        String[] symbols = {"NSE:SBIN-EQ", "NSE:TCS-EQ", "NSE:INFY-EQ", "NSE:ITC-EQ", "NSE:LT-EQ", "NSE:HDFCBANK-EQ"};
        List<Anomaly> anomalies = new ArrayList<>();
        for (int i = 0; i < symbols.length; i++) {
            anomalies.add(anomaly(symbols[i], 5 + i * 0.5));
        }

        StreamsEventResponse response = snsHandler(5).handleRequest(eventOf(anomalies.toArray(new Anomaly[0])), null);

        assertThat(failed(response)).isEmpty();
        assertThat(publishes()).singleElement().satisfies(p -> {
            assertThat(p.get("Subject")).startsWith("[Pricefeed] 6 anomalies, 6 HIGH: ");
            assertThat(p.get("Message")).contains("6 anomalies in one batch");
            for (String s : symbols) {
                assertThat(p.get("Message")).contains(s);
            }
        });
    }

    @Test
    void theSmtpNotifierMailsAndKeepsAnEmlCopy(@TempDir Path emlDir) throws Exception {
        Notifier mail = new SmtpNotifier("127.0.0.1", smtp.getSmtp().getPort(), "pricefeed@localhost", "trader@localhost",
                Optional.of(emlDir));
        AlertsHandler handler = new AlertsHandler(dedup, mail, 5, CLOCK);

        handler.handleRequest(eventOf(anomaly("NSE:SBIN-EQ", 5.31)), null);
        handler.handleRequest(eventOf(anomaly("NSE:SBIN-EQ", 5.31)), null);

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("[Pricefeed] NSE:SBIN-EQ +5.3% vs prev close (HIGH)");
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("trader@localhost");
        assertThat(received[0].getContent().toString()).contains("Value:      5.31% (threshold 5.00%)");
        try (var files = Files.list(emlDir)) {
            List<Path> eml = files.collect(Collectors.toList());
            assertThat(eml).singleElement().satisfies(f -> {
                assertThat(f.getFileName().toString()).endsWith(".eml");
                assertThat(Files.readString(f)).contains("Subject: [Pricefeed] NSE:SBIN-EQ +5.3% vs prev close (HIGH)");
            });
        }
    }

    @Test
    void aDedupTableOutageRetriesTheRecordsInsteadOfDroppingThem() {
        AlertDeduplicator missingTable = new AlertDeduplicator(dynamo.client(), "no-such-table", Duration.ofDays(7), CLOCK);
        AlertsHandler handler = new AlertsHandler(missingTable, email -> { }, 5, CLOCK);
        KinesisEvent batch = eventOf(anomaly("NSE:SBIN-EQ", 5.31));

        assertThat(failed(handler.handleRequest(batch, null)))
                .containsExactly(batch.getRecords().get(0).getKinesis().getSequenceNumber());
    }
}
