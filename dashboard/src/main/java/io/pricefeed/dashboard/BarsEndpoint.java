package io.pricefeed.dashboard;

import io.pricefeed.barstable.BarJson;
import io.pricefeed.barstable.BarsTableReader;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/bars?symbol=&tf=&from=&to=&limit=}: final bars from DynamoDB, oldest first,
 * then the forming bar (the {@code #live} item, {@code "final": false}) when it is newer than the
 * newest final one.
 * <ul>
 *   <li>with {@code from}: the bars starting in [from, to] (to: no bound), at most {@code limit}
 *       from {@code from} on: what a chart polls with the start of its newest bar;</li>
 *   <li>without: the newest {@code limit} bars starting at or before {@code to}: a chart's first load.</li>
 * </ul>
 * Times are epoch ms; {@code limit} defaults to {@value #DEFAULT_LIMIT}.
 */
final class BarsEndpoint implements Endpoint {
    static final int DEFAULT_LIMIT = 1_000;
    static final int MAX_LIMIT = 5_000;
    private static final Set<String> PARAMETERS = Set.of("symbol", "tf", "from", "to", "limit");

    private final BarsTableReader table;
    private final SymbolDirectory symbols;

    BarsEndpoint(BarsTableReader table, SymbolDirectory symbols) {
        this.table = table;
        this.symbols = symbols;
    }

    @Override
    public Object get(URI uri) {
        ApiParameters p = ApiParameters.of(uri, PARAMETERS);
        String symbol = p.symbol();
        Timeframe tf = p.timeframe();
        Optional<Long> from = p.epochMillis("from");
        Optional<Long> to = p.epochMillis("to");
        int limit = p.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
        if (from.isPresent() && to.isPresent() && from.get() > to.get()) {
            throw ApiException.badParameter("from", "must not be after 'to' (" + from.get() + " > " + to.get() + ")");
        }
        symbols.require(symbol);
        List<Bar> bars = from.isPresent()
                ? table.between(symbol, tf, from.get(), to.orElse(Long.MAX_VALUE), limit, true)
                : table.upTo(symbol, tf, to.orElse(Long.MAX_VALUE), limit, true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("symbol", symbol);
        body.put("timeframe", tf.label());
        body.put("from", from.orElse(null));
        body.put("to", to.orElse(null));
        body.put("bars", bars.stream().map(BarJson::of).toList());
        return body;
    }
}
