package io.pricefeed.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Independent, reproducible random streams keyed by (seed, symbol, day, minute, purpose).
 *
 * <p>Every piece of the simulation draws from a stream derived from its own key instead of one
 * shared generator, so a value depends only on what it describes: the price of SBIN at 10:31 on
 * a date is the same whatever was asked before, in whatever order, and whichever other symbols
 * are simulated. That is what makes the sim deterministic under concurrency and lets any minute
 * of a day be replayed without replaying the day.
 */
final class RandomStreams {
    static final int PRICE = 1;
    static final int VOLUME = 2;
    static final int DAY_PLAN = 3;
    static final int BOOK = 4;
    static final int FAULTS = 5;
    static final int UNIVERSE = 6;
    static final int TOKENS = 7;

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private RandomStreams() {
    }

    /** The stream for one key. */
    static SplittableRandom stream(long seed, long... key) {
        return new SplittableRandom(hash(seed, key));
    }

    /** A well-mixed 64-bit hash of a seed and key parts (SplitMix64 finaliser, chained). */
    static long hash(long seed, long... key) {
        long h = mix(seed + GOLDEN);
        for (long part : key) {
            h = mix(h ^ (part + GOLDEN));
        }
        return h;
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /**
     * A stable 64-bit key for a symbol (FNV-1a over UTF-8, then mixed): independent of the JVM and
     * of the symbol's position in any list.
     */
    static long symbolKey(String symbol) {
        long h = 0xcbf29ce484222325L;
        for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
