package io.pricefeed.producer.poll;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.SimPacedClock;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FileTokenStore;
import io.pricefeed.producer.auth.FyersSession;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.sim.FyersSim;
import io.pricefeed.sim.RefreshMode;
import io.pricefeed.sim.SimClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A poller wired to a running fyers-sim with the production parts (session, file token store,
 * client, budget, schedule), handing ticks to a list instead of Kinesis.
 */
final class PollerRig implements AutoCloseable {
    final SimClock clock;
    final FyersSim sim;
    final ProducerMetrics metrics = new ProducerMetrics();
    final RequestBudget budget;
    final FyersSession session;
    final QuotePoller poller;
    final List<Tick> ticks = new ArrayList<>();

    PollerRig(FyersSim.Builder simBuilder, SimClock clock, List<String> symbols, Path dir, TradingCalendar calendar,
              int concurrency, RequestBudget.Builder budgetSettings) {
        this.clock = clock;
        this.sim = simBuilder.clock(clock).refreshMode(RefreshMode.ENABLED).build().start();
        PacedClock pacer = SimPacedClock.of(clock);
        FileTokenStore store = new FileTokenStore(dir.resolve("tokens.json"));
        AppCredentials app = new AppCredentials(sim.credentials().clientId(), sim.credentials().appSecret(), sim.credentials().pin());
        this.budget = budgetSettings.clock(clock.asClock()).build();
        FyersAuthClient auth = new FyersAuthClient(URI.create(sim.baseUrl() + "/api/v3"), FyersClient.newHttpClient(Duration.ofSeconds(2)),
                Duration.ofSeconds(5), budget, pacer);
        try {
            store.save(auth.exchangeAuthCode(app, sim.credentials().authCode()));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        this.session = new FyersSession(store, auth, app, pacer, Duration.ofSeconds(30), metrics);
        FyersClient client = FyersClient.builder().dataBaseUrl(URI.create(sim.baseUrl() + "/data"))
                .clientId(sim.credentials().clientId()).tokens(session).budget(budget).pacer(pacer)
                .requestTimeout(Duration.ofSeconds(2)).metrics(metrics).build();
        this.poller = QuotePoller.builder().client(client).session(session).budget(budget)
                .schedule(new MarketSchedule(calendar, Duration.ofMinutes(5))).pacer(pacer)
                .sink(tick -> {
                    synchronized (ticks) {
                        ticks.add(tick);
                    }
                })
                .symbols(symbols).concurrency(concurrency)
                .retryBackoff(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 3)).metrics(metrics).build();
    }

    PollerRig start() {
        poller.start();
        return this;
    }

    List<Tick> ticks() {
        synchronized (ticks) {
            return List.copyOf(ticks);
        }
    }

    @Override
    public void close() {
        poller.close();
        sim.close();
    }
}
