package io.pricefeed.bench.producer;

import io.pricefeed.bench.Flags;
import io.pricefeed.bench.PositiveCount;
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
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
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
 * Flags: {@code --minutes 10 --speed 20 --ticks 3000} (the defaults); the older positional form
 * {@code [minutes] [speed] [ticks]} still works.
 */
@Command(name = "ProducerBudgetBench", mixinStandardHelpOptions = true,
        description = {"The producer's Fyers request budget against fyers-sim (beside a naive poller), then its batched"
                + " PutRecords into kinesalite (beside one PutRecord per tick).",
                "The older positional form [minutes] [speed] [ticks] still works."})
public final class ProducerBudgetBench implements Callable<Integer> {
    private static final int SYMBOLS = 200;

    @Spec
    private CommandSpec spec;

    @Option(names = "--minutes", paramLabel = "N", converter = PositiveCount.class,
            description = "simulated minutes each poller runs (default ${DEFAULT-VALUE})")
    private int minutes = 10;

    @Option(names = "--speed", paramLabel = "X", description = "fyers-sim's clock speed-up (default ${DEFAULT-VALUE})")
    private double speed = 20;

    @Option(names = "--ticks", paramLabel = "N", converter = PositiveCount.class,
            description = "ticks each Kinesis publisher puts (default ${DEFAULT-VALUE})")
    private int ticks = 3_000;

    // The older positional form, [minutes] [speed] [ticks]: the same three, by position.
    @Parameters(index = "0", arity = "0..1", paramLabel = "MINUTES", converter = PositiveCount.class, hidden = true)
    private Integer minutesByPosition;

    @Parameters(index = "1", arity = "0..1", paramLabel = "SPEED", hidden = true)
    private Double speedByPosition;

    @Parameters(index = "2", arity = "0..1", paramLabel = "TICKS", converter = PositiveCount.class, hidden = true)
    private Integer ticksByPosition;

    private ProducerBudgetBench() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ProducerBudgetBench()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        minutes = byPosition("--minutes", minutesByPosition, minutes);
        speed = byPosition("--speed", speedByPosition, speed);
        ticks = byPosition("--ticks", ticksByPosition, ticks);
        Flags.require(spec, speed > 0, "--speed must be above 0, got " + speed);
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
        return 0;
    }

    /** A value given by position stands for its flag; the flag given as well is an error. */
    private <T> T byPosition(String flag, T positional, T fromFlag) {
        if (positional == null) {
            return fromFlag;
        }
        Flags.require(spec, !spec.commandLine().getParseResult().hasMatchedOption(flag),
                flag + " was given both as a flag and by position (" + positional + ")");
        return positional;
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
