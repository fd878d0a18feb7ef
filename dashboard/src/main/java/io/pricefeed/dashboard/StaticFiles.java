package io.pricefeed.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The page and its scripts, from the jar ({@value #ROOT}): {@code /} is {@code index.html}. Only
 * the files named in {@link #TYPES} are served, so no path can reach anything else on the classpath.
 */
final class StaticFiles implements HttpHandler {
    static final String ROOT = "io/pricefeed/dashboard/static/";
    static final String CHARTS_BUNDLE = "lightweight-charts.standalone.production.js";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "dashboard.js", "text/javascript; charset=utf-8",
            "dashboard.css", "text/css; charset=utf-8",
            CHARTS_BUNDLE, "text/javascript; charset=utf-8");

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String name = "/".equals(path) ? "index.html" : path.substring(1);
            String type = TYPES.get(name);
            byte[] body = null;
            if (type != null) {
                try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
            } else if (body == null) {
                send(exchange, 404, "text/plain; charset=utf-8", ("no such page: " + path + "\n").getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 200, type, body);
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
