package io.pricefeed.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The instruments a sim quotes. {@link #nifty50()} is the default: the NIFTY 50 constituents
 * (2025 composition; the index is reconstituted twice a year, so this is a plausible universe,
 * not a reference) with previous closes near their early-2026 levels. {@link #synthetic} adds
 * {@code NSE:SYM0001-EQ}-style names for load tests of hundreds or thousands of symbols.
 *
 * <p>The {@code fyToken}s are synthetic ({@code 10100000} + a number in 700000-999999), not the
 * exchange's instrument ids: nothing downstream reads them.
 */
public final class SymbolUniverse {
    /** Turnover of a typical NIFTY name in rupees per session; volume = turnover / price. */
    private static final double TYPICAL_TURNOVER = 8e9;
    private static final int MAX_SYNTHETIC = 100_000;

    private static final Object[][] NIFTY50 = {
        {"ADANIENT", 2398.40}, {"ADANIPORTS", 1452.15}, {"APOLLOHOSP", 7521.00}, {"ASIANPAINT", 2447.65},
        {"AXISBANK", 1154.30}, {"BAJAJ-AUTO", 8995.50}, {"BAJFINANCE", 1003.85}, {"BAJAJFINSV", 2012.20},
        {"BEL", 408.35}, {"BHARTIARTL", 2049.90}, {"CIPLA", 1498.70}, {"COALINDIA", 389.45},
        {"DRREDDY", 1247.30}, {"EICHERMOT", 7012.50}, {"ETERNAL", 298.65}, {"GRASIM", 2803.10},
        {"HCLTECH", 1602.45}, {"HDFCBANK", 948.75}, {"HDFCLIFE", 761.20}, {"HEROMOTOCO", 5498.00},
        {"HINDALCO", 849.95}, {"HINDUNILVR", 2401.35}, {"ICICIBANK", 1379.60}, {"INDUSINDBK", 851.40},
        {"INFY", 1551.25}, {"ITC", 409.80}, {"JIOFIN", 301.55}, {"JSWSTEEL", 1149.10},
        {"KOTAKBANK", 2098.45}, {"LT", 3902.70}, {"M&M", 3598.25}, {"MARUTI", 15812.40},
        {"NESTLEIND", 1251.60}, {"NTPC", 331.45}, {"ONGC", 244.90}, {"POWERGRID", 289.35},
        {"RELIANCE", 1412.30}, {"SBILIFE", 2001.75}, {"SBIN", 1092.40}, {"SHRIRAMFIN", 801.15},
        {"SUNPHARMA", 1702.80}, {"TATACONSUM", 1148.25}, {"TATAMOTORS", 681.50}, {"TATASTEEL", 169.85},
        {"TCS", 3201.95}, {"TECHM", 1498.60}, {"TITAN", 3797.45}, {"TRENT", 4502.30},
        {"ULTRACEMCO", 11998.15}, {"WIPRO", 259.70},
    };

    private final List<SimSymbol> symbols;
    private final Map<String, SimSymbol> bySymbol;

    private SymbolUniverse(List<SimSymbol> symbols) {
        Map<String, SimSymbol> map = new LinkedHashMap<>();
        for (SimSymbol s : symbols) {
            if (map.put(s.symbol(), s) != null) {
                throw new IllegalArgumentException("symbol " + s.symbol() + " appears twice in the universe");
            }
        }
        if (map.isEmpty()) {
            throw new IllegalArgumentException("a symbol universe needs at least one symbol");
        }
        this.symbols = List.copyOf(symbols);
        this.bySymbol = Collections.unmodifiableMap(map);
    }

    /** The 50 NIFTY 50 equities, e.g. NSE:RELIANCE-EQ, NSE:SBIN-EQ, NSE:M&amp;M-EQ. */
    public static SymbolUniverse nifty50() {
        List<SimSymbol> list = new ArrayList<>(NIFTY50.length);
        for (int i = 0; i < NIFTY50.length; i++) {
            String name = (String) NIFTY50[i][0];
            double close = (Double) NIFTY50[i][1];
            String symbol = "NSE:" + name + "-EQ";
            list.add(new SimSymbol(symbol, close, typicalVolume(symbol, close), fyToken(900_001 + i)));
        }
        return new SymbolUniverse(list);
    }

    /**
     * {@code count} synthetic equities {@code NSE:SYM0001-EQ} ... with previous closes spread
     * log-uniformly over 50-5000 rupees, reproducible from {@code seed}.
     */
    public static SymbolUniverse synthetic(int count, long seed) {
        if (count < 1 || count > MAX_SYNTHETIC) {
            throw new IllegalArgumentException("synthetic symbol count must be in 1.." + MAX_SYNTHETIC + ", was " + count);
        }
        List<SimSymbol> list = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            double close = syntheticClose(RandomStreams.stream(seed, RandomStreams.UNIVERSE, i));
            String symbol = String.format("NSE:SYM%04d-EQ", i);
            list.add(new SimSymbol(symbol, close, typicalVolume(symbol, close), fyToken(700_000 + i)));
        }
        return new SymbolUniverse(list);
    }

    /**
     * The given symbols in their order: a NIFTY 50 name with its usual close, any other name with a
     * synthetic close derived from the name and {@code seed}, so a user's own list can be simulated.
     */
    public static SymbolUniverse named(List<String> names, long seed) {
        SymbolUniverse nifty = nifty50();
        List<SimSymbol> list = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String symbol = names.get(i);
            SimSymbol known = nifty.bySymbol.get(symbol);
            if (known != null) {
                list.add(known);
                continue;
            }
            double close = syntheticClose(RandomStreams.stream(seed, RandomStreams.UNIVERSE, RandomStreams.symbolKey(symbol)));
            list.add(new SimSymbol(symbol, close, typicalVolume(symbol, close), fyToken(600_000 + i)));
        }
        return new SymbolUniverse(list);
    }

    public static SymbolUniverse of(Collection<SimSymbol> symbols) {
        return new SymbolUniverse(new ArrayList<>(symbols));
    }

    /** This universe followed by {@code other}'s symbols; a symbol in both is an error. */
    public SymbolUniverse plus(SymbolUniverse other) {
        List<SimSymbol> all = new ArrayList<>(symbols);
        all.addAll(other.symbols);
        return new SymbolUniverse(all);
    }

    public List<SimSymbol> symbols() {
        return symbols;
    }

    /** The Fyers symbols, in universe order. */
    public List<String> names() {
        return List.copyOf(bySymbol.keySet());
    }

    public Optional<SimSymbol> find(String symbol) {
        return Optional.ofNullable(bySymbol.get(symbol));
    }

    public int size() {
        return symbols.size();
    }

    /** A previous close spread log-uniformly over 50-5000 rupees, on the 0.05 tick. */
    private static double syntheticClose(SplittableRandom r) {
        return Ticks.toRupees(Math.max(1, Ticks.fromRupees(50 * Math.pow(100, r.nextDouble()))));
    }

    /** Plausible daily volume: a turnover in the large-cap range, varied per symbol by 0.5-2x. */
    private static long typicalVolume(String symbol, double close) {
        double factor = 0.5 + 1.5 * RandomStreams.unit(RandomStreams.symbolKey(symbol));
        return Math.max(10_000L, Math.round(TYPICAL_TURNOVER / close * factor));
    }

    private static String fyToken(int number) {
        return "10100000" + String.format("%06d", number);
    }

    @Override
    public String toString() {
        return "SymbolUniverse[" + symbols.size() + " symbols]";
    }
}
