package io.pricefeed.dashboard;

import io.pricefeed.model.Timeframe;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one API request, read and checked in one place: a missing, malformed
 * or out-of-range value is an HTTP 400 whose message names the parameter; a parameter the
 * endpoint does not take is one too, so a typo ({@code ?timeframe=5m}) is not silently ignored.
 */
public final class ApiParameters {
    private final Map<String, String> values;

    private ApiParameters(Map<String, String> values) {
        this.values = values;
    }

    /** The parameters of {@code uri}, of which the endpoint takes only {@code accepted}. */
    public static ApiParameters of(URI uri, Set<String> accepted) {
        Map<String, String> values = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), "?");
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
                if (!accepted.contains(name)) {
                    throw ApiException.badParameter(name, accepted.isEmpty() ? "not taken here (this endpoint takes none)"
                            : "not taken here (expected " + String.join(", ", new TreeSet<>(accepted)) + ")");
                }
                if (values.putIfAbsent(name, value) != null) {
                    throw ApiException.badParameter(name, "given more than once");
                }
            }
        }
        return new ApiParameters(values);
    }

    /** A Fyers symbol such as {@code NSE:SBIN-EQ}; required. */
    public String symbol() {
        String symbol = required("symbol");
        if (!symbol.matches("[A-Z]+:[A-Z0-9&._-]+")) {
            throw ApiException.badParameter("symbol", "'" + symbol + "' is not a symbol such as NSE:SBIN-EQ");
        }
        return symbol;
    }

    /** {@code tf}: one of 1m, 5m, 15m, 1h, 1d; 1m when absent. */
    public Timeframe timeframe() {
        Optional<String> tf = optional("tf");
        if (tf.isEmpty()) {
            return Timeframe.M1;
        }
        return Timeframe.fromLabel(tf.get()).orElseThrow(() -> ApiException.badParameter("tf",
                "'" + tf.get() + "' is not a timeframe (expected one of 1m, 5m, 15m, 1h, 1d)"));
    }

    /** An epoch-millisecond instant, if given. */
    public Optional<Long> epochMillis(String name) {
        return optional(name).map(value -> {
            try {
                long millis = Long.parseLong(value);
                if (millis < 0) {
                    throw ApiException.badParameter(name, "must not be negative, got " + value);
                }
                return millis;
            } catch (NumberFormatException e) {
                throw ApiException.badParameter(name, "'" + value + "' is not a time in epoch milliseconds");
            }
        });
    }

    /** An IST trading date, {@code yyyy-MM-dd}, if given. */
    public Optional<LocalDate> date(String name) {
        return optional(name).map(value -> {
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.badParameter(name, "'" + value + "' is not a date yyyy-MM-dd");
            }
        });
    }

    /** A whole number in [min, max], {@code fallback} when absent. */
    public int integer(String name, int min, int max, int fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(value.get());
        } catch (NumberFormatException e) {
            throw ApiException.badParameter(name, "'" + value.get() + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw ApiException.badParameter(name, "must be between " + min + " and " + max + ", got " + n);
        }
        return n;
    }

    private String required(String name) {
        return optional(name).orElseThrow(() -> ApiException.badParameter(name, "required"));
    }

    private Optional<String> optional(String name) {
        String value = values.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank()) {
            throw ApiException.badParameter(name, "empty");
        }
        return Optional.of(value.trim());
    }

    private static String decode(String raw, String name) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, "badly URL-encoded");
        }
    }
}
