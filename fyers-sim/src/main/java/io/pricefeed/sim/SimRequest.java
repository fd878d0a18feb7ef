package io.pricefeed.sim;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of an HTTP request the endpoints read. Query values are URL-decoded (so
 * {@code NSE%3AM%26M-EQ} is {@code NSE:M&M-EQ}); a repeated parameter keeps its first value.
 */
record SimRequest(String method, String path, Map<String, String> query, String authorization, byte[] body) {
    /** Larger bodies are cut: no Fyers call sends more than a few hundred bytes. */
    private static final int MAX_BODY = 64 * 1024;

    static SimRequest read(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY);
            in.transferTo(OutputStream.nullOutputStream()); // drain, so the connection can be reused
        }
        String path = exchange.getRequestURI().getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1); // the SDKs are inconsistent about a trailing slash
        }
        return new SimRequest(exchange.getRequestMethod(), path, parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders().getFirst("Authorization"), body);
    }

    String param(String name) {
        return query.get(name);
    }

    /**
     * @throws IllegalArgumentException for a malformed percent-escape
     */
    static Map<String, String> parseQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(key, value);
        }
        return Collections.unmodifiableMap(params);
    }
}
