package io.pricefeed.producer.poll;

import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.fyers.RequestBudget;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.auth.FyersSession;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.fyers.FyersErrorKind;
import io.pricefeed.producer.fyers.LoginRequiredException;
import io.pricefeed.producer.fyers.MarketStatus;
import io.pricefeed.producer.fyers.QuotesParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls Fyers quotes for the configured symbols during the session and hands every changed quote
 * to a {@link TickSink} as a tick.
 *
 * <p><b>Schedule.</b> A scheduler thread follows {@link MarketSchedule}: outside the session it
 * makes no call at all and sleeps until the next open (weekends, holidays and nights included),
 * then resumes by itself. In the session it confirms with {@code /data/marketStatus} every
 * {@code marketStatusInterval} (an unscheduled closure stops polling; a status that cannot be read
 * does not: the calendar is trusted).
 *
 * <p><b>Polling.</b> Symbols are split into batches of up to 50, one quotes call each. Worker
 * threads take batches round-robin from a queue, so a batch is polled by one worker at a time (its
 * quotes, hence its ticks, stay in order) and no batch is polled more often than
 * {@code minBatchInterval}. Every call takes a permit from the shared {@link RequestBudget}, which
 * is what paces polling: the batches share the budget, as fast as it allows.
 *
 * <p><b>Failures</b> (FYERS_API.md §3, §9): a symbol Fyers refuses is dropped with one warning and
 * the rest of its batch kept; 5xx, timeouts, resets and malformed replies retry that batch with
 * jittered exponential backoff while the others go on; a rate-limit reply pauses everything (in the
 * budget); an authentication error that no refresh can fix makes every worker wait in
 * {@link FyersSession#awaitAccessToken()} until a new login appears. Nothing here ends the poller
 * but {@link #close()}.
 */
public final class QuotePoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QuotePoller.class);

    private final FyersClient client;
    private final FyersSession session;
    private final RequestBudget budget;
    private final MarketSchedule schedule;
    private final PacedClock pacer;
    private final ChangeDetector changes;
    private final TickSink sink;
    private final Duration minBatchInterval;
    private final int concurrency;
    private final Backoff retryBackoff;
    private final Duration marketStatusInterval;
    private final ProducerMetrics metrics;
    private final LinkedBlockingQueue<SymbolBatch> queue = new LinkedBlockingQueue<>();
    private final int batchCount;
    private final AtomicInteger symbolCount = new AtomicInteger();
    private final AtomicInteger batchesBackingOff = new AtomicInteger();

    private final Object gateLock = new Object();
    /** Guards {@link #running} against {@link #inCall}: a call starts only while running, and close() spares those under way. */
    private final Object callLock = new Object();
    private final Set<Thread> inCall = new HashSet<>();
    private final Duration shutdownGrace;
    private volatile boolean gateOpen;
    private volatile String idleReason = "not started";
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();

    private QuotePoller(Builder b) {
        this.client = b.client;
        this.session = b.session;
        this.budget = b.budget;
        this.schedule = b.schedule;
        this.pacer = b.pacer;
        this.changes = b.changes;
        this.sink = b.sink;
        this.minBatchInterval = b.minBatchInterval;
        this.concurrency = b.concurrency;
        this.retryBackoff = b.retryBackoff;
        this.marketStatusInterval = b.marketStatusInterval;
        this.metrics = b.metrics;
        this.shutdownGrace = b.shutdownGrace;
        List<SymbolBatch> batches = SymbolBatch.split(b.symbols, b.batchSize);
        this.batchCount = batches.size();
        this.symbolCount.set(b.symbols.size());
        queue.addAll(batches);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts the scheduler and the workers. */
    public synchronized QuotePoller start() {
        if (running || !threads.isEmpty()) {
            throw new IllegalStateException("the poller was already started");
        }
        running = true;
        threads.add(thread("pricefeed-poll-schedule", this::scheduleLoop));
        for (int i = 1; i <= concurrency; i++) {
            threads.add(thread("pricefeed-poll-" + i, this::workerLoop));
        }
        threads.forEach(Thread::start);
        LOG.info("polling {} symbols in {} batches with {} workers ({})", symbolCount.get(), batchCount, concurrency, budget);
        return this;
    }

    /** True while the market is open (calendar, confirmed by market status) and workers may poll. */
    public boolean isPollingAllowed() {
        return gateOpen && running;
    }

    /** Why the poller is idle (calendar, market status); meaningful when {@link #isPollingAllowed()} is false. */
    public String idleReason() {
        return idleReason;
    }

    /** Batches currently waiting out a retry backoff. */
    public int batchesBackingOff() {
        return batchesBackingOff.get();
    }

    public int batchCount() {
        return batchCount;
    }

    /** Symbols still polled (configured ones less those Fyers refused). */
    public int symbolCount() {
        return symbolCount.get();
    }

    /**
     * Stops polling. Calls under way are let finish (for at most the shutdown grace) and their
     * ticks handed to the sink, so a reply Fyers sent is not thrown away; waiting workers stop at once.
     */
    @Override
    public void close() {
        List<Thread> toStop;
        synchronized (this) {
            toStop = new ArrayList<>(threads);
        }
        synchronized (callLock) {
            running = false;
            for (Thread t : toStop) {
                if (!inCall.contains(t)) {
                    t.interrupt();
                }
            }
        }
        synchronized (gateLock) {
            gateLock.notifyAll();
        }
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        try {
            for (Thread t : toStop) {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            for (Thread t : toStop) {
                if (t.isAlive()) {
                    LOG.warn("{} did not finish its call within {}; interrupting it", t.getName(), shutdownGrace);
                    t.interrupt();
                    t.join(5_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the scheduler ----------------------------------------------------------------------

    private void scheduleLoop() {
        int statusFailures = 0;
        while (running) {
            try {
                long now = pacer.millis();
                if (!schedule.isPollingTime(now)) {
                    long next = schedule.nextPollingStart(now);
                    closeGate("market closed by the NSE calendar; next session opens " + TradingCalendar.formatIst(next));
                    pacer.sleepUntil(next);
                    statusFailures = 0;
                    continue;
                }
                long nextCheck;
                try {
                    MarketStatus status = client.marketStatus();
                    metrics.marketStatusChecks.incrementAndGet();
                    statusFailures = 0;
                    if (status.isOpen()) {
                        openGate();
                    } else {
                        closeGate("Fyers reports NSE " + status.status() + " during calendar hours (an unscheduled "
                                + "closure?); checking again in " + marketStatusInterval.toMinutes() + " min");
                    }
                    nextCheck = now + marketStatusInterval.toMillis();
                } catch (FyersApiException e) {
                    // The calendar says open; a status we cannot read must not stop the polling.
                    statusFailures++;
                    long retry = retryBackoff.delay(statusFailures).toMillis();
                    LOG.warn("market status unavailable ({}); trusting the NSE calendar, asking again in {} ms", e.getMessage(), retry);
                    openGate();
                    nextCheck = now + Math.min(retry, marketStatusInterval.toMillis());
                } catch (LoginRequiredException e) {
                    session.awaitAccessToken(); // the session has logged why
                    continue;
                }
                pacer.sleepUntil(Math.min(nextCheck, schedule.pollingEnd(now)));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("the poll scheduler failed; it carries on", e);
                try {
                    pacer.sleep(retryBackoff.max());
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void openGate() {
        synchronized (gateLock) {
            if (!gateOpen) {
                LOG.info("NSE session open: polling {} symbols", symbolCount.get());
            }
            gateOpen = true;
            idleReason = "";
            gateLock.notifyAll();
        }
    }

    private void closeGate(String reason) {
        synchronized (gateLock) {
            if (gateOpen || !reason.equals(idleReason)) {
                LOG.info("not polling: {}", reason);
            }
            gateOpen = false;
            idleReason = reason;
        }
    }

    private void awaitGate() throws InterruptedException {
        synchronized (gateLock) {
            while (running && !gateOpen) {
                gateLock.wait(1_000);
            }
        }
    }

    // ---- the workers ------------------------------------------------------------------------

    private void workerLoop() {
        while (running) {
            SymbolBatch batch = null;
            try {
                awaitGate();
                batch = queue.take();
                pollOnce(batch);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("polling {} failed unexpectedly; it will be retried", batch, e);
                if (batch != null) {
                    backOff(batch, pacer.millis());
                }
            } finally {
                if (batch != null && !batch.isEmpty()) {
                    queue.add(batch);
                }
            }
        }
    }

    private void pollOnce(SymbolBatch batch) throws InterruptedException {
        pacer.sleepUntil(batch.notBefore());
        if (!mayPoll()) {
            return;
        }
        session.awaitAccessToken();
        if (!mayPoll()) {
            return;
        }
        synchronized (callLock) {
            if (!running) {
                return;
            }
            inCall.add(Thread.currentThread());
        }
        try {
            call(batch);
        } finally {
            synchronized (callLock) {
                inCall.remove(Thread.currentThread());
            }
        }
    }

    /** One quotes call and the handing over of its ticks; close() lets it finish. */
    private void call(SymbolBatch batch) throws InterruptedException {
        long started = pacer.millis();
        QuotesParser.Quotes quotes;
        try {
            quotes = client.quotes(batch.symbols());
        } catch (LoginRequiredException e) {
            metrics.quoteCallsFailed.incrementAndGet();
            return; // the session logged it once; the next round waits in awaitAccessToken
        } catch (FyersApiException e) {
            metrics.quoteCallsFailed.incrementAndGet();
            onFailure(batch, e);
            return;
        }
        metrics.quoteCallsOk.incrementAndGet();
        if (batch.consecutiveFailures() > 0) {
            batchesBackingOff.decrementAndGet();
            LOG.info("quotes for {} work again after {} failed attempts", batch, batch.consecutiveFailures());
        }
        batch.succeeded();
        batch.notBefore(started + minBatchInterval.toMillis());
        dropRefused(batch, quotes.invalidSymbols());
        for (Tick tick : quotes.ticks()) {
            metrics.quotesReceived.incrementAndGet();
            if (changes.isChange(tick)) {
                sink.accept(tick);
                metrics.ticksEmitted.incrementAndGet();
            }
        }
    }

    private boolean mayPoll() {
        return running && gateOpen && schedule.isPollingTime(pacer.millis());
    }

    private void dropRefused(SymbolBatch batch, Map<String, String> refused) {
        for (Map.Entry<String, String> e : refused.entrySet()) {
            if (batch.symbols().contains(e.getKey())) {
                batch.remove(e.getKey());
                symbolCount.decrementAndGet();
                metrics.symbolsRejected.incrementAndGet();
                LOG.warn("Fyers refused symbol {} ({}); it is no longer polled", e.getKey(), e.getValue());
            }
        }
    }

    private void onFailure(SymbolBatch batch, FyersApiException e) {
        long now = pacer.millis();
        FyersErrorKind kind = e.kind();
        switch (kind) {
            case RATE_LIMIT:
                // The client has paused the whole budget; this batch simply waits for it.
                break;
            case INVALID_SYMBOL:
                // Only when every symbol of the call is unknown does Fyers fail the whole call (-300).
                for (String symbol : new ArrayList<>(batch.symbols())) {
                    batch.remove(symbol);
                    symbolCount.decrementAndGet();
                    metrics.symbolsRejected.incrementAndGet();
                    LOG.warn("Fyers refused symbol {} ({}); it is no longer polled", symbol, e.getMessage());
                }
                break;
            case TRANSIENT:
            case MALFORMED: {
                long delay = backOff(batch, now);
                LOG.warn("quotes for {} failed ({}); retry {} in {} ms", batch, e.getMessage(), batch.consecutiveFailures(), delay);
                break;
            }
            default: {
                // -50 or an unknown code: not fixed by retrying soon, but not worth stopping the producer for.
                backOff(batch, now);
                batch.notBefore(now + retryBackoff.max().toMillis());
                LOG.error("quotes for {} were refused ({}); retrying in {} s", batch, e.getMessage(), retryBackoff.max().toSeconds());
                break;
            }
        }
    }

    /** Schedules the batch's next attempt after a jittered exponential delay; returns the delay. */
    private long backOff(SymbolBatch batch, long now) {
        if (batch.consecutiveFailures() == 0) {
            batchesBackingOff.incrementAndGet();
        }
        int attempt = batch.failed();
        long delay = retryBackoff.delay(attempt).toMillis();
        batch.notBefore(now + delay);
        metrics.backoffs.incrementAndGet();
        return delay;
    }

    private static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** Settings; defaults as in {@code ProducerConfig.DEFAULTS_JSON}. */
    public static final class Builder {
        private FyersClient client;
        private FyersSession session;
        private RequestBudget budget;
        private MarketSchedule schedule;
        private PacedClock pacer = PacedClock.system();
        private ChangeDetector changes = new ChangeDetector();
        private TickSink sink;
        private List<String> symbols;
        private int batchSize = FyersClient.MAX_QUOTE_SYMBOLS;
        private Duration minBatchInterval = Duration.ofSeconds(1);
        private int concurrency = 2;
        private Backoff retryBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 1);
        private Duration marketStatusInterval = Duration.ofMinutes(5);
        private ProducerMetrics metrics = new ProducerMetrics();
        private Duration shutdownGrace = Duration.ofSeconds(11);

        private Builder() {
        }

        public Builder client(FyersClient client) {
            this.client = Objects.requireNonNull(client);
            return this;
        }

        public Builder session(FyersSession session) {
            this.session = Objects.requireNonNull(session);
            return this;
        }

        /** The same budget the client takes permits from (the poller reads its state). */
        public Builder budget(RequestBudget budget) {
            this.budget = Objects.requireNonNull(budget);
            return this;
        }

        public Builder schedule(MarketSchedule schedule) {
            this.schedule = Objects.requireNonNull(schedule);
            return this;
        }

        public Builder pacer(PacedClock pacer) {
            this.pacer = Objects.requireNonNull(pacer);
            return this;
        }

        public Builder changes(ChangeDetector changes) {
            this.changes = Objects.requireNonNull(changes);
            return this;
        }

        public Builder sink(TickSink sink) {
            this.sink = Objects.requireNonNull(sink);
            return this;
        }

        public Builder symbols(List<String> symbols) {
            if (symbols.isEmpty()) {
                throw new IllegalArgumentException("no symbols to poll");
            }
            this.symbols = List.copyOf(symbols);
            return this;
        }

        public Builder batchSize(int size) {
            if (size < 1 || size > FyersClient.MAX_QUOTE_SYMBOLS) {
                throw new IllegalArgumentException("batchSize must be 1.." + FyersClient.MAX_QUOTE_SYMBOLS + ", was " + size);
            }
            this.batchSize = size;
            return this;
        }

        public Builder minBatchInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("minBatchInterval must not be negative");
            }
            this.minBatchInterval = interval;
            return this;
        }

        public Builder concurrency(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("concurrency must be >= 1, was " + workers);
            }
            this.concurrency = workers;
            return this;
        }

        public Builder retryBackoff(Backoff backoff) {
            this.retryBackoff = Objects.requireNonNull(backoff);
            return this;
        }

        public Builder marketStatusInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("marketStatusInterval must be positive");
            }
            this.marketStatusInterval = interval;
            return this;
        }

        public Builder metrics(ProducerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics);
            return this;
        }

        /** How long close() lets calls under way finish (real time); a little over the request timeout. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace);
            return this;
        }

        public QuotePoller build() {
            if (client == null || session == null || budget == null || schedule == null || sink == null || symbols == null) {
                throw new IllegalStateException("a QuotePoller needs client, session, budget, schedule, sink and symbols");
            }
            return new QuotePoller(this);
        }
    }
}
