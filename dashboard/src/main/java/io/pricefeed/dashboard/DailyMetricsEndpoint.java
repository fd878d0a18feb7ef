package io.pricefeed.dashboard;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/daily?symbol=&days=90}: the symbol's {@code daily_metrics} rows (athena's view:
 * 90-day average price, daily return, Garman-Klass volatility, ...) over the {@code days} calendar
 * days ending on its newest day in the lake, oldest first.
 */
final class DailyMetricsEndpoint implements Endpoint {
    static final int DEFAULT_DAYS = 90;
    static final int MAX_DAYS = 3_660;
    private static final Set<String> PARAMETERS = Set.of("symbol", "days");

    private final LakeReader lake;
    private final SymbolDirectory symbols;

    DailyMetricsEndpoint(LakeReader lake, SymbolDirectory symbols) {
        this.lake = lake;
        this.symbols = symbols;
    }

    @Override
    public Object get(URI uri) {
        ApiParameters p = ApiParameters.of(uri, PARAMETERS);
        String symbol = p.symbol();
        int days = p.integer("days", 1, MAX_DAYS, DEFAULT_DAYS);
        symbols.require(symbol);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        body.put("days", days);
        body.put("metrics", lake.dailyMetrics(symbol, days));
        return body;
    }
}
