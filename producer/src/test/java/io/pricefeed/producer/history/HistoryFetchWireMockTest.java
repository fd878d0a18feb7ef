package io.pricefeed.producer.history;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.SimPacedClock;
import io.pricefeed.producer.fyers.AccessTokenSource;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.fyers.LoginRequiredException;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.sim.SimClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill's fetch stage against WireMock serving the shared Fyers fixtures: chunking (the
 * -50 of an over-long range is stubbed for every request but must never be earned), no_data,
 * -300 and -429. The clock runs 1000x so the 65 s rate-limit pause takes 65 ms.
 */
class HistoryFetchWireMockTest {
    private static final String CLIENT_ID = "XC4XXXXM-100";
    private static final String SBIN = "NSE:SBIN-EQ";

    @TempDir
    Path dir;
    private WireMockServer fyers;
    private SimClock clock;
    private PacedClock pacer;
    private ProducerMetrics metrics;
    private HistoryStage stage;
    private HistoryFetch fetch;

    @BeforeEach
    void start() {
        fyers = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        fyers.start();
        // Any history request nobody expects is over-long: Fyers' -50.
        fyers.stubFor(get(urlPathEqualTo("/data/history")).atPriority(10).willReturn(reply(400, "error_invalid_input.json")));
        startFetchAt("2026-06-01T10:00");
    }

    private void startFetchAt(String ist) {
        clock = SimClock.accelerated(SimClock.ist(ist), 1000);
        pacer = SimPacedClock.of(clock);
        metrics = new ProducerMetrics();
        RequestBudget budget = RequestBudget.builder().clock(pacer.clock()).build();
        FyersClient client = FyersClient.builder().dataBaseUrl(URI.create(fyers.baseUrl() + "/data")).clientId(CLIENT_ID)
                .tokens(new FixedToken()).budget(budget).pacer(pacer).requestTimeout(Duration.ofSeconds(2)).metrics(metrics).build();
        stage = new HistoryStage(dir.resolve("staging"));
        fetch = new HistoryFetch(client, stage, pacer, TradingCalendar.nse(), metrics,
                new Backoff(Duration.ofMillis(10), Duration.ofMillis(50), 1));
    }

    @AfterEach
    void stop() {
        fyers.stop();
    }

    @Test
    void minuteHistoryIsAskedInChunksOfAtMost100DaysAndNoDataIsAnEmptyChunk() throws Exception {
        historyReply(SBIN, "2025-10-01", "2026-01-08", 200, "history_no_data.json");
        historyReply(SBIN, "2026-01-09", "2026-03-31", 200, "history_ok.json");

        List<HistoryChunk> plan = fetch.plan(List.of(SBIN), "1", LocalDate.parse("2025-10-01"), LocalDate.parse("2026-03-31"));
        FetchProgress progress = new FetchProgress();
        List<HistoryChunk> staged = fetch.run(plan, progress);

        assertThat(staged).containsExactly(
                new HistoryChunk(SBIN, "1", LocalDate.parse("2025-10-01"), LocalDate.parse("2026-01-08")),
                new HistoryChunk(SBIN, "1", LocalDate.parse("2026-01-09"), LocalDate.parse("2026-03-31")));
        assertThat(longestRange()).isLessThanOrEqualTo(100);
        assertThat(fyers.getAllServeEvents()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(200));
        assertThat(Files.readString(stage.file(staged.get(0)))).isEmpty();
        assertThat(Files.readAllLines(stage.file(staged.get(1)))).containsExactly(
                "NSE:SBIN-EQ,1,1773114300,1094.0,1096.4,1092.1,1095.85,612340",
                "NSE:SBIN-EQ,1,1773114600,1095.85,1097.2,1094.6,1096.9,418775",
                "NSE:SBIN-EQ,1,1773114900,1096.9,1099.0,1096.35,1098.2,390112",
                "NSE:SBIN-EQ,1,1773115200,1098.2,1101.2,1097.75,1100.45,455903");
        assertThat(progress.chunksEmpty()).isEqualTo(1);
        assertThat(progress.candles()).isEqualTo(4);
        assertThat(fetch.calls()).isEqualTo(2);

        // A second run finds both chunks staged and asks nothing.
        FetchProgress again = new FetchProgress();
        assertThat(fetch.run(plan, again)).isEqualTo(staged);
        assertThat(again.chunksResumed()).isEqualTo(2);
        assertThat(fetch.calls()).isEqualTo(2);
    }

    @Test
    void dailyHistoryIsAskedInChunksOfAtMost366Days() throws Exception {
        historyReply(SBIN, "2024-09-01", "2025-09-01", 200, "history_no_data.json", "D");
        historyReply(SBIN, "2025-09-02", "2026-03-31", 200, "history_no_data.json", "D");
        List<HistoryChunk> plan = fetch.plan(List.of(SBIN), "D", LocalDate.parse("2024-09-01"), LocalDate.parse("2026-03-31"));
        fetch.run(plan, new FetchProgress());
        assertThat(plan).hasSize(2);
        assertThat(longestRange()).isEqualTo(366);
        assertThat(fyers.getAllServeEvents()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo(200));
    }

    @Test
    void anInvalidSymbolIsSkippedAndReportedAndTheOthersGoOn() throws Exception {
        String bad = "NSE:NOTASTOCK-EQ";
        fyers.stubFor(get(urlPathEqualTo("/data/history")).withQueryParam("symbol", equalTo(bad)).atPriority(1)
                .willReturn(reply(400, "error_invalid_symbol.json")));
        historyReply(SBIN, "2025-10-01", "2026-01-08", 200, "history_no_data.json");
        historyReply(SBIN, "2026-01-09", "2026-03-31", 200, "history_ok.json");

        List<HistoryChunk> plan = fetch.plan(List.of(bad, SBIN), "1", LocalDate.parse("2025-10-01"), LocalDate.parse("2026-03-31"));
        FetchProgress progress = new FetchProgress();
        List<HistoryChunk> staged = fetch.run(plan, progress);

        assertThat(staged).extracting(HistoryChunk::symbol).containsOnly(SBIN).hasSize(2);
        assertThat(progress.skippedSymbols()).containsOnlyKeys(bad);
        assertThat(progress.skippedSymbols().get(bad)).contains("-300");
        assertThat(progress.chunksDone()).isEqualTo(progress.chunksTotal()).isEqualTo(4);
        fyers.verify(1, getRequestedFor(urlPathEqualTo("/data/history")).withQueryParam("symbol", equalTo(bad)));
        assertThat(stage.isStaged(plan.get(0))).isFalse();
    }

    @Test
    void aRateLimitReplyWaitsForThePauseThenContinues() throws Exception {
        fyers.stubFor(get(urlPathEqualTo("/data/history")).atPriority(1).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(reply(429, "error_rate_limit.json")).willSetStateTo("over"));
        fyers.stubFor(get(urlPathEqualTo("/data/history")).atPriority(1).inScenario("limit")
                .whenScenarioStateIs("over").willReturn(reply(200, "history_ok.json")));

        List<HistoryChunk> plan = fetch.plan(List.of(SBIN), "1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
        long before = clock.now();
        FetchProgress progress = new FetchProgress();
        assertThat(fetch.run(plan, progress)).hasSize(1);

        assertThat(clock.now() - before).isGreaterThanOrEqualTo(Duration.ofSeconds(65).toMillis());
        assertThat(fetch.calls()).isEqualTo(2);
        assertThat(fetch.rateLimitWaits()).isEqualTo(1);
        assertThat(progress.candles()).isEqualTo(4);
    }

    @Test
    void onlyCompletedSessionsAreAskedFor() {
        startFetchAt("2026-03-10T12:00"); // 10 March's session is still open
        List<HistoryChunk> plan = fetch.plan(List.of(SBIN), "1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-10"));
        assertThat(plan).containsExactly(new HistoryChunk(SBIN, "1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-09")));
        assertThat(fetch.plan(List.of(SBIN), "1", LocalDate.parse("2026-03-10"), LocalDate.parse("2026-03-10"))).isEmpty();
    }

    @Test
    void anExpiredLoginStopsTheFetch() {
        fyers.stubFor(get(urlPathEqualTo("/data/history")).atPriority(1).willReturn(reply(401, "error_token_expired.json")));
        List<HistoryChunk> plan = fetch.plan(List.of(SBIN), "1", LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));
        assertThatThrownBy(() -> fetch.run(plan, new FetchProgress()))
                .isInstanceOf(LoginRequiredException.class).hasMessageContaining("Fyers login required");
        assertThat(stage.isStaged(plan.get(0))).isFalse();
    }

    private void historyReply(String symbol, String from, String to, int status, String fixture) {
        historyReply(symbol, from, to, status, fixture, "1");
    }

    private void historyReply(String symbol, String from, String to, int status, String fixture, String resolution) {
        fyers.stubFor(get(urlPathEqualTo("/data/history")).atPriority(1)
                .withQueryParam("symbol", equalTo(symbol)).withQueryParam("resolution", equalTo(resolution))
                .withQueryParam("date_format", equalTo("1"))
                .withQueryParam("range_from", equalTo(from)).withQueryParam("range_to", equalTo(to))
                .willReturn(reply(status, fixture)));
    }

    /** The longest range (days, inclusive) of any history request sent. */
    private long longestRange() {
        return fyers.findAll(getRequestedFor(urlPathEqualTo("/data/history"))).stream()
                .mapToLong(HistoryFetchWireMockTest::days).max().orElse(0);
    }

    private static long days(LoggedRequest r) {
        return LocalDate.parse(r.queryParameter("range_to").firstValue()).toEpochDay()
                - LocalDate.parse(r.queryParameter("range_from").firstValue()).toEpochDay() + 1;
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder reply(int status, String fixture) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(fixture(fixture));
    }

    private static String fixture(String name) {
        try (InputStream in = HistoryFetchWireMockTest.class.getResourceAsStream("/fyers/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final class FixedToken implements AccessTokenSource {
        @Override
        public String accessToken() {
            return "access-token-1";
        }

        @Override
        public boolean renewAfterRejection(String rejectedToken, FyersApiException cause) {
            return false;
        }
    }
}
