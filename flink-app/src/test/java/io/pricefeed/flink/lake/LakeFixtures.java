package io.pricefeed.flink.lake;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Known records for the lake tests: two trade dates, two symbols, every bar timeframe the tests
 * need, a bar with unknown vwap, ticks outside the session whose UTC date differs from the IST one,
 * and rejects of awkward shapes. Prices are binary fractions so doubles compare exactly.
 */
final class LakeFixtures {
    static final LocalDate DAY1 = LocalDate.of(2026, 3, 10);
    static final LocalDate DAY2 = LocalDate.of(2026, 3, 11);
    static final List<LocalDate> DAYS = List.of(DAY1, DAY2);
    static final String SBIN = "NSE:SBIN-EQ";
    static final String INFY = "NSE:INFY-EQ";
    static final List<String> SYMBOLS = List.of(SBIN, INFY);

    /** The bar with NaN vwap: SBIN's 1d bar on DAY2 (as a history candle would be). */
    static final Timeframe NAN_VWAP_TIMEFRAME = Timeframe.D1;

    private LakeFixtures() {
    }

    /** A bar together with where it must land; the partition is spelled out, not computed. */
    record PlacedBar(Bar bar, String timeframe, String tradeDate) {
    }

    static List<PlacedBar> placedBars() {
        List<PlacedBar> out = new ArrayList<>();
        int n = 0;
        for (LocalDate day : DAYS) {
            for (String symbol : SYMBOLS) {
                long open = TradingCalendar.sessionOpen(day);
                for (int i = 0; i < 3; i++) {
                    out.add(place(bar(symbol, Timeframe.M1, open + i * 60_000L, n++, day), day));
                }
                for (int i = 0; i < 2; i++) {
                    out.add(place(bar(symbol, Timeframe.M5, open + i * 300_000L, n++, day), day));
                }
                out.add(place(bar(symbol, Timeframe.H1, open + 6 * 3_600_000L, n++, day), day)); // 15:15-15:30
                out.add(place(bar(symbol, Timeframe.D1, open, n++, day), day));
            }
        }
        return out;
    }

    static List<Bar> bars() {
        List<Bar> bars = new ArrayList<>();
        for (PlacedBar p : placedBars()) {
            bars.add(p.bar());
        }
        return bars;
    }

    private static PlacedBar place(Bar bar, LocalDate day) {
        return new PlacedBar(bar, bar.getTimeframe().label(), day.toString());
    }

    private static Bar bar(String symbol, Timeframe tf, long start, int n, LocalDate day) {
        double open = 100 + n;
        boolean unknownVwap = symbol.equals(SBIN) && day.equals(DAY2) && tf == NAN_VWAP_TIMEFRAME;
        return new Bar(symbol, tf, start, TradingCalendar.bucketEnd(tf, start),
                open, open + 1.5, open - 0.75, open + 0.25, unknownVwap ? Double.NaN : open + 0.125,
                1_000L + n, 10L + n, n % 5 == 0 ? 1 : 0, true);
    }

    /** 00:30 IST on {@code day}: still the previous day in UTC. */
    static long justAfterIstMidnight(LocalDate day) {
        return Instant.parse(day + "T00:30:00+05:30").toEpochMilli();
    }

    static List<Tick> ticks() {
        List<Tick> out = new ArrayList<>();
        int n = 0;
        for (LocalDate day : DAYS) {
            for (String symbol : SYMBOLS) {
                long open = TradingCalendar.sessionOpen(day);
                out.add(tick(symbol, justAfterIstMidnight(day), n++));
                for (int i = 0; i < 4; i++) {
                    out.add(tick(symbol, open + i * 1_250L + 123, n++));
                }
            }
        }
        return out;
    }

    private static Tick tick(String symbol, long ts, int n) {
        double ltp = 1_000 + n * 0.25;
        return new Tick(symbol, ts, ltp, 5_000_000L + n * 100L, ltp - 2.5, 990.5, 1_010.75,
                985.25, 992.0, ltp - 0.25, ltp + 0.25);
    }

    static List<Anomaly> anomalies() {
        long open1 = TradingCalendar.sessionOpen(DAY1);
        long open2 = TradingCalendar.sessionOpen(DAY2);
        Map<String, Double> price = new LinkedHashMap<>();
        price.put("ltp", 1_150.5);
        price.put("prevClose", 1_092.25);
        Map<String, Double> zscore = new LinkedHashMap<>();
        zscore.put("mean", 0.0009765625);
        zscore.put("stddev", 0.00048828125);
        zscore.put("missing", null);
        return List.of(
                new Anomaly(Anomaly.stableId(SBIN, AnomalyRule.PRICE_MOVE, "5.0:UP:" + DAY1), SBIN,
                        AnomalyRule.PRICE_MOVE, Severity.HIGH, open1 + 90_500, open1 + 60_000, Timeframe.M1,
                        5.3125, 5.0, "SBIN up 5.31% vs previous close 1092.25", price),
                new Anomaly(Anomaly.stableId(INFY, AnomalyRule.RETURN_ZSCORE, Long.toString(open1 + 120_000)), INFY,
                        AnomalyRule.RETURN_ZSCORE, Severity.MEDIUM, open1 + 180_000, open1 + 120_000, Timeframe.M1,
                        4.5, 4.0, "INFY 1m return 4.5 sigma", zscore),
                new Anomaly(Anomaly.stableId(INFY, AnomalyRule.GAP_OPEN, Long.toString(open2)), INFY,
                        AnomalyRule.GAP_OPEN, Severity.LOW, open2 + 60_000, open2, Timeframe.M1,
                        3.25, 3.0, "INFY opened 3.25% above previous close", Map.of()));
    }

    static List<Rejection> rejects() {
        long open1 = TradingCalendar.sessionOpen(DAY1);
        return List.of(
                new Rejection(Rejection.MALFORMED_JSON, "Unexpected character 'n'", "{not json\nsecond line\t\"q\"",
                        open1 + 5_000),
                new Rejection(Rejection.missingField("ltp"), "ltp is required",
                        "{\"type\":\"tick\",\"symbol\":\"NSE:SBIN-EQ\",\"ts\":1773114305123}", open1 + 7_000),
                new Rejection(Rejection.LATE, null, "{\"symbol\":\"NSE:INFY-EQ\",\"ltp\":1500.5}",
                        open1 + 61_000),
                // 02:00 IST on DAY2 is still DAY1 in UTC: it must be filed under DAY2.
                new Rejection(Rejection.UNKNOWN_TYPE, "unknown type 'quote'", "{\"type\":\"quote\",\"note\":\"₹ ünïcödé\"}",
                        Instant.parse(DAY2 + "T02:00:00+05:30").toEpochMilli()));
    }
}
