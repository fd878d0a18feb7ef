package io.pricefeed.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /data/history?symbol=&resolution=&date_format=&range_from=&range_to=}
 * (FYERS_API.md §4.2): candles {@code [epochSec, o, h, l, c, v]} read from the same market
 * paths as the quotes, up to the simulated now (the current candle still forming).
 *
 * <p>Minute resolutions are aligned to 09:15 IST; {@code D} candles are stamped 00:00 UTC of
 * their date. A range may span at most 100 days for minute resolutions and 366 for {@code D};
 * a range without a session answers {@code {"s":"no_data","candles":[]}}. Second resolutions
 * are not simulated and answer -50 like any unknown resolution.
 */
final class HistoryEndpoint implements Endpoint {
    static final int MAX_INTRADAY_DAYS = 100;
    static final int MAX_DAILY_DAYS = 366;
    private static final Set<String> MINUTE_RESOLUTIONS =
            Set.of("1", "2", "3", "5", "10", "15", "20", "30", "45", "60", "120", "180", "240");
    private static final FyersError UNKNOWN_SYMBOL = new FyersError(400, -300, "Invalid symbol provided");

    private final MarketModel market;

    HistoryEndpoint(MarketModel market) {
        this.market = market;
    }

    @Override
    public SimReply handle(SimRequest request, long nowMillis) {
        String symbol = request.param("symbol");
        if (symbol == null || symbol.isBlank()) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("symbol is required"));
        }
        String resolution = String.valueOf(request.param("resolution"));
        boolean daily = "D".equals(resolution) || "1D".equals(resolution);
        if (!daily && !MINUTE_RESOLUTIONS.contains(resolution)) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("resolution " + resolution));
        }
        String dateFormat = request.param("date_format") == null ? "0" : request.param("date_format");
        if (!"0".equals(dateFormat) && !"1".equals(dateFormat)) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("date_format must be 0 or 1"));
        }
        long from;
        long to;
        try {
            from = rangeStart(request.param("range_from"), dateFormat);
            to = rangeEnd(request.param("range_to"), dateFormat);
        } catch (IllegalArgumentException e) {
            return SimReply.error(FyersError.INVALID_INPUT.detail(e.getMessage()));
        }
        if (from > to) {
            return SimReply.error(FyersError.INVALID_INPUT.detail("range_from is after range_to"));
        }
        LocalDate fromDate = TradingCalendar.tradeDate(from);
        LocalDate toDate = TradingCalendar.tradeDate(to);
        long days = ChronoUnit.DAYS.between(fromDate, toDate);
        int maxDays = daily ? MAX_DAILY_DAYS : MAX_INTRADAY_DAYS;
        if (days > maxDays) {
            return SimReply.error(FyersError.INVALID_INPUT.detail(
                    "range of " + days + " days is more than " + maxDays + " for resolution " + resolution));
        }
        if (!market.knows(symbol)) {
            return SimReply.error(UNKNOWN_SYMBOL);
        }

        List<Candle> candles = daily
                ? market.dailyCandles(symbol, fromDate, toDate, nowMillis)
                : market.intradayCandles(symbol, Integer.parseInt(resolution), from, to, nowMillis);
        if (candles.isEmpty()) {
            ObjectNode root = SimReply.JSON.createObjectNode();
            root.put("s", "no_data");
            root.putArray("candles");
            return SimReply.ok(root);
        }
        ObjectNode root = SimReply.okEnvelope();
        ArrayNode rows = root.putArray("candles");
        for (Candle c : candles) {
            rows.addArray().add(c.time()).add(c.open()).add(c.high()).add(c.low()).add(c.close()).add(c.volume());
        }
        return SimReply.ok(root);
    }

    /** Epoch millis of the range start: epoch seconds as given, or 00:00 IST of the date. */
    private static long rangeStart(String value, String dateFormat) {
        if ("0".equals(dateFormat)) {
            return epochSeconds("range_from", value) * 1000;
        }
        return date("range_from", value).atStartOfDay(TradingCalendar.IST).toInstant().toEpochMilli();
    }

    /** Epoch millis of the (inclusive) range end: epoch seconds as given, or the last millisecond of the IST date. */
    private static long rangeEnd(String value, String dateFormat) {
        if ("0".equals(dateFormat)) {
            return epochSeconds("range_to", value) * 1000;
        }
        return date("range_to", value).plusDays(1).atStartOfDay(TradingCalendar.IST).toInstant().toEpochMilli() - 1;
    }

    private static long epochSeconds(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds < 0 || seconds > 32_503_680_000L) { // year 3000: beyond it is a unit mistake
                throw new IllegalArgumentException(name + " " + value + " is not an epoch second");
            }
            return seconds;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be epoch seconds with date_format=0, was '" + value + "'");
        }
    }

    private static LocalDate date(String name, String value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be yyyy-mm-dd with date_format=1, was '" + value + "'");
        }
    }
}
