package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.util.Locale;
import java.util.Map;

/** What the rules share: threshold comparison, severity, names and the anomaly record itself. */
final class RuleSupport {
    /**
     * Relative slack when a value is compared with its threshold. A value that reaches a threshold
     * exactly in decimal (1092.40 to 1147.02 is exactly +5 %) can land a few ulps below it in binary;
     * reaching counts, so that must still fire. Nothing real lives within 1e-9 of a threshold.
     */
    static final double RELATIVE_TOLERANCE = 1e-9;

    private RuleSupport() {
    }

    /** True when {@code magnitude} is at or above {@code threshold} (reaching it counts). */
    static boolean reaches(double magnitude, double threshold) {
        return magnitude >= threshold - Math.abs(threshold) * RELATIVE_TOLERANCE;
    }

    /**
     * Severity of a single-threshold rule by how far past its threshold the value is: LOW from the
     * threshold, MEDIUM from 1.5x, HIGH from 2x (the same steps as the default PRICE_MOVE bands,
     * 5 / 7.5 / 10 %, so a rule's severities read alike across rules).
     */
    static Severity byMultiple(double magnitude, double threshold) {
        double multiple = magnitude / threshold;
        if (reaches(multiple, 2.0)) {
            return Severity.HIGH;
        }
        if (reaches(multiple, 1.5)) {
            return Severity.MEDIUM;
        }
        return Severity.LOW;
    }

    /** IST epoch day of an instant: the trade date as a number. */
    static long epochDay(long epochMillis) {
        return TradingCalendar.tradeDate(epochMillis).toEpochDay();
    }

    /**
     * The name a trader says: {@code NSE:SBIN-EQ} -> {@code SBIN}, {@code NSE:BAJAJ-AUTO-EQ} ->
     * {@code BAJAJ-AUTO}: the exchange prefix and the series suffix go.
     */
    static String shortName(String symbol) {
        if (symbol == null) {
            return "";
        }
        int colon = symbol.indexOf(':');
        String name = colon < 0 ? symbol : symbol.substring(colon + 1);
        int dash = name.lastIndexOf('-');
        return colon >= 0 && dash > 0 ? name.substring(0, dash) : name;
    }

    static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** A 1m anomaly with its stable id (DESIGN.md §6: symbol, rule and a rule-specific discriminator). */
    static Anomaly anomaly(String symbol, AnomalyRule rule, String discriminator, Severity severity, long ts,
                           long barStart, double value, double threshold, String message, Map<String, Double> context) {
        return new Anomaly(Anomaly.stableId(symbol, rule, discriminator), symbol, rule, severity, ts, barStart,
                Timeframe.M1, value, threshold, message, context);
    }

    static boolean isPositivePrice(double p) {
        return p > 0 && !Double.isInfinite(p);
    }
}
