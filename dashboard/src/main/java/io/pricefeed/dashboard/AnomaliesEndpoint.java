package io.pricefeed.dashboard;

import java.net.URI;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/anomalies?symbol=&date=}: the symbol's distinct anomalies from the lake, oldest
 * first, of one IST trade date ({@code yyyy-MM-dd}) or, without {@code date}, of every date.
 */
final class AnomaliesEndpoint implements Endpoint {
    private static final Set<String> PARAMETERS = Set.of("symbol", "date");

    private final LakeReader lake;
    private final SymbolDirectory symbols;

    AnomaliesEndpoint(LakeReader lake, SymbolDirectory symbols) {
        this.lake = lake;
        this.symbols = symbols;
    }

    @Override
    public Object get(URI uri) {
        ApiParameters p = ApiParameters.of(uri, PARAMETERS);
        String symbol = p.symbol();
        Optional<LocalDate> date = p.date("date");
        symbols.require(symbol);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        body.put("date", date.map(LocalDate::toString).orElse(null));
        body.put("anomalies", lake.anomalies(symbol, date));
        return body;
    }
}
