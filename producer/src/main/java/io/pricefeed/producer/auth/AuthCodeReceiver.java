package io.pricefeed.producer.auth;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The localhost end of the Fyers login redirect: a one-shot HTTP server on the redirect URI's
 * loopback port and path that waits for {@code ?s=ok&auth_code=...&state=...} (FYERS_API.md §2.2).
 *
 * <p>The {@code state} must be the one this login put in the login URL; a request with another
 * state is answered 400 and ignored (it did not come from our login, so it may be forged), and the
 * wait goes on. A redirect that reports an error ends the wait with that error. Neither the code nor
 * the state is ever logged.
 */
final class AuthCodeReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthCodeReceiver.class);

    private final HttpServer server;
    private final String path;
    private final byte[] expectedState;
    private final CompletableFuture<String> code = new CompletableFuture<>();

    private AuthCodeReceiver(HttpServer server, String path, String expectedState) {
        this.server = server;
        this.path = path;
        this.expectedState = expectedState.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Starts listening on the redirect URI's port, on the loopback interface only.
     *
     * @throws IllegalArgumentException when the redirect URI is not {@code http://127.0.0.1|localhost:<port>/...}
     * @throws IOException              when the port cannot be bound
     */
    static AuthCodeReceiver start(URI redirectUri, String expectedState) throws IOException {
        requireLoopback(redirectUri);
        String path = redirectUri.getRawPath() == null || redirectUri.getRawPath().isEmpty() ? "/" : redirectUri.getRawPath();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), redirectUri.getPort()), 8);
        AuthCodeReceiver receiver = new AuthCodeReceiver(server, path, expectedState);
        server.createContext("/", receiver::handle);
        server.start();
        return receiver;
    }

    static void requireLoopback(URI redirectUri) {
        String host = redirectUri.getHost() == null ? "" : redirectUri.getHost().toLowerCase(Locale.ROOT);
        if (!"http".equalsIgnoreCase(redirectUri.getScheme()) || redirectUri.getPort() <= 0
                || !(host.equals("127.0.0.1") || host.equals("localhost"))) {
            throw new IllegalArgumentException("the redirect URI must be http://127.0.0.1:<port>/<path> (or localhost) "
                    + "to receive the auth code on this machine; was " + redirectUri);
        }
    }

    /** The port actually bound. */
    int port() {
        return server.getAddress().getPort();
    }

    /**
     * Waits for the redirect.
     *
     * @throws LoginFailedException when it reports an error or does not come in time
     */
    String awaitCode(Duration timeout) throws InterruptedException {
        try {
            return code.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new LoginFailedException("no login redirect arrived within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof LoginFailedException lf ? lf : new LoginFailedException(e.getCause().toString());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            if (!path.equals(exchange.getRequestURI().getRawPath())) {
                reply(exchange, 404, "Not the Fyers login callback.");
                return;
            }
            Map<String, String> q = parseQuery(exchange.getRequestURI().getRawQuery());
            String state = q.getOrDefault("state", "");
            if (!MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), expectedState)) {
                LOG.warn("ignored a login callback whose state does not match this login's (a stale tab, or a forged request)");
                reply(exchange, 400, "This login link is not the one this login is waiting for. Start the login again.");
                return;
            }
            String authCode = q.get("auth_code");
            if (!"ok".equalsIgnoreCase(q.getOrDefault("s", "ok")) || authCode == null || authCode.isBlank()) {
                String message = q.getOrDefault("message", q.getOrDefault("code", "no auth_code in the redirect"));
                reply(exchange, 400, "Fyers login failed: " + escape(message));
                code.completeExceptionally(new LoginFailedException("Fyers reported a failed login: " + message));
                return;
            }
            reply(exchange, 200, "Fyers login received. You can close this tab; pricefeed is finishing the login.");
            code.complete(authCode);
        } finally {
            exchange.close();
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>pricefeed login</title></head><body><p>"
                + text + "</p></body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                params.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a malformed escape: ignore that parameter
            }
        }
        return params;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
