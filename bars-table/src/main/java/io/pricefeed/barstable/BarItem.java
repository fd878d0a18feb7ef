package io.pricefeed.barstable;

import io.pricefeed.model.Bar;
import io.pricefeed.model.ResourceNames;
import io.pricefeed.model.Timeframe;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A bar as an item of the DynamoDB table {@code bars} (DESIGN.md §5), both ways.
 *
 * <pre>
 * pk  (S) = &lt;symbol&gt;#&lt;timeframe&gt;         final bars, revisions overwrite
 *           &lt;symbol&gt;#&lt;timeframe&gt;#live    the forming bar, overwritten about once a second
 * sk  (N) = bar start, epoch ms
 * open high low close vwap volume tickCount barEnd revision final, expiresAt (TTL, epoch s)
 * </pre>
 *
 * Final and live bars live under different keys, so a live write can never overwrite a final
 * bar. An unknown vwap (history candles) is stored as NULL, not as a number.
 */
public final class BarItem {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String LIVE_SUFFIX = "#live";

    private BarItem() {
    }

    /** The partition key the bar is stored under: its final key, or the live key while it forms. */
    public static String partitionKey(String symbol, Timeframe timeframe, boolean live) {
        return symbol + "#" + timeframe.label() + (live ? LIVE_SUFFIX : "");
    }

    public static Map<String, AttributeValue> toItem(Bar bar) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(partitionKey(bar.getSymbol(), bar.getTimeframe(), !bar.isFinalBar())));
        item.put(SK, n(bar.getBarStart()));
        item.put("open", n(bar.getOpen()));
        item.put("high", n(bar.getHigh()));
        item.put("low", n(bar.getLow()));
        item.put("close", n(bar.getClose()));
        item.put("vwap", Double.isNaN(bar.getVwap()) ? AttributeValue.builder().nul(true).build() : n(bar.getVwap()));
        item.put("volume", n(bar.getVolume()));
        item.put("tickCount", n(bar.getTickCount()));
        item.put("barEnd", n(bar.getBarEnd()));
        item.put("revision", n(bar.getRevision()));
        item.put("final", AttributeValue.builder().bool(bar.isFinalBar()).build());
        Duration ttl = timeToLive(bar.getTimeframe(), !bar.isFinalBar());
        if (ttl != null) {
            item.put(ResourceNames.TTL_ATTRIBUTE, n(bar.getBarEnd() / 1000 + ttl.getSeconds()));
        }
        return item;
    }

    public static Bar fromItem(Map<String, AttributeValue> item) {
        String pk = item.get(PK).s();
        String key = pk.endsWith(LIVE_SUFFIX) ? pk.substring(0, pk.length() - LIVE_SUFFIX.length()) : pk;
        int hash = key.lastIndexOf('#');
        AttributeValue vwap = item.get("vwap");
        return new Bar(key.substring(0, hash), Timeframe.parse(key.substring(hash + 1)),
                Long.parseLong(item.get(SK).n()), Long.parseLong(item.get("barEnd").n()),
                d(item, "open"), d(item, "high"), d(item, "low"), d(item, "close"),
                vwap == null || Boolean.TRUE.equals(vwap.nul()) ? Double.NaN : Double.parseDouble(vwap.n()),
                Long.parseLong(item.get("volume").n()), Long.parseLong(item.get("tickCount").n()),
                Integer.parseInt(item.get("revision").n()), item.get("final").bool());
    }

    /** DESIGN.md §5: live 1 day, 1m 30 days, 5m 90 days, 15m and 1h a year, 1d kept; null = no TTL. */
    public static Duration timeToLive(Timeframe timeframe, boolean live) {
        if (live) {
            return Duration.ofDays(1);
        }
        switch (timeframe) {
            case M1: return Duration.ofDays(30);
            case M5: return Duration.ofDays(90);
            case M15:
            case H1: return Duration.ofDays(365);
            default: return null;
        }
    }

    /**
     * Whether a final bar's item would still be in the table at {@code nowMillis}: its TTL has
     * not passed (a backfill of old history writes only these; DynamoDB would delete the rest
     * within days). A forming bar never is: history is complete.
     */
    public static boolean outlives(Bar bar, long nowMillis) {
        if (!bar.isFinalBar()) {
            return false;
        }
        Duration ttl = timeToLive(bar.getTimeframe(), false);
        return ttl == null || bar.getBarEnd() + ttl.toMillis() > nowMillis;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    private static AttributeValue n(double value) {
        return AttributeValue.builder().n(Double.toString(value)).build();
    }

    private static double d(Map<String, AttributeValue> item, String name) {
        return Double.parseDouble(item.get(name).n());
    }
}
