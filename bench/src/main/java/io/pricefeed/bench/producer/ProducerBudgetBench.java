package io.pricefeed.bench.producer;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.model.WireCodec;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersSession;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.kinesis.KinesisClients;
import io.pricefeed.producer.kinesis.KinesisPublisher;
import io.pricefeed.producer.poll.MarketSchedule;
import io.pricefeed.producer.poll.QuotePoller;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.RateLimits;
import io.pricefeed.sim.SimClock;
import io.pricefeed.sim.SymbolUniverse;
import io.pricefeed.standins.Kinesalite;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The producer's two throughputs, each beside a baseline measured in the same run:
 *
 * <ol>
 *   <li><b>Fyers request budget</b>: the share of the per-minute budget the poller uses against
 *       fyers-sim with Fyers' limits (10/s, 200/min, rolling, on the sim's accelerated clock), for
 *       200 symbols that would want 240 calls a minute; goal at least 95 % of 200 with zero -429.
 *       Baseline: a naive poller that asks for every batch once a second, with no budget.</li>
 *   <li><b>Kinesis publishing</b> into kinesalite, records/s: the publisher's batched PutRecords
 *       against a naive one PutRecord per tick, on fresh streams of the same shape.</li>
 * </ol>
 *
 * Arguments (all optional): {@code [simulatedMinutes=10] [speed=20] [ticks=3000]}.
 */
public final class ProducerBudgetBench {
    private static final int SYMBOLS = 200;

    private ProducerBudgetBench() {
    }

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        double speed = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        int ticks = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;

        Budget budgeted = budgetedPoller(minutes, speed);
        Budget naive = naivePoller(minutes, speed);
        double batched;
        double onePerCall;
        try (Kinesalite kinesis = Kinesalite.builder().start()) {
            onePerCall = naivePublish(kinesis, ticks);
            batched = batchedPublish(kinesis, ticks);
        }

        System.out.println();
        System.out.printf("ProducerBudgetBench: fyers-sim at %.0fx, %d symbols, %d simulated minutes; %d ticks into kinesalite%n",
                speed, SYMBOLS, minutes, ticks);
        String row = "%-44s %14s %14s %8s%n";
        System.out.printf(row, "metric", "producer", "baseline", "ratio");
        System.out.printf(row, "quotes calls per simulated minute", f1(budgeted.perMinute()), f1(naive.perMinute()),
                f2(budgeted.perMinute() / naive.perMinute()));
        System.out.printf(row, "share of the 200/min budget used", pct(budgeted.perMinute() / 200), pct(naive.perMinute() / 200), "");
        System.out.printf(row, "calls answered -429 / HTTP 429", budgeted.refused, naive.refused, "");
        System.out.printf(row, "per-minute violations (Fyers blocks after 3)", budgeted.violations, naive.violations, "");
        System.out.printf(row, "quotes calls served", budgeted.served, naive.served, f2((double) budgeted.served / naive.served));
        System.out.printf(row, "Kinesis records/s (batched vs 1 PutRecord)", f1(batched), f1(onePerCall), f2(batched / onePerCall));
        System.out.println("baseline: a poller asking for each of the 4 batches once a simulated second with no budget; "
                + "one PutRecord call per tick.");
    }

    private record Budget(long served, long refused, long violations, int minutes) {
        double perMinute() {
            return (served + refused) / (double) minutes;
        }
    }

    /** The producer's poller (budget, schedule, session, client) with a counting sink. */
    private static Budget budgetedPoller(int minutes, double speed) throws Exception {
        SimClock clock = SimClock.accelerated(SimClock.ist("2026-03-10T10:00"), speed);
        SymbolUniverse universe = SymbolUniverse.synthetic(SYMBOLS, 77);
        Path dir = Files.createTempDirectory("producer-bench");
        try (FyersSim sim = FyersSim.builder().clock(clock).seed(77).symbols(universe).rateLimits(RateLimits.FYERS).build().start()) {
            PacedClock pacer = PacedClock.scaled(clock.asClock(), clock.speed());
            ProducerMetrics metrics = new ProducerMetrics();
            RequestBudget budget = RequestBudget.builder().clock(clock.asClock()).build();
            AppCredentials app = new AppCredentials(sim.credentials().clientId(), sim.credentials().appSecret(), sim.credentials().pin());
            FyersAuthClient auth = new FyersAuthClient(URI.create(sim.baseUrl() + "/api/v3"),
                    FyersClient.newHttpClient(Duration.ofSeconds(2)), Duration.ofSeconds(5), budget, pacer);
            FileTokenStore store = new FileTokenStore(dir.resolve("tokens.json"));
            store.save(auth.exchangeAuthCode(app, sim.credentials().authCode()));
            FyersSession session = new FyersSession(store, auth, app, pacer, Duration.ofSeconds(30), metrics);
            FyersClient client = FyersClient.builder().dataBaseUrl(URI.create(sim.baseUrl() + "/data"))
                    .clientId(app.clientId()).tokens(session).budget(budget).pacer(pacer).metrics(metrics).build();
            AtomicLong ticks = new AtomicLong();
            try (QuotePoller poller = QuotePoller.builder().client(client).session(session).budget(budget)
                    .schedule(new MarketSchedule(TradingCalendar.nse(), Duration.ofMinutes(5))).pacer(pacer)
                    .sink(t -> ticks.incrementAndGet()).symbols(universe.names()).metrics(metrics)
                    .retryBackoff(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 1)).build().start()) {
                // Measure whole minutes after the first call, so the start-up is not in the figure.
                while (metrics.quoteCallsOk.get() == 0) {
                    Thread.sleep(5);
                }
                long from = clock.now();
                long servedFrom = sim.stats().served();
                long refusedFrom = sim.stats().rateLimited();
                pacer.sleepUntil(from + Duration.ofMinutes(minutes).toMillis());
                return new Budget(sim.stats().served() - servedFrom, sim.stats().rateLimited() - refusedFrom,
                        sim.stats().minuteViolations(), minutes);
            }
        }
    }

    /** Each batch once per simulated second, no budget, a rate-limit reply simply counted. */
    private static Budget naivePoller(int minutes, double speed) throws Exception {
        SimClock clock = SimClock.accelerated(SimClock.ist("2026-03-10T10:00"), speed);
        SymbolUniverse universe = SymbolUniverse.synthetic(SYMBOLS, 77);
        try (FyersSim sim = FyersSim.builder().clock(clock).seed(77).symbols(universe).rateLimits(RateLimits.FYERS).build().start()) {
            PacedClock pacer = PacedClock.scaled(clock.asClock(), clock.speed());
            HttpClient http = FyersClient.newHttpClient(Duration.ofSeconds(2));
            String auth = sim.authorizationHeader(sim.issueAccessToken());
            List<URI> batches = new ArrayList<>();
            List<String> names = universe.names();
            for (int from = 0; from < names.size(); from += 50) {
                String symbols = String.join(",", names.subList(from, Math.min(names.size(), from + 50)));
                batches.add(URI.create(sim.baseUrl() + "/data/quotes?symbols=" + URLEncoder.encode(symbols, StandardCharsets.UTF_8)));
            }
            long start = clock.now();
            long servedFrom = sim.stats().served();
            long end = start + Duration.ofMinutes(minutes).toMillis();
            for (long second = start; second < end; second += 1_000) {
                pacer.sleepUntil(second);
                for (URI uri : batches) {
                    http.send(HttpRequest.newBuilder(uri).header("Authorization", auth).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            return new Budget(sim.stats().served() - servedFrom, sim.stats().rateLimited(), sim.stats().minuteViolations(), minutes);
        }
    }

    private static KinesisClient client(Kinesalite kinesis) {
        return KinesisClients.create(ProducerConfig.parse("{\"fyers\":{\"clientId\":\"BENCH-100\"},\"kinesis\":{\"endpoint\":\""
                + kinesis.endpoint() + "\"}}").kinesis());
    }

    private static List<Tick> ticks(int n) {
        long t0 = SimClock.ist("2026-03-10T10:00").toEpochMilli();
        List<Tick> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Tick(String.format("NSE:SYM%04d-EQ", i % SYMBOLS + 1), t0 + i, 100 + (i % 97) * 0.05, 1_000L + i,
                    100.2, 99.5, 104.3, 98.9, 99.1, 100.15, 100.2));
        }
        return list;
    }

    /** One PutRecord call per tick. */
    private static double naivePublish(Kinesalite kinesis, int n) {
        kinesis.createStream("bench-naive", 2);
        List<Tick> list = ticks(n);
        try (KinesisClient client = client(kinesis)) {
            long start = System.nanoTime();
            for (Tick t : list) {
                client.putRecord(b -> b.streamName("bench-naive").partitionKey(t.getSymbol())
                        .data(SdkBytes.fromByteArrayUnsafe(WireCodec.encode(t))));
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** The producer's publisher: bounded buffer, PutRecords of up to 500, flushed on close. */
    private static double batchedPublish(Kinesalite kinesis, int n) throws InterruptedException {
        kinesis.createStream("bench-batched", 2);
        List<Tick> list = ticks(n);
        ProducerMetrics metrics = new ProducerMetrics();
        try (KinesisClient client = client(kinesis)) {
            KinesisPublisher publisher = KinesisPublisher.builder().client(client).stream("bench-batched").metrics(metrics).build().start();
            long start = System.nanoTime();
            for (Tick t : list) {
                publisher.accept(t);
            }
            publisher.close();
            double rate = metrics.ticksPublished.get() / ((System.nanoTime() - start) / 1e9);
            if (metrics.ticksPublished.get() != n) {
                throw new IllegalStateException("published " + metrics.ticksPublished.get() + " of " + n);
            }
            return rate;
        }
    }

    private static String f1(double v) {
        return String.format("%.1f", v);
    }

    private static String f2(double v) {
        return String.format("%.2fx", v);
    }

    private static String pct(double v) {
        return String.format("%.1f %%", 100 * v);
    }
}
