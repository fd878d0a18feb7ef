package io.pricefeed.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An anomaly event (DESIGN.md §3, §6). {@code id} is a stable hash of what makes the event
 * unique, so a replay or a restart yields the same id and the alert de-duplication holds.
 * {@code context} carries the numbers behind the verdict (price, previous close, mean, ...).
 */
public class Anomaly implements WireRecord {
    private String id;
    private String symbol;
    private AnomalyRule rule;
    private Severity severity;
    private long ts;
    private long barStart;
    private Timeframe timeframe;
    private double value;
    private double threshold;
    private String message;
    private Map<String, Double> context = new LinkedHashMap<>();

    public Anomaly() {
    }

    public Anomaly(String id, String symbol, AnomalyRule rule, Severity severity, long ts, long barStart,
                   Timeframe timeframe, double value, double threshold, String message,
                   Map<String, Double> context) {
        this.id = id;
        this.symbol = symbol;
        this.rule = rule;
        this.severity = severity;
        this.ts = ts;
        this.barStart = barStart;
        this.timeframe = timeframe;
        this.value = value;
        this.threshold = threshold;
        this.message = message;
        this.context = context == null ? new LinkedHashMap<>() : new LinkedHashMap<>(context);
    }

    /**
     * The stable id of an anomaly: hex of the first 16 bytes of SHA-256 over symbol, rule and a
     * rule-specific discriminator (the band and direction and trade date for PRICE_MOVE, the bar
     * start for bar rules).
     */
    public static String stableId(String symbol, AnomalyRule rule, String discriminator) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((symbol + '|' + rule.name() + '|' + discriminator)
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(32);
            for (int i = 0; i < 16; i++) {
                hex.append(Character.forDigit((digest[i] >> 4) & 0xF, 16))
                        .append(Character.forDigit(digest[i] & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getSymbol() {
        return symbol;
    }

    public void setSymbol(String symbol) {
        this.symbol = symbol;
    }

    public AnomalyRule getRule() {
        return rule;
    }

    public void setRule(AnomalyRule rule) {
        this.rule = rule;
    }

    public Severity getSeverity() {
        return severity;
    }

    public void setSeverity(Severity severity) {
        this.severity = severity;
    }

    @Override
    public long getTs() {
        return ts;
    }

    public void setTs(long ts) {
        this.ts = ts;
    }

    public long getBarStart() {
        return barStart;
    }

    public void setBarStart(long barStart) {
        this.barStart = barStart;
    }

    public Timeframe getTimeframe() {
        return timeframe;
    }

    public void setTimeframe(Timeframe timeframe) {
        this.timeframe = timeframe;
    }

    public double getValue() {
        return value;
    }

    public void setValue(double value) {
        this.value = value;
    }

    public double getThreshold() {
        return threshold;
    }

    public void setThreshold(double threshold) {
        this.threshold = threshold;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public Map<String, Double> getContext() {
        return context;
    }

    public void setContext(Map<String, Double> context) {
        this.context = context;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Anomaly)) {
            return false;
        }
        Anomaly a = (Anomaly) o;
        return ts == a.ts && barStart == a.barStart
                && Double.compare(value, a.value) == 0 && Double.compare(threshold, a.threshold) == 0
                && Objects.equals(id, a.id) && Objects.equals(symbol, a.symbol) && rule == a.rule
                && severity == a.severity && timeframe == a.timeframe
                && Objects.equals(message, a.message) && Objects.equals(context, a.context);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, symbol, rule, severity, ts, barStart, timeframe, value, threshold, message, context);
    }

    @Override
    public String toString() {
        return "Anomaly{" + id + ' ' + symbol + ' ' + rule + ' ' + severity + " value=" + value
                + " threshold=" + threshold + " '" + message + "'}";
    }
}
