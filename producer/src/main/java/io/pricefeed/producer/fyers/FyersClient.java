package io.pricefeed.producer.fyers;

import io.pricefeed.producer.time.PacedClock;
import io.pricefeed.producer.metrics.ProducerMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Fyers v3 data endpoints the producer uses (FYERS_API.md §4): quotes, history and market
 * status, with {@code Authorization: <client_id>:<access_token>}.
 *
 * <p>Every request takes a permit from the shared {@link RequestBudget} first. Every failure comes
 * out as a classified {@link FyersApiException} (transport failures as {@code TRANSIENT}); retrying
 * is the caller's decision, except for two things that concern every endpoint alike and so are
 * handled here: a rate-limit reply pauses the budget, and an authentication error asks the
 * {@link AccessTokenSource} for a new token and repeats the call once, or ends in
 * {@link LoginRequiredException}.
 *
 * <p>Tokens are only ever put into the request header; no message or log line carries one.
 */
public final class FyersClient {
    private static final Logger LOG = LoggerFactory.getLogger(FyersClient.class);
    /** Documented maximum symbols per quotes call (FYERS_API.md §4.1). */
    public static final int MAX_QUOTE_SYMBOLS = 50;
    public static final String DEFAULT_DATA_BASE_URL = "https://api-t1.fyers.in/data";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final String dataBaseUrl;
    private final String clientId;
    private final AccessTokenSource tokens;
    private final RequestBudget budget;
    private final PacedClock pacer;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final ProducerMetrics metrics;

    private FyersClient(Builder b) {
        this.dataBaseUrl = stripSlash(b.dataBaseUrl.toString());
        this.clientId = b.clientId;
        this.tokens = b.tokens;
        this.budget = b.budget;
        this.pacer = b.pacer;
        this.requestTimeout = b.requestTimeout;
        this.metrics = b.metrics;
        this.http = b.http != null ? b.http : newHttpClient(b.connectTimeout);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** HTTP/1.1 explicitly: plain-HTTP stand-ins must not be offered an h2c upgrade. */
    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Quotes for up to {@value #MAX_QUOTE_SYMBOLS} symbols, stamped with the receive time.
     *
     * @throws FyersApiException      classified failure
     * @throws LoginRequiredException when no usable token remains
     */
    public QuotesParser.Quotes quotes(List<String> symbols) throws InterruptedException {
        if (symbols.isEmpty() || symbols.size() > MAX_QUOTE_SYMBOLS) {
            throw new IllegalArgumentException("a quotes call takes 1.." + MAX_QUOTE_SYMBOLS + " symbols, got " + symbols.size());
        }
        String query = "/quotes?symbols=" + URLEncoder.encode(String.join(",", symbols), StandardCharsets.UTF_8);
        return call(query, QuotesParser::parse);
    }

    /** Candles of one symbol; empty when Fyers has none for the range ({@code no_data}). */
    public List<HistoryCandle> history(HistoryRequest r) throws InterruptedException {
        String query = "/history?symbol=" + URLEncoder.encode(r.symbol(), StandardCharsets.UTF_8)
                + "&resolution=" + r.resolution() + "&date_format=1"
                + "&range_from=" + DateTimeFormatter.ISO_LOCAL_DATE.format(r.from())
                + "&range_to=" + DateTimeFormatter.ISO_LOCAL_DATE.format(r.to()) + "&cont_flag=1";
        return call(query, (status, body, receivedAt) -> HistoryCandle.parse(status, body));
    }

    /** The NSE capital-market status. */
    public MarketStatus marketStatus() throws InterruptedException {
        return call("/marketStatus", (status, body, receivedAt) -> MarketStatus.parse(status, body));
    }

    @FunctionalInterface
    private interface ReplyParser<T> {
        T parse(int httpStatus, byte[] body, long receivedAtMillis);
    }

    private <T> T call(String pathAndQuery, ReplyParser<T> parser) throws InterruptedException {
        URI uri = URI.create(dataBaseUrl + pathAndQuery);
        String token = tokens.accessToken();
        boolean renewed = false;
        while (true) {
            HttpResponse<byte[]> response = send(uri, token);
            long receivedAt = pacer.millis();
            try {
                return parser.parse(response.statusCode(), response.body(), receivedAt);
            } catch (FyersApiException e) {
                if (e.kind() == FyersErrorKind.RATE_LIMIT) {
                    onRateLimited(e);
                } else if (e.kind() == FyersErrorKind.MALFORMED) {
                    metrics.malformedReplies.incrementAndGet();
                } else if (e.kind() == FyersErrorKind.TRANSIENT) {
                    metrics.transientErrors.incrementAndGet();
                } else if (e.kind() == FyersErrorKind.AUTH) {
                    metrics.authErrors.incrementAndGet();
                    if (!renewed && tokens.renewAfterRejection(token, e)) {
                        renewed = true;
                        token = tokens.accessToken();
                        continue;
                    }
                    throw new LoginRequiredException(e.getMessage(), e);
                }
                throw e;
            }
        }
    }

    private HttpResponse<byte[]> send(URI uri, String token) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", clientId + ":" + token)
                .GET()
                .build();
        RequestBudget.Permit permit = budget.acquire(pacer);
        try {
            metrics.fyersCalls.incrementAndGet();
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            metrics.transientErrors.incrementAndGet();
            throw new FyersApiException(FyersErrorKind.TRANSIENT, 0, null,
                    "no reply from " + uri.getPath() + " within " + requestTimeout.toMillis() + " ms");
        } catch (IOException e) {
            metrics.transientErrors.incrementAndGet();
            throw new FyersApiException(FyersErrorKind.TRANSIENT, 0, null,
                    uri.getPath() + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            permit.close(); // the request now counts from its end (see RequestBudget)
        }
    }

    private void onRateLimited(FyersApiException e) {
        boolean apiViolation = e.code() != null;
        (apiViolation ? metrics.rateLimitReplies : metrics.rateLimitPages).incrementAndGet();
        RequestBudget.RateLimitResponse response = budget.onRateLimited(apiViolation);
        switch (response) {
            case SUSPENDED_FOR_DAY:
                LOG.error("Fyers rate limit hit again today ({}); all Fyers requests are suspended until the next IST day, "
                        + "so that Fyers does not block the user (more than 3 violations a day)", e.getMessage());
                break;
            case BACKED_OFF_AND_REDUCED:
                LOG.warn("Fyers rate limit hit ({}); pausing all requests and halving the request budget for the rest "
                        + "of the IST day ({})", e.getMessage(), budget);
                break;
            case BACKED_OFF:
                LOG.warn("Fyers answered with a rate-limit page ({}); pausing all requests", e.getMessage());
                break;
            default:
                break; // the reply to a request that left before the pause began
        }
        if (response != RequestBudget.RateLimitResponse.ALREADY_BACKING_OFF) {
            metrics.backoffs.incrementAndGet();
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return "FyersClient[" + dataBaseUrl + ", client " + clientId + "]";
    }

    /** The settings of a client; endpoints and timeouts have Fyers' production defaults. */
    public static final class Builder {
        private URI dataBaseUrl = URI.create(DEFAULT_DATA_BASE_URL);
        private String clientId;
        private AccessTokenSource tokens;
        private RequestBudget budget;
        private PacedClock pacer = PacedClock.system();
        private HttpClient http;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private ProducerMetrics metrics = new ProducerMetrics();

        private Builder() {
        }

        /** Default {@value FyersClient#DEFAULT_DATA_BASE_URL}; fyers-sim: {@code <sim.baseUrl()>/data}. */
        public Builder dataBaseUrl(URI url) {
            this.dataBaseUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            return this;
        }

        public Builder tokens(AccessTokenSource tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /** Shared by every client of the same Fyers app in this process. */
        public Builder budget(RequestBudget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        public Builder pacer(PacedClock pacer) {
            this.pacer = Objects.requireNonNull(pacer, "pacer");
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = Objects.requireNonNull(http, "http");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive("connectTimeout", timeout);
            return this;
        }

        /** How long to wait for a reply's headers, in real time; default 10 s. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive("requestTimeout", timeout);
            return this;
        }

        public Builder metrics(ProducerMetrics metrics) {
            this.metrics = Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        public FyersClient build() {
            if (clientId == null || tokens == null || budget == null) {
                throw new IllegalStateException("a FyersClient needs clientId, tokens and budget");
            }
            return new FyersClient(this);
        }

        private static Duration positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }
    }
}
