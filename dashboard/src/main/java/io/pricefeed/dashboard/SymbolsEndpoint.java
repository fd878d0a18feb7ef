package io.pricefeed.dashboard;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code GET /api/symbols}: {@code {"symbols": [...]}}, sorted (see {@link SymbolDirectory} for where from). */
final class SymbolsEndpoint implements Endpoint {
    private final SymbolDirectory symbols;

    SymbolsEndpoint(SymbolDirectory symbols) {
        this.symbols = symbols;
    }

    @Override
    public Object get(URI uri) {
        ApiParameters.of(uri, Set.of());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbols", symbols.all());
        return body;
    }
}
