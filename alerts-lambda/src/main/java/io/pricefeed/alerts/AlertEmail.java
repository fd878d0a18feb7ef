package io.pricefeed.alerts;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import io.pricefeed.model.TradingCalendar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The email for one anomaly: a subject that says it all in a phone's notification line, and a
 * plain-text body a trader can read on a phone (what happened, against which threshold, when in
 * IST, what the rule means, and how to look the bars up).
 */
public final class AlertEmail {
    private final String subject;
    private final String body;

    private AlertEmail(String subject, String body) {
        this.subject = subject;
        this.body = body;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public static AlertEmail of(Anomaly a) {
        return new AlertEmail(subject(a), body(a));
    }

    /**
     * One mail for a batch of anomalies (more than the digest threshold): a phone screen of
     * headlines, most severe first, instead of a flood of separate mails.
     */
    public static AlertEmail digest(List<Anomaly> anomalies) {
        List<Anomaly> sorted = new ArrayList<>(anomalies);
        sorted.sort(Comparator.comparing(Anomaly::getSeverity).reversed().thenComparing(Anomaly::getTs));
        Severity top = sorted.get(0).getSeverity();
        long atTop = sorted.stream().filter(a -> a.getSeverity() == top).count();
        String subject = "[Pricefeed] " + sorted.size() + " anomalies, " + atTop + " " + top + ": "
                + sorted.stream().limit(3).map(a -> shortName(a.getSymbol())).distinct().collect(Collectors.joining(", "))
                + (sorted.size() > 3 ? ", ..." : "");
        StringBuilder b = new StringBuilder();
        b.append(sorted.size()).append(" anomalies in one batch, most severe first:\n\n");
        for (Anomaly a : sorted) {
            b.append(String.format(Locale.ROOT, "%-6s %-18s %-26s %s%n", a.getSeverity(), a.getSymbol(), headline(a),
                    TradingCalendar.formatIst(a.getTs()).substring(11, 19)));
            b.append("       ").append(a.getMessage()).append('\n');
        }
        b.append("\nEach line is one anomaly; ./pricefeed bars <symbol> --tf 1m --last 20 shows its bars.\n");
        b.append("Ids: ").append(sorted.stream().map(Anomaly::getId).collect(Collectors.joining(" "))).append('\n');
        return new AlertEmail(subject, b.toString());
    }

    private static String shortName(String symbol) {
        int colon = symbol.indexOf(':');
        return colon < 0 ? symbol : symbol.substring(colon + 1);
    }

    static String subject(Anomaly a) {
        return "[Pricefeed] " + a.getSymbol() + " " + headline(a) + " (" + a.getSeverity() + ")";
    }

    /** The few words that name the event, e.g. {@code +5.3% vs prev close}. */
    static String headline(Anomaly a) {
        switch (a.getRule()) {
            case PRICE_MOVE:
                return signedPct(a.getValue()) + " vs prev close";
            case GAP_OPEN:
                return "gap open " + signedPct(a.getValue());
            case RETURN_ZSCORE:
                return a.getTimeframe() + " return " + fmt("%+.1f", a.getValue()) + " sd";
            case VOLUME_SURGE:
                return a.getTimeframe() + " volume " + fmt("%.1f", a.getValue()) + "x normal";
            default:
                throw new IllegalArgumentException("no headline for rule " + a.getRule());
        }
    }

    static String body(Anomaly a) {
        Map<String, Double> ctx = a.getContext();
        StringBuilder b = new StringBuilder();
        b.append(a.getMessage()).append("\n\n");
        line(b, "Symbol", a.getSymbol());
        line(b, "Rule", a.getRule() + " (" + a.getSeverity() + ")");
        line(b, "Value", fmt("%.2f", a.getValue()) + unit(a.getRule()) + " (threshold " + fmt("%.2f", a.getThreshold())
                + unit(a.getRule()) + ")");
        if (ctx.containsKey("price")) {
            line(b, "Price", fmt("%.2f", ctx.get("price")));
        }
        if (ctx.containsKey("prevClose")) {
            line(b, "Prev close", fmt("%.2f", ctx.get("prevClose")));
        }
        line(b, "Bar", a.getTimeframe() + " starting " + TradingCalendar.formatIst(a.getBarStart()));
        line(b, "Time", TradingCalendar.formatIst(a.getTs()));
        b.append('\n').append(meaning(a.getRule())).append("\n\n");
        b.append("Look it up:\n");
        b.append("  ./pricefeed bars ").append(a.getSymbol()).append(" --tf ").append(a.getTimeframe()).append(" --last 20\n");
        b.append("  Athena: SELECT * FROM anomalies WHERE symbol = '").append(a.getSymbol())
                .append("' AND trade_date = '").append(TradingCalendar.tradeDate(a.getTs())).append("'\n");
        b.append("\nAnomaly id ").append(a.getId()).append('\n');
        return b.toString();
    }

    private static String meaning(AnomalyRule rule) {
        switch (rule) {
            case PRICE_MOVE:
                return "What it means: the last traded price has moved this far from the previous session's close; "
                        + "each band fires once per direction per day.";
            case GAP_OPEN:
                return "What it means: the day's first bar opened this far from the previous close.";
            case RETURN_ZSCORE:
                return "What it means: this bar's log return is this many standard deviations from the "
                        + "mean of the recent bars.";
            case VOLUME_SURGE:
                return "What it means: this bar traded this many times the average volume of the recent bars.";
            default:
                return "";
        }
    }

    private static String unit(AnomalyRule rule) {
        return rule == AnomalyRule.PRICE_MOVE || rule == AnomalyRule.GAP_OPEN ? "%" : "";
    }

    private static void line(StringBuilder b, String label, String value) {
        b.append(String.format(Locale.ROOT, "%-11s %s%n", label + ":", value));
    }

    private static String signedPct(double pct) {
        return fmt("%+.1f", pct) + "%";
    }

    private static String fmt(String pattern, double value) {
        return String.format(Locale.ROOT, pattern, value);
    }
}
