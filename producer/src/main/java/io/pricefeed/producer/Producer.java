package io.pricefeed.producer;

import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FyersSession;
import io.pricefeed.producer.auth.TokenStore;
import io.pricefeed.producer.auth.TokenStores;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.config.ConfigException;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.fyers.LoginRequiredException;
import io.pricefeed.producer.kinesis.FatalKinesisError;
import io.pricefeed.producer.kinesis.HeartbeatSender;
import io.pricefeed.producer.kinesis.KinesisClients;
import io.pricefeed.producer.kinesis.KinesisPublisher;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.poll.MarketSchedule;
import io.pricefeed.producer.poll.QuotePoller;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * The producer ({@code ./pricefeed produce}, the ECS task): polls Fyers quotes during NSE market
 * hours and publishes changed quotes as ticks, plus per-shard heartbeats, to the ticks stream.
 *
 * <pre>{@code
 * try (Producer producer = Producer.builder(ProducerConfig.load(path)).build().start()) {
 *     ... producer.status() ...
 * }   // close() stops polling and flushes what is buffered to Kinesis
 * }</pre>
 *
 * For a local run against fyers-sim share the sim's clock: {@code .clock(PacedClock.scaled(sim.clock().asClock(), sim.clock().speed()))}.
 */
public final class Producer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Producer.class);

    private final ProducerConfig config;
    private final PacedClock pacer;
    private final ProducerMetrics metrics = new ProducerMetrics();
    private final RequestBudget budget;
    private final FyersSession session;
    private final KinesisClient kinesis;
    private final boolean ownsKinesis;
    private final KinesisPublisher publisher;
    private final HeartbeatSender heartbeats;
    private final QuotePoller poller;
    private volatile ProducerState lifecycle = ProducerState.STARTING;

    private Producer(Builder b) {
        this.config = b.config;
        this.pacer = b.pacer;
        TradingCalendar calendar = b.calendar != null ? b.calendar : calendar(config);
        int year = TradingCalendar.tradeDate(pacer.millis()).getYear();
        if (!calendar.coversYear(year)) {
            LOG.warn("the holiday list has no entries for {}: every weekday counts as a trading day (market status still confirms)", year);
        }
        MarketSchedule schedule = new MarketSchedule(calendar, config.schedule().heartbeatAfterClose());
        TokenStore store = b.tokenStore != null ? b.tokenStore : TokenStores.open(config, pacer.clock());
        AppCredentials app = TokenStores.credentials(config, store, b.environment);
        ProducerConfig.Limits limits = config.limits();
        this.budget = RequestBudget.builder().perSecond(limits.perSecond()).perMinute(limits.perMinute())
                .perDay(limits.perDay()).safetyMargin(limits.safetyMargin()).rateLimitBackoff(limits.rateLimitBackoff())
                .clock(pacer.clock()).build();
        ProducerConfig.Fyers fyers = config.fyers();
        HttpClient http = FyersClient.newHttpClient(fyers.connectTimeout());
        FyersAuthClient auth = new FyersAuthClient(fyers.apiBaseUrl(), http, fyers.requestTimeout(), budget, pacer);
        this.session = new FyersSession(store, auth, app, pacer, config.tokenStore().reloadInterval(), metrics);
        FyersClient client = FyersClient.builder().dataBaseUrl(fyers.dataBaseUrl()).clientId(fyers.clientId())
                .tokens(session).budget(budget).pacer(pacer).httpClient(http).requestTimeout(fyers.requestTimeout())
                .metrics(metrics).build();

        ProducerConfig.Kinesis k = config.kinesis();
        this.ownsKinesis = b.kinesis == null;
        this.kinesis = ownsKinesis ? KinesisClients.create(k) : b.kinesis;
        this.publisher = KinesisPublisher.builder().client(kinesis).stream(k.stream()).bufferRecords(k.bufferRecords())
                .maxBatchRecords(k.maxBatchRecords()).retryBackoff(new Backoff(k.retryBaseDelay(), k.retryMaxDelay(), b.seed))
                .flushTimeout(k.flushTimeout()).metrics(metrics).build();
        this.heartbeats = new HeartbeatSender(kinesis, k.stream(), publisher, schedule, pacer, config.producerId(),
                k.heartbeatInterval(), k.shardRefreshInterval());
        ProducerConfig.Polling p = config.polling();
        this.poller = QuotePoller.builder().client(client).session(session).budget(budget).schedule(schedule).pacer(pacer)
                .sink(publisher).symbols(config.symbols()).batchSize(p.batchSize()).minBatchInterval(p.minBatchInterval())
                .concurrency(p.concurrency()).retryBackoff(new Backoff(p.retryBaseDelay(), p.retryMaxDelay(), b.seed + 1))
                .marketStatusInterval(p.marketStatusInterval()).shutdownGrace(fyers.requestTimeout().plusSeconds(1))
                .metrics(metrics).build();
    }

    public static Builder builder(ProducerConfig config) {
        return new Builder(config);
    }

    private static TradingCalendar calendar(ProducerConfig config) {
        if (config.schedule().holidaysFile() == null) {
            return TradingCalendar.nse();
        }
        try (InputStream in = Files.newInputStream(config.schedule().holidaysFile())) {
            return TradingCalendar.load(in, config.schedule().holidaysFile().toString());
        } catch (IOException e) {
            throw new ConfigException("configuration key 'schedule.holidaysFile': cannot read "
                    + config.schedule().holidaysFile() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("configuration key 'schedule.holidaysFile': " + e.getMessage(), e);
        }
    }

    /**
     * Starts publishing, heartbeating and polling; returns at once.
     *
     * @throws FatalKinesisError when the Kinesis stream is missing or refuses this producer
     */
    public synchronized Producer start() {
        if (lifecycle != ProducerState.STARTING) {
            throw new IllegalStateException("the producer was already started");
        }
        LOG.info("starting {} with {} (clock {})", config, budget, pacer);
        try {
            session.accessToken(); // loads the saved login now, so a missing one shows at once
        } catch (LoginRequiredException e) {
            // logged once by the session; the poller waits for a login
        }
        publisher.start();
        heartbeats.start();
        poller.start();
        lifecycle = ProducerState.POLLING;
        return this;
    }

    /** What the producer is doing, with its counters. Cheap; call it as often as you like. */
    public ProducerStatus status() {
        long now = pacer.millis();
        ProducerState state;
        String detail = "";
        if (lifecycle == ProducerState.STARTING || lifecycle == ProducerState.STOPPED) {
            state = lifecycle;
        } else if (publisher.failure().isPresent()) {
            state = ProducerState.FAILED;
            detail = publisher.failure().get().getMessage();
        } else if (session.loginRequired()) {
            state = ProducerState.LOGIN_REQUIRED;
            detail = session.loginRequiredReason().orElse("");
        } else if (budget.isSuspendedForDay()) {
            state = ProducerState.SUSPENDED_FOR_DAY;
            detail = "rate-limited twice today; requests resume " + TradingCalendar.formatIst(budget.pausedUntil());
        } else if (!poller.isPollingAllowed()) {
            state = ProducerState.IDLE_MARKET_CLOSED;
            detail = poller.idleReason();
        } else if (budget.isPaused()) {
            state = ProducerState.BACKING_OFF;
            detail = "rate-limited; requests resume " + TradingCalendar.formatIst(budget.pausedUntil());
        } else if (poller.batchesBackingOff() > 0 && poller.batchesBackingOff() >= poller.batchCount()) {
            state = ProducerState.BACKING_OFF;
            detail = "every batch is retrying after errors";
        } else {
            state = ProducerState.POLLING;
        }
        ProducerMetrics m = metrics;
        return new ProducerStatus(state, detail, Instant.ofEpochMilli(now), poller.symbolCount(),
                m.fyersCalls.get(), m.quoteCallsOk.get(), m.quoteCallsFailed.get(),
                budget.usedLastMinute(), budget.minuteLimit(),
                m.ticksEmitted.get(), m.ticksPublished.get(), m.heartbeatsPublished.get(), publisher.buffered(),
                m.symbolsRejected.get(), m.backoffs.get(), m.rateLimitReplies.get(), m.rateLimitPages.get(),
                m.transientErrors.get(), m.malformedReplies.get(), m.authErrors.get(), m.tokenRefreshes.get(),
                m.recordsRetried.get(), m.recordsDropped.get(), session.accessExpiresAt().orElse(null));
    }

    /** Why the producer cannot go on, if it cannot: it publishes nothing more, and should be closed. */
    public Optional<FatalKinesisError> failure() {
        return publisher.failure();
    }

    /** The live counters (for benchmarks and tests that need more than the status). */
    public ProducerMetrics metrics() {
        return metrics;
    }

    public ProducerConfig config() {
        return config;
    }

    /**
     * Stops polling (calls under way finish and hand over their ticks, for at most the request
     * timeout + 1 s) and heartbeats, then flushes the buffered records to Kinesis (at most the
     * flush timeout).
     */
    @Override
    public synchronized void close() {
        if (lifecycle == ProducerState.STOPPED) {
            return;
        }
        boolean started = lifecycle != ProducerState.STARTING;
        lifecycle = ProducerState.STOPPED;
        if (started) {
            poller.close();
            heartbeats.close();
        }
        publisher.close();
        if (ownsKinesis) {
            kinesis.close();
        }
        LOG.info("producer stopped: {}", status().summary());
    }

    /** Optional parts; by default each comes from the configuration. */
    public static final class Builder {
        private final ProducerConfig config;
        private PacedClock pacer = PacedClock.system();
        private TradingCalendar calendar;
        private Map<String, String> environment = System.getenv();
        private TokenStore tokenStore;
        private KinesisClient kinesis;
        private long seed = System.nanoTime();

        private Builder(ProducerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The producer's time; default real time. Local runs share fyers-sim's: {@code PacedClock.scaled(sim.clock().asClock(), sim.clock().speed())}. */
        public Builder clock(PacedClock pacer) {
            this.pacer = Objects.requireNonNull(pacer, "pacer");
            return this;
        }

        /** Default: {@code schedule.holidaysFile}, else the bundled NSE calendar. */
        public Builder calendar(TradingCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        /** Where {@code FYERS_APP_SECRET} and {@code FYERS_PIN} are read; default the process environment. */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** Default: the store of {@code tokenStore.*}. */
        public Builder tokenStore(TokenStore store) {
            this.tokenStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** A Kinesis client the caller owns (and closes); default one built from {@code kinesis.*}. */
        public Builder kinesisClient(KinesisClient client) {
            this.kinesis = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Seed of the retry jitter; default random. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the parts; Fyers and Kinesis are not contacted before {@link #start()} (a Secrets
         * Manager token store is read here, for the app secret and PIN).
         *
         * @throws ConfigException when a configured file cannot be read
         */
        public Producer build() {
            return new Producer(this);
        }
    }
}
