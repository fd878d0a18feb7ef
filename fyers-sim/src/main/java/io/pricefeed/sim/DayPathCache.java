package io.pricefeed.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The most recently used session paths (about 15 KB each). Quotes keep hitting one session per
 * symbol, so a few paths per symbol cover live use; history requests over long ranges build
 * paths that would otherwise push those out, and may go through {@link #peek} instead.
 *
 * <p>Paths are built outside the lock: two threads may build the same one, which is harmless
 * because a path is a pure function of its key.
 */
final class DayPathCache {
    private final int capacity;
    private final LinkedHashMap<Key, DayPath> paths;

    DayPathCache(int capacity) {
        this.capacity = capacity;
        this.paths = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, DayPath> eldest) {
                return size() > DayPathCache.this.capacity;
            }
        };
    }

    DayPath get(SymbolSeries series, long epochDay, Supplier<DayPath> build) {
        Key key = new Key(series.symbol.symbol(), epochDay);
        synchronized (paths) {
            DayPath p = paths.get(key);
            if (p != null) {
                return p;
            }
        }
        DayPath built = build.get();
        synchronized (paths) {
            DayPath raced = paths.putIfAbsent(key, built);
            return raced == null ? built : raced;
        }
    }

    /** A cached path, or null; does not build or cache. */
    DayPath peek(SymbolSeries series, long epochDay) {
        synchronized (paths) {
            return paths.get(new Key(series.symbol.symbol(), epochDay));
        }
    }

    private record Key(String symbol, long epochDay) {
    }
}
