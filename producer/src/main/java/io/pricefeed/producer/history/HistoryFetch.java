package io.pricefeed.producer.history;

import io.pricefeed.model.HistoryCandleLine;
import io.pricefeed.model.TradingCalendar;
import io.pricefeed.producer.time.Backoff;
import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.config.ProducerConfig;
import io.pricefeed.producer.metrics.ProducerMetrics;
import io.pricefeed.producer.auth.AppCredentials;
import io.pricefeed.producer.auth.FyersSession;
import io.pricefeed.producer.auth.TokenStore;
import io.pricefeed.producer.auth.TokenStores;
import io.pricefeed.producer.fyers.FyersApiException;
import io.pricefeed.producer.auth.FyersAuthClient;
import io.pricefeed.producer.fyers.FyersClient;
import io.pricefeed.producer.fyers.FyersErrorKind;
import io.pricefeed.producer.fyers.HistoryCandle;
import io.pricefeed.producer.fyers.RequestBudget;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetch stage of {@code ./pricefeed backfill}: {@code /data/history} for every symbol and
 * chunk ({@link HistoryChunk#plan}), through the producer's {@link FyersClient}, so its request
 * budget and error handling apply, into a {@link HistoryStage}.
 *
 * <ul>
 *   <li>A chunk already staged is not fetched again: an interrupted run resumes where it stopped.</li>
 *   <li>Completed candles only: the range ends with the last session that has closed on the clock,
 *       and a candle that has not ended is dropped (Fyers returns the forming one).</li>
 *   <li>Session candles only (09:15-15:30 IST of an NSE trading day): bars exist for nothing else.</li>
 *   <li>-429: the client pauses its budget; the chunk is asked again when the pause ends.
 *       5xx, timeouts, malformed replies: retried with backoff, then the run stops.</li>
 *   <li>-300: the symbol is skipped and reported; the other symbols go on.</li>
 *   <li>-50 cannot be earned (chunks are never over-long); if Fyers still answers it, the run stops
 *       naming the request. Authentication errors stop it with "login required".</li>
 * </ul>
 */
public final class HistoryFetch {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryFetch.class);
    static final int MAX_ATTEMPTS = 6;

    private final FyersClient client;
    private final HistoryStage stage;
    private final PacedClock pacer;
    private final TradingCalendar calendar;
    private final ProducerMetrics metrics;
    private final Backoff retry;

    public HistoryFetch(FyersClient client, HistoryStage stage, PacedClock pacer, TradingCalendar calendar,
                        ProducerMetrics metrics, Backoff retry) {
        this.client = Objects.requireNonNull(client, "client");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * A fetch with the Fyers part of a producer configuration ({@code fyers.*}, {@code tokenStore.*},
     * {@code limits.*}, {@code polling.retry*}): the login of {@code ./pricefeed login}.
     */
    public static HistoryFetch fromConfig(ProducerConfig config, HistoryStage stage, PacedClock pacer,
                                          TradingCalendar calendar, Map<String, String> environment) {
        ProducerMetrics metrics = new ProducerMetrics();
        TokenStore store = TokenStores.open(config, pacer.clock());
        AppCredentials app = TokenStores.credentials(config, store, environment);
        ProducerConfig.Limits limits = config.limits();
        RequestBudget budget = RequestBudget.builder().perSecond(limits.perSecond()).perMinute(limits.perMinute())
                .perDay(limits.perDay()).safetyMargin(limits.safetyMargin()).rateLimitBackoff(limits.rateLimitBackoff())
                .clock(pacer.clock()).build();
        ProducerConfig.Fyers fyers = config.fyers();
        HttpClient http = FyersClient.newHttpClient(fyers.connectTimeout());
        FyersAuthClient auth = new FyersAuthClient(fyers.apiBaseUrl(), http, fyers.requestTimeout(), budget, pacer);
        FyersSession session = new FyersSession(store, auth, app, pacer, config.tokenStore().reloadInterval(), metrics);
        FyersClient client = FyersClient.builder().dataBaseUrl(fyers.dataBaseUrl()).clientId(fyers.clientId())
                .tokens(session).budget(budget).pacer(pacer).httpClient(http).requestTimeout(fyers.requestTimeout())
                .metrics(metrics).build();
        ProducerConfig.Polling p = config.polling();
        return new HistoryFetch(client, stage, pacer, calendar, metrics,
                new Backoff(p.retryBaseDelay(), p.retryMaxDelay(), System.nanoTime()));
    }

    /** The last date whose session has closed on the clock: history is complete up to it. */
    public LocalDate lastCompleteDay() {
        long now = pacer.millis();
        LocalDate today = TradingCalendar.tradeDate(now);
        return now >= TradingCalendar.sessionClose(today) ? today : today.minusDays(1);
    }

    /** Every chunk of the run, symbol by symbol, with {@code to} already cut to {@link #lastCompleteDay()}. */
    public List<HistoryChunk> plan(List<String> symbols, String resolution, LocalDate from, LocalDate to) {
        LocalDate complete = lastCompleteDay();
        LocalDate end = to.isAfter(complete) ? complete : to;
        List<HistoryChunk> chunks = new ArrayList<>();
        if (end.isBefore(from)) {
            return chunks;
        }
        for (String symbol : symbols) {
            chunks.addAll(HistoryChunk.plan(symbol, resolution, from, end));
        }
        return chunks;
    }

    /**
     * Fetches and stages every chunk of {@code plan} not staged yet, updating {@code progress}.
     *
     * @return the chunks staged (now or before), in plan order; a skipped symbol's are left out
     * @throws InterruptedException when the thread is interrupted (what is staged stays staged)
     * @throws io.pricefeed.producer.fyers.LoginRequiredException when no usable Fyers login remains
     * @throws FyersApiException    when Fyers keeps failing, or refuses a request as invalid
     */
    public List<HistoryChunk> run(List<HistoryChunk> plan, FetchProgress progress) throws InterruptedException {
        List<String> symbols = plan.stream().map(HistoryChunk::symbol).distinct().toList();
        progress.plan(symbols.size(), plan.size());
        List<HistoryChunk> staged = new ArrayList<>();
        for (String symbol : symbols) {
            List<HistoryChunk> chunks = plan.stream().filter(c -> c.symbol().equals(symbol)).toList();
            for (int i = 0; i < chunks.size(); i++) {
                HistoryChunk chunk = chunks.get(i);
                if (stage.isStaged(chunk)) {
                    progress.resumed();
                    staged.add(chunk);
                    continue;
                }
                List<HistoryCandle> candles;
                try {
                    candles = fetch(chunk);
                } catch (FyersApiException e) {
                    if (e.kind() != FyersErrorKind.INVALID_SYMBOL) {
                        throw e;
                    }
                    LOG.warn("{}: Fyers refused the symbol ({}); skipping it", symbol, e.getMessage());
                    progress.skipped(symbol, e.getMessage(), chunks.size() - i);
                    staged.removeIf(c -> c.symbol().equals(symbol));
                    break;
                }
                List<HistoryCandle> kept = completedSessionCandles(chunk, candles);
                stage.write(chunk, kept);
                progress.fetched(kept.size(), candles.size() - kept.size());
                staged.add(chunk);
            }
            progress.symbolDone();
        }
        return staged;
    }

    /** One chunk, asked again after a rate-limit pause or, with backoff, after a transient failure. */
    private List<HistoryCandle> fetch(HistoryChunk chunk) throws InterruptedException {
        int failures = 0;
        while (true) {
            try {
                return client.history(chunk.request());
            } catch (FyersApiException e) {
                if (e.kind() == FyersErrorKind.RATE_LIMIT) {
                    // The client paused the shared budget; the next call waits for the pause to end.
                    LOG.info("{}: rate-limited; asking again when the pause ends", chunk);
                    continue;
                }
                if (e.kind() == FyersErrorKind.INVALID_INPUT) {
                    throw new FyersApiException(e.kind(), e.httpStatus(), e.code(), "Fyers refused the history request "
                            + chunk + " as invalid: " + e.getMessage());
                }
                if (!e.kind().isRetryable() || ++failures >= MAX_ATTEMPTS) {
                    throw e;
                }
                Duration wait = retry.delay(failures);
                LOG.warn("{}: {} (attempt {} of {}); retrying in {} ms", chunk, e.getMessage(), failures, MAX_ATTEMPTS,
                        wait.toMillis());
                pacer.sleep(wait);
            }
        }
    }

    private List<HistoryCandle> completedSessionCandles(HistoryChunk chunk, List<HistoryCandle> candles) {
        long now = pacer.millis();
        boolean daily = HistoryCandleLine.DAY.equals(chunk.resolution());
        List<HistoryCandle> kept = new ArrayList<>(candles.size());
        for (HistoryCandle c : candles) {
            long start = c.startEpochSecond() * 1000;
            LocalDate day = HistoryCandleLine.tradeDate(chunk.resolution(), c.startEpochSecond());
            boolean inRange = !day.isBefore(chunk.from()) && !day.isAfter(chunk.to());
            boolean session = daily ? calendar.isTradingDay(day) : calendar.isSessionTime(start);
            long end = daily ? TradingCalendar.sessionClose(day) : start + 60_000;
            if (inRange && session && end <= now) {
                kept.add(c);
            }
        }
        return kept;
    }

    /** Fyers requests sent, every attempt. */
    public long calls() {
        return metrics.fyersCalls.get();
    }

    /** Rate-limit replies (each paused every request for the backoff). */
    public long rateLimitWaits() {
        return metrics.rateLimitReplies.get() + metrics.rateLimitPages.get();
    }
}
