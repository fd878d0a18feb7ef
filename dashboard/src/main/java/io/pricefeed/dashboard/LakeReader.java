package io.pricefeed.dashboard;

import io.pricefeed.athena.LakeQueryEngine;
import io.pricefeed.athena.QueryResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the dashboard reads from the lake, through the Athena tables and views on DuckDB
 * ({@code athena}'s {@link LakeQueryEngine}): a symbol's anomalies and its daily metrics. The
 * engine opens on first use, so a dashboard can start before the job has written its lake; a
 * lake folder that never appears makes these endpoints answer 503 while the bars still work.
 */
public final class LakeReader implements AutoCloseable {
    /** More than any session produces for one symbol; keeps a runaway lake from flooding the page. */
    static final int MAX_ANOMALIES = 2_000;

    private final Path folder;
    private LakeQueryEngine engine;

    public LakeReader(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The symbols with 1d bars in the lake; empty when there is no lake yet. */
    public synchronized Set<String> symbols() {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        QueryResult result = engine().query("SELECT DISTINCT symbol FROM bars WHERE timeframe = '1d'");
        Set<String> symbols = new TreeSet<>();
        for (int r = 0; r < result.rows().size(); r++) {
            symbols.add((String) result.value(r, "symbol"));
        }
        return symbols;
    }

    /**
     * The symbol's distinct anomalies (an event in the lake twice after a replay shows once),
     * oldest first, of one IST trade date or of every date.
     */
    public synchronized List<Map<String, Object>> anomalies(String symbol, Optional<LocalDate> date) {
        String sql = "SELECT id, rule, severity, timeframe, ts, bar_start, value, threshold, message, trade_date"
                + " FROM (SELECT *, row_number() OVER (PARTITION BY id ORDER BY ts) AS pick FROM anomalies"
                + " WHERE symbol = " + literal(symbol)
                + date.map(d -> " AND trade_date = " + literal(d.toString())).orElse("")
                + ") AS events WHERE pick = 1 ORDER BY ts, id LIMIT " + MAX_ANOMALIES;
        QueryResult result = engine().query(sql);
        List<Map<String, Object>> anomalies = new ArrayList<>();
        for (int r = 0; r < result.rows().size(); r++) {
            long ts = IstTimes.epochMillis((LocalDateTime) result.value(r, "ts"));
            long barStart = IstTimes.epochMillis((LocalDateTime) result.value(r, "bar_start"));
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("id", result.value(r, "id"));
            a.put("rule", result.value(r, "rule"));
            a.put("severity", result.value(r, "severity"));
            a.put("timeframe", result.value(r, "timeframe"));
            a.put("ts", ts);
            a.put("tsIst", IstTimes.iso(ts));
            a.put("barStart", barStart);
            a.put("barStartIst", IstTimes.iso(barStart));
            a.put("value", result.value(r, "value"));
            a.put("threshold", result.value(r, "threshold"));
            a.put("message", result.value(r, "message"));
            a.put("tradeDate", result.value(r, "trade_date"));
            anomalies.add(a);
        }
        return anomalies;
    }

    /**
     * The symbol's rows of the {@code daily_metrics} view over the {@code days} calendar days
     * ending on its newest day in the lake, oldest first. {@code volatility} is the view's
     * Garman-Klass variance; {@code volatilityPct} its square root in percent, the usual reading.
     */
    public synchronized List<Map<String, Object>> dailyMetrics(String symbol, int days) {
        String sql = "SELECT trade_date, open, high, low, close, vwap, volume, daily_return, price_change_pct,"
                + " avg_price, avg_price_90d, volatility FROM daily_metrics WHERE symbol = " + literal(symbol)
                + " AND date_diff('day', trade_date, (SELECT max(trade_date) FROM daily_metrics WHERE symbol = "
                + literal(symbol) + ")) < " + days + " ORDER BY trade_date";
        QueryResult result = engine().query(sql);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = 0; r < result.rows().size(); r++) {
            LocalDate day = (LocalDate) result.value(r, "trade_date");
            long open = IstTimes.sessionOpen(day);
            double volatility = ((Number) result.value(r, "volatility")).doubleValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tradeDate", day.toString());
            m.put("time", open);
            m.put("timeIst", IstTimes.iso(open));
            m.put("open", result.value(r, "open"));
            m.put("high", result.value(r, "high"));
            m.put("low", result.value(r, "low"));
            m.put("close", result.value(r, "close"));
            m.put("vwap", result.value(r, "vwap"));
            m.put("volume", result.value(r, "volume"));
            m.put("dailyReturn", result.value(r, "daily_return"));
            m.put("dailyReturnPct", result.value(r, "price_change_pct"));
            m.put("avgPrice", result.value(r, "avg_price"));
            m.put("avgPrice90d", result.value(r, "avg_price_90d"));
            m.put("volatility", volatility);
            m.put("volatilityPct", 100 * Math.sqrt(volatility));
            rows.add(m);
        }
        return rows;
    }

    /** Opens the engine once the folder exists; re-installs views while some table had no files. */
    private LakeQueryEngine engine() {
        if (engine == null) {
            if (!Files.isDirectory(folder)) {
                throw new ApiException(503, "no lake at " + folder + " yet (the job creates it with its first files)");
            }
            engine = LakeQueryEngine.open(folder);
        } else if (!engine.tablesWithoutData().isEmpty()) {
            // A table whose folder was empty reads as empty until the views are installed again.
            engine.refreshViews();
        }
        return engine;
    }

    /** A string literal; symbols are checked by {@link ApiParameters} too, this keeps any value inert. */
    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }
}
