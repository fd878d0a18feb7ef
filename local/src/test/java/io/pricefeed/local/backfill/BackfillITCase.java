package io.pricefeed.local.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import io.pricefeed.flink.local.BackfillJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.model.HistoryCandleLine;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.fyers.AccessTokenSource;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.history.FetchProgress;
import io.pricefeed.producer.history.HistoryFetch;
import io.pricefeed.producer.history.HistoryStage;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.sim.Candle;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * {@code ./pricefeed backfill}'s stages against fyers-sim, a lake folder and DynamoDB Local: 20
 * symbols over the 30 NSE trading days up to Friday 2026-03-20 (Holi, 2026-03-03, among them),
 * minute history, with the sim's clock on the Monday after, so the history is complete.
 *
 * <p>"Killed midway" is an in-process interruption of the fetch stage: the run's thread is
 * interrupted once 7 of its 20 chunks are staged (a request budget of 4 calls a second keeps
 * it from finishing first), which stops it where a kill would (staged files are atomic).
 */
@LocalAws
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackfillITCase {
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-03-20");
    private static final Instant SIM_NOW = SimClock.ist("2026-03-23T08:00");
    /** DynamoDB TTLs are judged 100 days after the last day: 1m (30 days) and 5m (90) are gone, 15m, 1h (a year) and 1d (kept) not. */
    private static final Clock TTL_CLOCK = Clock.fixed(LAST_DAY.plusDays(100).atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final int SYMBOLS = 20;
    private static final int DAYS = 30;

    private final TradingCalendar calendar = TradingCalendar.nse();
    private FyersSim sim;
    private List<String> symbols;
    private LocalDate firstDay;
    private List<LocalDate> tradingDays;
    private DynamoDbLocal dynamo;
    private Path work;
    private Path lakeA;
    private BackfillReport first;
    private long firstRunMillis;

    @BeforeAll
    void backfillOnce(DynamoDbLocal dynamo, @TempDir Path work) throws Exception {
        this.dynamo = dynamo;
        this.work = work;
        SymbolUniverse universe = SymbolUniverse.synthetic(SYMBOLS, 11);
        sim = FyersSim.builder().seed(11).symbols(universe).clock(SimClock.accelerated(SIM_NOW, 1)).build().start();
        symbols = universe.symbols().stream().map(s -> s.symbol()).toList();
        LocalDate d = LAST_DAY;
        for (int i = 1; i < DAYS; i++) {
            d = calendar.previousTradingDay(d);
        }
        firstDay = d;
        tradingDays = calendar.tradingDays(firstDay, LAST_DAY);
        assertThat(tradingDays).hasSize(DAYS).doesNotContain(LocalDate.parse("2026-03-03"));

        lakeA = work.resolve("lake-a");
        dynamo.createTable(PipelineResources.barsTable("bars-a"));
        long start = System.nanoTime();
        first = run("a", lakeA, "bars-a", false, symbols, firstDay, LAST_DAY, 9, null);
        firstRunMillis = (System.nanoTime() - start) / 1_000_000;
    }

    @AfterAll
    void stopSim() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theLakeAndDynamoDbHoldOneBarPerSymbolAndSessionSlotAndNothingOnHolidays() {
        System.out.printf("backfill of %d symbols x %d days: %d ms (load %s)%n", SYMBOLS, DAYS, firstRunMillis, first.toText());
        assertThat(first.calls()).isEqualTo(SYMBOLS); // 30 trading days fit one chunk of <= 100 days
        assertThat(first.pairsLoaded()).isEqualTo(SYMBOLS * DAYS);
        assertThat(first.skippedSymbols()).isEmpty();
        try (LakeQueryEngine lake = LakeQueryEngine.open(lakeA)) {
            QueryResult perTimeframe = lake.query("SELECT timeframe, count(*) AS n, count(DISTINCT symbol || trade_date) AS days,"
                    + " count(vwap) AS vwaps, sum(tick_count) AS ticks, max(revision) AS rev FROM bars GROUP BY 1 ORDER BY 1");
            assertThat(rowsOf(perTimeframe)).containsExactly(
                    List.of("15m", 25L * SYMBOLS * DAYS, (long) SYMBOLS * DAYS, 0L, 0L, 0),
                    List.of("1d", (long) SYMBOLS * DAYS, (long) SYMBOLS * DAYS, 0L, 0L, 0),
                    List.of("1h", 7L * SYMBOLS * DAYS, (long) SYMBOLS * DAYS, 0L, 0L, 0),
                    List.of("1m", 375L * SYMBOLS * DAYS, (long) SYMBOLS * DAYS, 0L, 0L, 0),
                    List.of("5m", 75L * SYMBOLS * DAYS, (long) SYMBOLS * DAYS, 0L, 0L, 0));
            QueryResult dates = lake.query("SELECT DISTINCT trade_date FROM bars ORDER BY 1");
            assertThat(dates.rows().stream().map(r -> LocalDate.parse(String.valueOf(r.get(0)))).toList()).isEqualTo(tradingDays);

            // Every 1d bar, rolled up from the minutes by RollupFunction, is the sim's own daily candle.
            QueryResult days = lake.query("SELECT symbol, trade_date, open, high, low, close, volume FROM bars"
                    + " WHERE timeframe = '1d' ORDER BY symbol, trade_date");
            int i = 0;
            for (String symbol : symbols) {
                List<Candle> candles = sim.market().dailyCandles(symbol, firstDay, LAST_DAY, SIM_NOW.toEpochMilli());
                assertThat(candles).hasSize(DAYS);
                for (Candle c : candles) {
                    List<Object> row = days.rows().get(i++);
                    assertThat(row).containsExactly(symbol, HistoryCandleLine.tradeDate("D", c.time()).toString(),
                            c.open(), c.high(), c.low(), c.close(), c.volume());
                }
            }
        }
        DynamoDbClient client = dynamo.client();
        for (String symbol : symbols.subList(0, 3)) {
            assertThat(count(client, "bars-a", symbol, Timeframe.D1)).isEqualTo(DAYS);
            assertThat(count(client, "bars-a", symbol, Timeframe.H1)).isEqualTo(7 * DAYS);
            assertThat(count(client, "bars-a", symbol, Timeframe.M15)).isEqualTo(25 * DAYS);
            assertThat(count(client, "bars-a", symbol, Timeframe.M5)).isZero(); // TTL already past
            assertThat(count(client, "bars-a", symbol, Timeframe.M1)).isZero();
        }
        long dailyItems = symbols.stream().mapToLong(s -> count(client, "bars-a", s, Timeframe.D1)).sum();
        assertThat(dailyItems).isEqualTo((long) SYMBOLS * DAYS);
        Map<String, AttributeValue> item = client.query(QueryRequest.builder().tableName("bars-a")
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                        AttributeValue.builder().s(symbols.get(0) + "#1d").build())).limit(1).build()).items().get(0);
        assertThat(item.get("vwap").nul()).isTrue();
        assertThat(item.get("tickCount").n()).isEqualTo("0");
        assertThat(item.get("final").bool()).isTrue();
    }

    @Test
    void runningTheSameBackfillAgainChangesNothing() throws Exception {
        String before = digest(lakeA);
        List<String> filesBefore = files(lakeA);
        BackfillReport again = run("a", lakeA, "bars-a", false, symbols, firstDay, LAST_DAY, 9, null);
        assertThat(again.calls()).isZero();
        assertThat(again.chunksResumed()).isEqualTo(SYMBOLS);
        assertThat(again.pairsLoaded()).isZero();
        assertThat(again.pairsSkipped()).isEqualTo(SYMBOLS * DAYS);
        assertThat(files(lakeA)).isEqualTo(filesBefore);
        assertThat(digest(lakeA)).isEqualTo(before);
    }

    @Test
    void anInterruptedBackfillResumesAndEndsIdenticalToAnUninterruptedOne() throws Exception {
        Path lakeB = work.resolve("lake-b");
        dynamo.createTable(PipelineResources.barsTable("bars-b"));
        FetchProgress progress = new FetchProgress();
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<BackfillReport> interrupted = thread.submit(() -> run("b", lakeB, "bars-b", false, symbols, firstDay, LAST_DAY, 4, progress));
            await().atMost(Duration.ofSeconds(60)).until(() -> progress.chunksDone() >= 7);
            interrupted.cancel(true);
            thread.shutdown();
            assertThat(thread.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            thread.shutdownNow();
        }
        int staged = stagedChunks("b");
        assertThat(staged).isBetween(7, SYMBOLS - 1);
        assertThat(lakeB).doesNotExist(); // stopped in the fetch: nothing loaded

        BackfillReport resumed = run("b", lakeB, "bars-b", false, symbols, firstDay, LAST_DAY, 9, null);
        assertThat(resumed.chunksResumed()).isEqualTo(staged);
        assertThat(resumed.calls()).isEqualTo(SYMBOLS - staged);
        assertThat(digest(lakeB)).isEqualTo(digest(lakeA));
        DynamoDbClient client = dynamo.client();
        for (String symbol : symbols) {
            assertThat(count(client, "bars-b", symbol, Timeframe.D1)).isEqualTo(DAYS);
        }
    }

    @Test
    void daysWithBarsAreLeftAloneUnlessReplaceAndReplaceLeavesOneVersion() throws Exception {
        Path lakeC = work.resolve("lake-c");
        List<String> two = symbols.subList(0, 2);
        LocalDate day = LAST_DAY;
        // "Streamed" bars for one symbol and day: a single odd minute, loaded the way the job writes bars.
        Path streamed = work.resolve("streamed.csv");
        long open = TradingCalendar.sessionOpen(day) / 1000;
        Files.writeString(streamed, HistoryCandleLine.encode(two.get(0), "1", open, 1.0, 2.0, 0.5, 1.5, 7) + "\n");
        BackfillJob.run(List.of(streamed), Set.of(), lakeC.toString(), JobConfig.defaults(), false, 0, 1);

        BackfillReport kept = run("c", lakeC, null, false, two, day.minusDays(2), day, 9, null);
        assertThat(kept.pairsSkipped()).isEqualTo(1);
        assertThat(kept.pairsLoaded()).isEqualTo(2 * 3 - 1);
        try (LakeQueryEngine lake = LakeQueryEngine.open(lakeC)) {
            assertThat(rowsOf(lake.query("SELECT timeframe, count(*), sum(volume) FROM bars WHERE symbol = '" + two.get(0)
                    + "' AND trade_date = '" + day + "' GROUP BY 1 ORDER BY 1")))
                    .containsExactly(List.of("15m", 1L, 7L), List.of("1d", 1L, 7L), List.of("1h", 1L, 7L),
                            List.of("1m", 1L, 7L), List.of("5m", 1L, 7L));
        }

        BackfillReport replaced = run("c", lakeC, null, true, two, day.minusDays(2), day, 9, null);
        assertThat(replaced.pairsReplaced()).isEqualTo(2 * 3);
        assertThat(replaced.pairsLoaded()).isEqualTo(2 * 3);
        try (LakeQueryEngine lake = LakeQueryEngine.open(lakeC); LakeQueryEngine reference = LakeQueryEngine.open(lakeA)) {
            String perDay = "SELECT symbol, trade_date, timeframe, count(*), sum(volume), min(low), max(high) FROM bars"
                    + " WHERE symbol IN ('" + two.get(0) + "', '" + two.get(1) + "') AND trade_date BETWEEN '"
                    + day.minusDays(2) + "' AND '" + day + "' GROUP BY ALL ORDER BY ALL";
            assertThat(rowsOf(lake.query(perDay))).hasSize(2 * 3 * 5).isEqualTo(rowsOf(reference.query(perDay)));
        }
    }

    /** One backfill through BackfillRun with a client on the sim; table null = lake only. */
    private BackfillReport run(String name, Path lake, String table, boolean replace, List<String> which, LocalDate from,
                               LocalDate to, int callsPerSecond, FetchProgress progress) throws Exception {
        PacedClock pacer = PacedClock.scaled(sim.clock().asClock(), sim.clock().speed());
        ProducerMetrics metrics = new ProducerMetrics();
        RequestBudget budget = RequestBudget.builder().perSecond(callsPerSecond).safetyMargin(0).clock(pacer.clock()).build();
        String token = sim.issueAccessToken();
        FyersClient client = FyersClient.builder().dataBaseUrl(URI.create(sim.baseUrl() + "/data"))
                .clientId(sim.credentials().clientId()).tokens(new FixedToken(token)).budget(budget).pacer(pacer)
                .metrics(metrics).build();
        HistoryStage stage = new HistoryStage(work.resolve("staging-" + name));
        HistoryFetch fetch = new HistoryFetch(client, stage, pacer, calendar, metrics,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 1));
        JobConfig job = table == null ? JobConfig.defaults() : JobConfig.fromPropertyGroups(Map.of(
                "dynamodb", props("endpoint", dynamo.endpoint().toString(), "barsTable", table),
                "kinesis", props("region", "us-east-1")));
        BackfillRun.Settings settings = new BackfillRun.Settings(which, from, to, "1", replace, lake, job, table != null, 2, TTL_CLOCK);
        return new BackfillRun(settings, fetch, stage).run(progress != null ? progress : new FetchProgress());
    }

    private int stagedChunks(String name) throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve("staging-" + name))) {
            return (int) files.filter(p -> p.getFileName().toString().endsWith(".csv")).count();
        }
    }

    /** Every row of every bar, order-independent: equal digests mean equal rows. */
    private static String digest(Path lake) {
        try (LakeQueryEngine engine = LakeQueryEngine.open(lake)) {
            return rowsOf(engine.query("SELECT timeframe, count(*), sum(hash(symbol, trade_date, bar_start, bar_end, open, high,"
                    + " low, close, vwap, volume, tick_count, revision)::HUGEINT) FROM bars GROUP BY 1 ORDER BY 1")).toString();
        }
    }

    private static List<String> files(Path lake) throws IOException {
        try (Stream<Path> files = Files.walk(lake)) {
            return files.filter(Files::isRegularFile).map(p -> lake.relativize(p).toString()).sorted().collect(Collectors.toList());
        }
    }

    private static List<List<Object>> rowsOf(QueryResult result) {
        List<List<Object>> rows = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            List<Object> plain = new ArrayList<>();
            for (Object v : row) {
                plain.add(v instanceof java.math.BigInteger b ? (Object) b.longValue() : v);
            }
            rows.add(plain);
        }
        return rows;
    }

    private static long count(DynamoDbClient client, String table, String symbol, Timeframe tf) {
        AtomicReference<Map<String, AttributeValue>> start = new AtomicReference<>();
        long n = 0;
        do {
            var response = client.query(QueryRequest.builder().tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.builder().s(symbol + "#" + tf.label()).build()))
                    .select(Select.COUNT).exclusiveStartKey(start.get()).build());
            n += response.count();
            start.set(response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null);
        } while (start.get() != null);
        return n;
    }

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    private record FixedToken(String token) implements AccessTokenSource {
        @Override
        public String accessToken() {
            return token;
        }

        @Override
        public boolean renewAfterRejection(String rejectedToken, FyersApiException cause) {
            return false;
        }
    }
}
