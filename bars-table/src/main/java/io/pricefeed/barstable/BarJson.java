package io.pricefeed.barstable;

import io.pricefeed.model.Bar;
import io.pricefeed.model.TradingCalendar;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bar as a JSON object, the one shape both {@code ./pricefeed bars --json} and the dashboard's
 * {@code /api/bars} print: times as epoch ms for programs and IST ISO-8601 strings for people,
 * a {@code final} flag, and {@code vwap} null when unknown.
 */
public final class BarJson {
    private BarJson() {
    }

    public static Map<String, Object> of(Bar bar) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("symbol", bar.getSymbol());
        fields.put("timeframe", bar.getTimeframe().label());
        fields.put("barStart", bar.getBarStart());
        fields.put("barEnd", bar.getBarEnd());
        fields.put("barStartIst", TradingCalendar.isoIst(bar.getBarStart()));
        fields.put("barEndIst", TradingCalendar.isoIst(bar.getBarEnd()));
        fields.put("open", bar.getOpen());
        fields.put("high", bar.getHigh());
        fields.put("low", bar.getLow());
        fields.put("close", bar.getClose());
        fields.put("vwap", Double.isNaN(bar.getVwap()) ? null : bar.getVwap());
        fields.put("volume", bar.getVolume());
        fields.put("tickCount", bar.getTickCount());
        fields.put("revision", bar.getRevision());
        fields.put("final", bar.isFinalBar());
        return fields;
    }
}
