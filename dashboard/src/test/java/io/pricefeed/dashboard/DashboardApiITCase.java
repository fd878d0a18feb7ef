package io.pricefeed.dashboard;

import static io.pricefeed.dashboard.TestMarket.INFY;
import static io.pricefeed.dashboard.TestMarket.MINUTE;
import static io.pricefeed.dashboard.TestMarket.OPEN;
import static io.pricefeed.dashboard.TestMarket.SBIN;
import static io.pricefeed.dashboard.TestMarket.TCS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON API over DynamoDB Local and a small lake: status codes, JSON shapes, bad parameters. */
@LocalAws
class DashboardApiITCase {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int FINAL_BARS = 30;

    @TempDir
    static Path lake;
    private static DashboardServer server;

    record Reply(int status, String contentType, JsonNode json, String text) {
    }

    @BeforeAll
    static void start(DynamoDbLocal dynamo) {
        String table = "bars-api-" + TABLES.incrementAndGet();
        dynamo.createTable(PipelineResources.barsTable(table));
        TestMarket.putMinuteBars(dynamo.client(), table, FINAL_BARS);
        // The forming bar after the last final one, and a live item a final bar has since replaced.
        TestMarket.put(dynamo.client(), table, TestMarket.minuteBar(FINAL_BARS, false));
        TestMarket.writeLake(lake);
        server = DashboardServer.start(DashboardServer.LOOPBACK, 0, dynamo.client(), table, lake);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Reply get(String pathAndQuery) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(server.url().resolve(pathAndQuery)).build());
    }

    private static Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = type.startsWith("application/json") ? JSON.readTree(response.body()) : null;
        return new Reply(response.statusCode(), type, json, response.body());
    }

    private static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<Long> starts(JsonNode bars) {
        List<Long> starts = new ArrayList<>();
        bars.forEach(b -> starts.add(b.get("barStart").asLong()));
        return starts;
    }

    private static List<Long> minutes(int from, int to) {
        List<Long> starts = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            starts.add(OPEN + i * MINUTE);
        }
        return starts;
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(server.url().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/");
    }

    @Test
    void symbolsAreThoseOfDynamoDbAndTheLakeSorted() throws Exception {
        Reply reply = get("/api/symbols");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.text()).isEqualTo("{\"symbols\":[\"" + INFY + "\",\"" + SBIN + "\",\"" + TCS + "\"]}");
    }

    @Test
    void barsWithoutARangeAreTheNewestFinalOnesThenTheFormingBar() throws Exception {
        Reply reply = get("/api/bars?symbol=" + q(SBIN) + "&tf=1m");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("symbol").asText()).isEqualTo(SBIN);
        assertThat(reply.json().get("timeframe").asText()).isEqualTo("1m");
        JsonNode bars = reply.json().get("bars");
        assertThat(starts(bars)).isEqualTo(minutes(0, FINAL_BARS));
        JsonNode first = bars.get(0);
        assertThat(JSON.writeValueAsString(first)).isEqualTo("{\"symbol\":\"NSE:SBIN-EQ\",\"timeframe\":\"1m\","
                + "\"barStart\":" + OPEN + ",\"barEnd\":" + (OPEN + MINUTE) + ",\"barStartIst\":\"2026-03-10T09:15:00+05:30\","
                + "\"barEndIst\":\"2026-03-10T09:16:00+05:30\",\"open\":1100.0,\"high\":1100.75,\"low\":1098.25,"
                + "\"close\":1098.75,\"vwap\":1099.375,\"volume\":1000,\"tickCount\":5,\"revision\":0,\"final\":true}");
        assertThat(bars.get(FINAL_BARS).get("final").asBoolean()).isFalse();
        assertThat(bars.get(FINAL_BARS - 1).get("final").asBoolean()).isTrue();
    }

    @Test
    void barsFromToAreThoseStartingInTheRangeAndTheFormingBarOnlyWhenInside() throws Exception {
        Reply inside = get("/api/bars?symbol=" + q(SBIN) + "&from=" + (OPEN + 10 * MINUTE) + "&to=" + (OPEN + 14 * MINUTE));
        Reply fromOnly = get("/api/bars?symbol=" + q(SBIN) + "&from=" + (OPEN + 28 * MINUTE));
        Reply limited = get("/api/bars?symbol=" + q(SBIN) + "&limit=3");

        assertThat(starts(inside.json().get("bars"))).isEqualTo(minutes(10, 14));
        assertThat(inside.json().get("from").asLong()).isEqualTo(OPEN + 10 * MINUTE);
        assertThat(starts(fromOnly.json().get("bars"))).isEqualTo(minutes(28, FINAL_BARS));
        assertThat(fromOnly.json().get("to").isNull()).isTrue();
        assertThat(starts(limited.json().get("bars"))).isEqualTo(minutes(FINAL_BARS - 3, FINAL_BARS));
    }

    @Test
    void aKnownSymbolWithoutBarsOfATimeframeHasAnEmptyList() throws Exception {
        Reply reply = get("/api/bars?symbol=" + q(SBIN) + "&tf=1h");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("bars").size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "/api/bars?tf=1m                                   | parameter 'symbol': required",
        "/api/bars?symbol=sbin                             | parameter 'symbol': 'sbin' is not a symbol such as NSE:SBIN-EQ",
        "/api/bars?symbol=NSE:SBIN-EQ&tf=2m                | parameter 'tf': '2m' is not a timeframe (expected one of 1m, 5m, 15m, 1h, 1d)",
        "/api/bars?symbol=NSE:SBIN-EQ&from=yesterday       | parameter 'from': 'yesterday' is not a time in epoch milliseconds",
        "/api/bars?symbol=NSE:SBIN-EQ&to=-5                | parameter 'to': must not be negative, got -5",
        "/api/bars?symbol=NSE:SBIN-EQ&from=20&to=10        | parameter 'from': must not be after 'to' (20 > 10)",
        "/api/bars?symbol=NSE:SBIN-EQ&limit=0              | parameter 'limit': must be between 1 and 5000, got 0",
        "/api/bars?symbol=NSE:SBIN-EQ&timeframe=5m         | parameter 'timeframe': not taken here (expected from, limit, symbol, tf, to)",
        "/api/bars?symbol=NSE:SBIN-EQ&tf=1m&tf=5m          | parameter 'tf': given more than once",
        "/api/bars?symbol=                                 | parameter 'symbol': empty",
        "/api/anomalies?symbol=NSE:SBIN-EQ&date=2026-13-01 | parameter 'date': '2026-13-01' is not a date yyyy-MM-dd",
        "/api/daily?symbol=NSE:SBIN-EQ&days=0              | parameter 'days': must be between 1 and 3660, got 0",
        "/api/daily?symbol=NSE:SBIN-EQ&days=ninety         | parameter 'days': 'ninety' is not a whole number",
        "/api/symbols?symbol=NSE:SBIN-EQ                   | parameter 'symbol': not taken here (this endpoint takes none)",
    })
    void badParametersAre400NamingTheParameter(String path, String message) throws Exception {
        Reply reply = get(path);

        assertThat(reply.status()).as(reply.text()).isEqualTo(400);
        assertThat(reply.json().get("error").asText()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource({"/api/bars?symbol=NSE:NOSUCH-EQ", "/api/anomalies?symbol=NSE:NOSUCH-EQ", "/api/daily?symbol=NSE:NOSUCH-EQ"})
    void unknownSymbolsAre404(String path) throws Exception {
        Reply reply = get(path);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().get("error").asText())
                .isEqualTo("unknown symbol 'NSE:NOSUCH-EQ' (GET /api/symbols lists the known ones)");
    }

    @Test
    void anomaliesOfADayAreDistinctAndOldestFirst() throws Exception {
        Reply day = get("/api/anomalies?symbol=" + q(SBIN) + "&date=2026-03-10");
        Reply all = get("/api/anomalies?symbol=" + q(SBIN));
        Reply none = get("/api/anomalies?symbol=" + q(TCS));

        assertThat(day.status()).isEqualTo(200);
        assertThat(day.json().get("date").asText()).isEqualTo("2026-03-10");
        JsonNode anomalies = day.json().get("anomalies");
        assertThat(anomalies).hasSize(2);
        JsonNode gap = anomalies.get(0);
        assertThat(JSON.writeValueAsString(gap)).isEqualTo("{\"id\":\"a-gap\",\"rule\":\"GAP_OPEN\",\"severity\":\"HIGH\","
                + "\"timeframe\":\"1m\",\"ts\":" + (OPEN + 1_000) + ",\"tsIst\":\"2026-03-10T09:15:01+05:30\",\"barStart\":" + OPEN
                + ",\"barStartIst\":\"2026-03-10T09:15:00+05:30\",\"value\":9.8,\"threshold\":5.0,"
                + "\"message\":\"SBIN opened 3.4% above the previous close\",\"tradeDate\":\"2026-03-10\"}");
        assertThat(anomalies.get(1).get("id").asText()).isEqualTo("a-vol");
        assertThat(all.json().get("date").isNull()).isTrue();
        assertThat(all.json().get("anomalies")).extracting(a -> a.get("id").asText()).containsExactly("a-gap", "a-vol", "a-move");
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.json().get("anomalies")).isEmpty();
    }

    @Test
    void dailyMetricsComeFromTheLakesView() throws Exception {
        Reply reply = get("/api/daily?symbol=" + q(SBIN));
        Reply lastTwoDays = get("/api/daily?symbol=" + q(SBIN) + "&days=2");
        Reply lakeOnly = get("/api/daily?symbol=" + q(INFY));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("days").asInt()).isEqualTo(90);
        JsonNode metrics = reply.json().get("metrics");
        assertThat(metrics).extracting(m -> m.get("tradeDate").asText()).containsExactly("2026-03-09", "2026-03-10", "2026-03-11");
        JsonNode mar10 = metrics.get(1);
        assertThat(mar10.get("time").asLong()).isEqualTo(OPEN);
        assertThat(mar10.get("timeIst").asText()).isEqualTo("2026-03-10T09:15:00+05:30");
        assertThat(mar10.get("close").asDouble()).isEqualTo(1116.0);
        assertThat(mar10.get("dailyReturn").asDouble()).isEqualTo(16.0);
        assertThat(mar10.get("dailyReturnPct").asDouble()).isCloseTo(100.0 * (1116 - 1095) / 1095, within(1e-9));
        assertThat(metrics.get(0).get("dailyReturnPct").isNull()).isTrue();
        assertThat(mar10.get("avgPrice").asDouble()).isEqualTo((1100 + 1120 + 1096 + 1116) / 4.0);
        assertThat(mar10.get("avgPrice90d").asDouble())
                .isCloseTo(((1090 + 1100 + 1080 + 1095) / 4.0 + (1100 + 1120 + 1096 + 1116) / 4.0) / 2, within(1e-9));
        double gk = TestMarket.garmanKlass(1100, 1120, 1096, 1116);
        assertThat(mar10.get("volatility").asDouble()).isCloseTo(gk, within(1e-12));
        assertThat(mar10.get("volatilityPct").asDouble()).isCloseTo(100 * Math.sqrt(gk), within(1e-9));
        assertThat(lastTwoDays.json().get("metrics")).extracting(m -> m.get("tradeDate").asText())
                .containsExactly("2026-03-10", "2026-03-11");
        assertThat(lakeOnly.json().get("metrics")).hasSize(1);
    }

    @Test
    void thePageAndTheChartingLibraryAreServedFromTheJar() throws Exception {
        Reply page = get("/");
        Reply library = get("/" + StaticFiles.CHARTS_BUNDLE);
        Reply missing = get("/../pom.xml");
        Reply unknownApi = get("/api/nothing");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).contains("<script src=\"lightweight-charts.standalone.production.js\"></script>")
                .doesNotContain("http://", "https://");
        assertThat(library.status()).isEqualTo(200);
        assertThat(library.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(library.text()).contains("Lightweight Charts", "v5.0.9");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(unknownApi.status()).isEqualTo(404);
    }

    @Test
    void theApiIsReadOnly() throws Exception {
        Reply post = send(HttpRequest.newBuilder(server.url().resolve("/api/bars?symbol=" + q(SBIN)))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertThat(post.status()).isEqualTo(405);
        assertThat(post.json().get("error").asText()).isEqualTo("method POST not allowed: the API is read-only (GET)");
    }

    @Test
    void withoutALakeTheBarsStillWorkAndTheLakeEndpointsSay503(DynamoDbLocal dynamo, @TempDir Path empty) throws Exception {
        String table = "bars-api-" + TABLES.incrementAndGet();
        dynamo.createTable(PipelineResources.barsTable(table));
        TestMarket.putMinuteBars(dynamo.client(), table, 2);
        Path noLake = empty.resolve("lake");
        try (DashboardServer alone = DashboardServer.start(DashboardServer.LOOPBACK, 0, dynamo.client(), table, noLake)) {
            HttpResponse<String> bars = HTTP.send(HttpRequest.newBuilder(alone.url().resolve("/api/bars?symbol=" + q(SBIN))).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> anomalies = HTTP.send(HttpRequest.newBuilder(alone.url().resolve("/api/anomalies?symbol=" + q(SBIN))).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(bars.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(bars.body()).get("bars")).hasSize(2);
            assertThat(anomalies.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(anomalies.body()).get("error").asText())
                    .isEqualTo("no lake at " + noLake + " yet (the job creates it with its first files)");
        }
    }

    @Test
    void aTakenPortIsOneLine(DynamoDbLocal dynamo) {
        IllegalStateException e = catchThrowableOfType(
                () -> DashboardServer.start(DashboardServer.LOOPBACK, server.port(), dynamo.client(), "bars", lake),
                IllegalStateException.class);

        assertThat(e).hasMessage("port " + server.port() + " on 127.0.0.1 (dashboard) is already in use or not available: "
                + "choose another port");
    }
}
