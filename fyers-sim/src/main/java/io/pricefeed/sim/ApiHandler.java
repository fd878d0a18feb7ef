package io.pricefeed.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request of the sim goes through here: route, then for token-protected endpoints the
 * pipeline a real Fyers call meets — injected faults in front, token check, rate limit, the
 * endpoint — and the counting of each outcome in {@link SimStats}.
 *
 * <p>Request headers are never logged: they carry the access token.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Map<String, Route> routes;
    private final SimClock clock;
    private final TokenAuthority tokens;
    private final RateLimiter limiter;
    private final FaultInjector faults;
    private final SimStats stats;
    private final ScheduledExecutorService delays;
    /** Null unless the sim records what it delivers. */
    private final ServedQuotes served;

    ApiHandler(Map<String, Route> routes, SimClock clock, TokenAuthority tokens, RateLimiter limiter,
               FaultInjector faults, SimStats stats, ScheduledExecutorService delays, ServedQuotes served) {
        this.routes = Map.copyOf(routes);
        this.clock = clock;
        this.tokens = tokens;
        this.limiter = limiter;
        this.faults = faults;
        this.stats = stats;
        this.delays = delays;
        this.served = served;
    }

    /** An endpoint with its HTTP method, and whether it needs an access token. */
    record Route(String method, boolean tokenRequired, Endpoint endpoint) {
    }

    @Override
    public void handle(HttpExchange exchange) {
        stats.countRequest();
        Outcome outcome;
        SimRequest request = null;
        try {
            request = SimRequest.read(exchange);
            outcome = route(request);
        } catch (IllegalArgumentException e) {
            // Only the query parsing throws this before routing: a malformed percent-escape.
            outcome = request == null ? now(SimReply.error(FyersError.INVALID_INPUT.detail("malformed query string")))
                    : unexpected(request, e);
        } catch (IOException | RuntimeException e) {
            outcome = unexpected(request, e);
        }
        send(exchange, outcome);
    }

    private Outcome route(SimRequest request) {
        Route route = routes.get(request.path());
        if (route == null) {
            return now(SimReply.error(FyersError.INVALID_INPUT.status(404).detail("no endpoint " + request.path())));
        }
        if (!route.method().equals(request.method())) {
            return now(SimReply.error(FyersError.INVALID_INPUT.status(405)
                    .detail(request.path() + " takes " + route.method() + ", not " + request.method())));
        }
        long nowMillis = clock.now();
        if (!route.tokenRequired()) {
            return now(countServed(route.endpoint().handle(request, nowMillis)));
        }

        FaultKind fault = faults.next();
        if (fault == FaultKind.SERVER_ERROR || fault == FaultKind.HTML_PAGE || fault == FaultKind.CLOUDFLARE_429
                || fault == FaultKind.RATE_LIMITED) {
            stats.countFault(fault);
            return now(faults.replace(fault));
        }
        SimReply reply;
        TokenAuthority.Check check = tokens.authenticate(request.authorization(), nowMillis);
        if (!check.ok()) {
            stats.countAuthFailure();
            reply = SimReply.error(check.error());
        } else if (!limiter.tryAcquire(check.token(), nowMillis)) {
            reply = SimReply.error(FyersError.RATE_LIMITED);
        } else {
            reply = route.endpoint().handle(request, nowMillis);
        }
        if (fault == FaultKind.TRUNCATED_JSON) {
            stats.countFault(fault);
            return now(FaultInjector.truncate(reply));
        }
        countServed(reply);
        if (fault == FaultKind.SLOW_RESPONSE) {
            stats.countFault(fault);
            return new Outcome(reply, faults.slowDelayMillis());
        }
        if (served != null && reply.status() == 200 && "/data/quotes".equals(request.path())) {
            served.record(nowMillis, reply.body());
        }
        return now(reply);
    }

    private SimReply countServed(SimReply reply) {
        if (reply.status() == 200) {
            stats.countServed();
        }
        return reply;
    }

    private Outcome unexpected(SimRequest request, Exception e) {
        LOG.warn("fyers-sim failed on {} {}", request == null ? "?" : request.method(), request == null ? "?" : request.path(), e);
        return now(SimReply.error(FyersError.UNEXPECTED));
    }

    private void send(HttpExchange exchange, Outcome outcome) {
        if (outcome.delayMillis() <= 0) {
            write(exchange, outcome.reply());
            return;
        }
        try {
            // Scheduled rather than slept, so a slow reply holds no worker thread.
            delays.schedule(() -> write(exchange, outcome.reply()), outcome.delayMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            exchange.close(); // the sim is closing
        }
    }

    private static void write(HttpExchange exchange, SimReply reply) {
        try {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            byte[] body = reply.body();
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            LOG.debug("fyers-sim client went away before its reply was sent: {}", e.toString());
        } finally {
            exchange.close();
        }
    }

    private static Outcome now(SimReply reply) {
        return new Outcome(reply, 0);
    }

    private record Outcome(SimReply reply, long delayMillis) {
    }
}
