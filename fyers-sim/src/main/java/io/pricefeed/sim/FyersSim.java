package io.pricefeed.sim;

import com.sun.net.httpserver.HttpServer;
import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fyers-sim: a local HTTP server that answers like the Fyers API v3 (same paths, parameters,
 * field names, envelopes, error codes, rate limits and token lifetimes; FYERS_API.md) from a
 * deterministic {@link MarketModel} on a {@link SimClock}, with optional fault injection.
 *
 * <pre>{@code
 * try (FyersSim sim = FyersSim.builder().clock(SimClock.stepped(SimClock.ist("2026-03-10T10:00"))).build().start()) {
 *     String header = sim.authorizationHeader(sim.issueAccessToken());
 *     // GET sim.baseUrl() + "/data/quotes?symbols=NSE:SBIN-EQ" with header "Authorization: " + header
 * }
 * }</pre>
 *
 * Endpoints: {@code GET /data/quotes}, {@code /data/history}, {@code /data/marketStatus},
 * {@code /api/v3/profile} (access token required), {@code POST /api/v3/validate-authcode} and
 * {@code /api/v3/validate-refresh-token}. The server binds 127.0.0.1 only.
 */
public final class FyersSim implements AutoCloseable {
    /** A Tuesday, one minute before the open, so a default run sees the opening. */
    public static final Instant DEFAULT_START = SimClock.ist("2026-03-10T09:14");
    public static final double DEFAULT_SPEED = 60;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_HTTP_THREADS = 4;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        // The JDK server writes a reply's headers and body in two writes; with Nagle's algorithm
        // the body then waits for the client's delayed ACK, about 40 ms per request on Linux,
        // which caps a client at ~25 calls a second. The JDK reads this flag once, when its
        // server configuration loads, so it is set before this class creates any server; an
        // explicit -D setting wins.
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    private final int requestedPort;
    private final int httpThreads;
    private final SimClock clock;
    private final MarketModel market;
    private final SimCredentials credentials;
    private final SimStats stats = new SimStats();
    private final TokenAuthority tokens;
    private final FaultInjector faults;
    private final RateLimiter limiter;
    private final RefreshMode refreshMode;
    private final ServedQuotes servedQuotes;

    private HttpServer server;
    private ExecutorService workers;
    private ScheduledExecutorService delays;
    private boolean closed;

    private FyersSim(Builder b, SimClock clock) {
        this.requestedPort = b.port;
        this.httpThreads = b.httpThreads;
        this.clock = clock;
        this.credentials = b.credentials;
        this.refreshMode = b.refreshMode;
        LocalDate anchor = b.anchorDay != null ? b.anchorDay : MarketModel.anchorFor(b.calendar, clock.start());
        this.market = new MarketModel(b.seed, b.symbols, b.calendar, anchor, b.marketParameters);
        this.tokens = new TokenAuthority(b.credentials, b.seed, b.faults.tokenExpiryAt());
        this.faults = new FaultInjector(b.faults, b.seed);
        this.limiter = new RateLimiter(b.rateLimits, stats);
        this.servedQuotes = b.recordServedQuotes ? new ServedQuotes() : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening on 127.0.0.1.
     *
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalStateException when already started or closed
     */
    public synchronized FyersSim start() {
        if (closed) {
            throw new IllegalStateException("this fyers-sim was closed; build a new one");
        }
        if (server != null) {
            throw new IllegalStateException("fyers-sim is already running at " + baseUrl());
        }
        workers = Executors.newFixedThreadPool(httpThreads, daemonThreads("fyers-sim-http"));
        delays = Executors.newSingleThreadScheduledExecutor(daemonThreads("fyers-sim-delay"));
        LoginEndpoints login = new LoginEndpoints(tokens, credentials, refreshMode);
        Map<String, ApiHandler.Route> routes = new LinkedHashMap<>();
        routes.put("/data/quotes", new ApiHandler.Route("GET", true, new QuotesEndpoint(market)));
        routes.put("/data/history", new ApiHandler.Route("GET", true, new HistoryEndpoint(market)));
        routes.put("/data/marketStatus", new ApiHandler.Route("GET", true, new MarketStatusEndpoint(market)));
        routes.put("/api/v3/profile", new ApiHandler.Route("GET", true, new ProfileEndpoint()));
        routes.put("/api/v3/validate-authcode", new ApiHandler.Route("POST", false, login::validateAuthCode));
        routes.put("/api/v3/validate-refresh-token", new ApiHandler.Route("POST", false, login::validateRefreshToken));
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
            s.createContext("/", new ApiHandler(routes, clock, tokens, limiter, faults, stats, delays, servedQuotes));
            s.setExecutor(workers);
            s.start();
            server = s;
        } catch (IOException e) {
            shutdownExecutors();
            throw new UncheckedIOException("fyers-sim cannot listen on 127.0.0.1:" + requestedPort, e);
        }
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the sim's stand-in for {@code https://api-t1.fyers.in}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The bound port (the random one when built with port 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("fyers-sim is not running; call start() first");
        }
        return server.getAddress().getPort();
    }

    /** Stops the server at once; replies still held back by a slow-response fault are dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (server != null) {
            server.stop(0);
            server = null;
        }
        shutdownExecutors();
    }

    /**
     * An access token as {@code validate-authcode} would return it now, for tests and local
     * runs that skip the login; it expires at the next 06:00 IST on the sim clock.
     */
    public String issueAccessToken() {
        return tokens.issueAccess(clock.now());
    }

    /** The {@code Authorization} header value for a token: {@code <client_id>:<access_token>}. */
    public String authorizationHeader(String accessToken) {
        return credentials.clientId() + ":" + accessToken;
    }

    /** Every access and refresh token this sim has issued: secrets a test can look for in logs. */
    public Set<String> issuedTokens() {
        return tokens.issuedTokens();
    }

    /** Expires every token issued so far, as when Fyers ends a session mid-day: data calls then get -8. */
    public void expireTokens() {
        tokens.expireAll();
    }

    /** Makes the next {@code times} data requests fail with {@code kind}, before any random faults. */
    public void injectFaults(FaultKind kind, int times) {
        faults.injectNext(Objects.requireNonNull(kind, "kind"), times);
    }

    public SimClock clock() {
        return clock;
    }

    public MarketModel market() {
        return market;
    }

    public SimStats stats() {
        return stats;
    }

    /**
     * The journal of delivered quotes.
     *
     * @throws IllegalStateException unless built with {@link Builder#recordServedQuotes()}
     */
    public ServedQuotes servedQuotes() {
        if (servedQuotes == null) {
            throw new IllegalStateException("this sim does not record served quotes; build it with recordServedQuotes()");
        }
        return servedQuotes;
    }

    public SimCredentials credentials() {
        return credentials;
    }

    private void shutdownExecutors() {
        if (delays != null) {
            delays.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true); // a forgotten sim must not keep a test JVM alive
            return t;
        };
    }

    @Override
    public synchronized String toString() {
        return "FyersSim[" + (server == null ? (closed ? "closed" : "not started") : baseUrl()) + ", " + clock
                + ", " + market.universe() + ", seed " + market.seed() + "]";
    }

    /** Settings of a sim; every one has a default, so {@code FyersSim.builder().build()} is a working sim. */
    public static final class Builder {
        private int port = 0;
        private long seed = DEFAULT_SEED;
        private SymbolUniverse symbols = SymbolUniverse.nifty50();
        private SimClock clock;
        private TradingCalendar calendar = TradingCalendar.nse();
        private LocalDate anchorDay;
        private MarketParameters marketParameters = MarketParameters.DEFAULTS;
        private RateLimits rateLimits = RateLimits.FYERS;
        private FaultPlan faults = FaultPlan.NONE;
        private SimCredentials credentials = SimCredentials.DEFAULT;
        private RefreshMode refreshMode = RefreshMode.DISABLED;
        private int httpThreads = DEFAULT_HTTP_THREADS;
        private boolean recordServedQuotes;

        private Builder() {
        }

        /** Keep a {@link ServedQuotes} journal of every quote delivered (tests; it grows without bound). */
        public Builder recordServedQuotes() {
            this.recordServedQuotes = true;
            return this;
        }

        /** TCP port on 127.0.0.1; default 0, a free port chosen at start. */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Seed of the market, the faults and the tokens; default {@value FyersSim#DEFAULT_SEED}. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Default: {@link SymbolUniverse#nifty50()}. */
        public Builder symbols(SymbolUniverse symbols) {
            this.symbols = Objects.requireNonNull(symbols, "symbols");
            return this;
        }

        /** Default: {@link FyersSim#DEFAULT_START} at {@value FyersSim#DEFAULT_SPEED}x, created when the sim is built. */
        public Builder clock(SimClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Default: {@link TradingCalendar#nse()}. */
        public Builder calendar(TradingCalendar calendar) {
            this.calendar = Objects.requireNonNull(calendar, "calendar");
            return this;
        }

        /**
         * The session whose close is each symbol's configured previous close; default the last
         * trading day before the clock's start date. Must be a trading day.
         */
        public Builder anchorDay(LocalDate anchorDay) {
            this.anchorDay = Objects.requireNonNull(anchorDay, "anchorDay");
            return this;
        }

        public Builder marketParameters(MarketParameters parameters) {
            this.marketParameters = Objects.requireNonNull(parameters, "parameters");
            return this;
        }

        /** Default: {@link RateLimits#FYERS}. */
        public Builder rateLimits(RateLimits limits) {
            this.rateLimits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Default: {@link FaultPlan#NONE}. */
        public Builder faults(FaultPlan faults) {
            this.faults = Objects.requireNonNull(faults, "faults");
            return this;
        }

        /** Default: {@link SimCredentials#DEFAULT}. */
        public Builder credentials(SimCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Default: {@link RefreshMode#DISABLED}, as Fyers in 2026. */
        public Builder refreshMode(RefreshMode mode) {
            this.refreshMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Threads answering requests; default {@value FyersSim#DEFAULT_HTTP_THREADS}. */
        public Builder httpThreads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("httpThreads must be 1..256, was " + threads);
            }
            this.httpThreads = threads;
            return this;
        }

        /**
         * @throws IllegalArgumentException when the settings do not fit together (e.g. an anchor
         *                                  day that is not a trading day)
         */
        public FyersSim build() {
            return new FyersSim(this, clock != null ? clock : SimClock.accelerated(DEFAULT_START, DEFAULT_SPEED));
        }
    }
}
