package io.pricefeed.dashboard;

import io.pricefeed.barstable.BarsTableReader;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The symbols the dashboard knows: every symbol with an item in the DynamoDB {@code bars} table
 * (a key-only scan) and every symbol with daily bars in the lake (bars expire from DynamoDB, the
 * lake keeps them). Cached for {@link #MAX_AGE} (an empty answer for {@link #MISS_REFRESH}), since
 * on AWS the scan reads the whole table;
 * a symbol not in the cache triggers a refresh, at most once per {@link #MISS_REFRESH}, so a
 * symbol that has just appeared is found without a refresh per unknown-symbol request.
 */
public final class SymbolDirectory {
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final Duration MISS_REFRESH = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(SymbolDirectory.class);

    private final BarsTableReader table;
    private final LakeReader lake;
    private final Clock clock;
    private Set<String> symbols;
    private long loadedAt;

    public SymbolDirectory(BarsTableReader table, LakeReader lake, Clock clock) {
        this.table = table;
        this.lake = lake;
        this.clock = clock;
    }

    public synchronized Set<String> all() {
        long age = clock.millis() - loadedAt;
        // An empty table is a pipeline that has not written yet: ask again soon, not in a minute.
        if (symbols == null || age > MAX_AGE.toMillis() || (symbols.isEmpty() && age > MISS_REFRESH.toMillis())) {
            load();
        }
        return symbols;
    }

    /** Throws the API's 404 for a symbol neither DynamoDB nor the lake has. */
    public synchronized void require(String symbol) {
        if (all().contains(symbol)) {
            return;
        }
        if (clock.millis() - loadedAt > MISS_REFRESH.toMillis()) {
            load();
        }
        if (!symbols.contains(symbol)) {
            throw ApiException.unknownSymbol(symbol);
        }
    }

    private void load() {
        Set<String> found = new TreeSet<>(table.symbols());
        try {
            found.addAll(lake.symbols());
        } catch (RuntimeException e) {
            // The lake is optional for the symbol list (it may not exist yet); DynamoDB is not.
            LOG.debug("no symbols from the lake {}: {}", lake.folder(), e.toString());
        }
        symbols = Collections.unmodifiableSet(found);
        loadedAt = clock.millis();
    }
}
