package io.pricefeed.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.pricefeed.athena.QueryException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Serves one {@link Endpoint} as JSON: GET only (405 otherwise), the endpoint's value with 200,
 * and every failure as {@code {"error": "<one line>"}}: the endpoint's own status for an
 * {@link ApiException}, 502 when DynamoDB fails, 500 for the lake's SQL or anything else.
 */
final class ApiHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Endpoint endpoint;

    ApiHandler(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            Object body;
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET");
                status = 405;
                body = Map.of("error", "method " + exchange.getRequestMethod() + " not allowed: the API is read-only (GET)");
            } else {
                try {
                    body = endpoint.get(exchange.getRequestURI());
                    status = 200;
                } catch (ApiException e) {
                    status = e.status();
                    body = Map.of("error", e.getMessage());
                } catch (SdkException e) {
                    LOG.warn("DynamoDB failed for {}", exchange.getRequestURI(), e);
                    status = 502;
                    body = Map.of("error", "DynamoDB: " + firstLine(e.getMessage()));
                } catch (QueryException e) {
                    LOG.warn("the lake query failed for {}", exchange.getRequestURI(), e);
                    status = 500;
                    body = Map.of("error", "lake: " + firstLine(e.getMessage()));
                } catch (RuntimeException e) {
                    LOG.error("{} failed", exchange.getRequestURI(), e);
                    status = 500;
                    body = Map.of("error", "internal error: " + firstLine(String.valueOf(e.getMessage())));
                }
            }
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            // Live data: a cached answer would freeze the chart.
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }
}
