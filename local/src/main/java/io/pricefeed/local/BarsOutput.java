package io.pricefeed.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.barstable.BarJson;
import io.pricefeed.model.Bar;
import io.pricefeed.model.TradingCalendar;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Bars as {@code ./pricefeed bars} prints them: an aligned table for people, JSON for scripts. */
final class BarsOutput {
    static final String FORMING_MARK = "*";
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TradingCalendar.IST);
    private static final String[] HEADER = {"time (IST)", "open", "high", "low", "close", "vwap", "volume", "ticks", "rev"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private BarsOutput() {
    }

    /** Oldest first, columns right-aligned except the time; a forming bar is marked in the first column. */
    static String table(List<Bar> bars) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Bar bar : bars) {
            rows.add(new String[] {MINUTE.format(Instant.ofEpochMilli(bar.getBarStart())),
                price(bar.getOpen()), price(bar.getHigh()), price(bar.getLow()), price(bar.getClose()),
                Double.isNaN(bar.getVwap()) ? "-" : price(bar.getVwap()),
                Long.toString(bar.getVolume()), Long.toString(bar.getTickCount()), Integer.toString(bar.getRevision())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder text = new StringBuilder();
        boolean anyForming = false;
        for (int r = 0; r < rows.size(); r++) {
            boolean forming = r > 0 && !bars.get(r - 1).isFinalBar();
            anyForming |= forming;
            StringBuilder line = new StringBuilder(forming ? FORMING_MARK : " ");
            String[] row = rows.get(r);
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? " " : "  ");
                line.append(i == 0 ? String.format("%-" + widths[i] + "s", row[i]) : String.format("%" + widths[i] + "s", row[i]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        if (anyForming) {
            text.append(FORMING_MARK).append(" forming: the bar is still open; it changes until it closes and turns final\n");
        }
        return text.toString();
    }

    /** A JSON array, one bar per line, each the API's {@link BarJson} shape. */
    static String json(List<Bar> bars) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < bars.size(); i++) {
            text.append(i == 0 ? "\n" : ",\n").append(object(bars.get(i)));
        }
        return text.append(bars.isEmpty() ? "]\n" : "\n]\n").toString();
    }

    private static String object(Bar bar) {
        try {
            return JSON.writeValueAsString(BarJson.of(bar));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a bar as JSON: " + e.getMessage(), e);
        }
    }

    /** NSE prices move in paise: two decimals are exact for prices and close enough for vwap. */
    private static String price(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
