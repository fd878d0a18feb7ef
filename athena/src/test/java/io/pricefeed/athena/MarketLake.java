package io.pricefeed.athena;

import io.pricefeed.flink.lake.JobLakeWriter;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small market in the lake, written with the Flink job's own writers ({@link JobLakeWriter}):
 * known 1d bars over twelve NSE trading days (a weekend and the Holi holiday on 3 March among
 * them) for SBIN, fewer for INFY and TCS; a full session of 1m bars for SBIN and an incomplete
 * one for INFY; anomalies (one of them twice, as after a replay) and rejects.
 *
 * <p>Prices are binary fractions, so the candle-type edges are hit exactly; each SBIN day is
 * built to land on (or just past) one edge and carries the label a person gives it. The tests
 * compute every other expected value from these records in Java.
 */
final class MarketLake {
    static final TradingCalendar NSE = TradingCalendar.nse();
    static final String SBIN = "NSE:SBIN-EQ";
    static final String INFY = "NSE:INFY-EQ";
    static final String TCS = "NSE:TCS-EQ";
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 2, 23);
    static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 11);
    static final LocalDate MAR_10 = LocalDate.of(2026, 3, 10);
    static final LocalDate MAR_11 = LocalDate.of(2026, 3, 11);

    /** A day's bar as the test means it, with the candle a person reads in it. */
    record Day(String symbol, LocalDate date, double open, double high, double low, double close, long volume,
               String candle) {
        double avgPrice() {
            return (open + high + low + close) / 4;
        }

        /** Garman-Klass, written out from the textbook formula. */
        double garmanKlass() {
            double hl = Math.log(high / low);
            double co = Math.log(close / open);
            return 0.5 * hl * hl - (2 * Math.log(2) - 1) * co * co;
        }
    }

    static final List<LocalDate> SBIN_DAYS = NSE.tradingDays(FIRST_DAY, LAST_DAY);

    /** Twelve days, in SBIN_DAYS order. */
    static final List<Day> SBIN_1D = sbin();

    static final List<Day> INFY_1D = List.of(
            new Day(INFY, LocalDate.of(2026, 3, 9), 1500, 1510, 1490, 1505, 20_000, "bullish"),
            new Day(INFY, MAR_10, 1505, 1530, 1500, 1525, 22_000, "bullish"),
            new Day(INFY, MAR_11, 1525, 1526, 1519, 1520, 18_000, "bearish"));

    static final List<Day> TCS_1D = List.of(
            new Day(TCS, LocalDate.of(2026, 3, 9), 4000, 4010, 3990, 4000, 5_000, "doji"),
            new Day(TCS, MAR_10, 4000, 4000, 3750, 3800, 9_000, "bearish"));

    /** SBIN's 10 March bar, superseded in the lake by a revision and shadowed by a backfilled one. */
    static final double SBIN_MAR_10_STALE_CLOSE = 98.75;
    static final double SBIN_MAR_10_BACKFILL_CLOSE = 98.5;
    /** INFY's 11 March bar has a backfilled twin (same revision, no ticks) with this close. */
    static final double INFY_MAR_11_BACKFILL_CLOSE = 1519.5;

    /** INFY's session on 10 March misses these minutes (index from 09:15). */
    static final Set<Integer> INFY_MISSING_MINUTES = Set.of(100, 101, 200);
    /** INFY's minute with no vwap (a backfilled bar); session VWAP must skip it. */
    static final int INFY_NO_VWAP_MINUTE = 50;
    /** SBIN's minute that was revised: the lake holds revision 0 (stale close) and revision 1. */
    static final int SBIN_REVISED_MINUTE = 10;

    private static Path shared;

    private MarketLake() {
    }

    /**
     * One lake with the whole market for every test class that only reads it, written on first
     * use and deleted when the test JVM exits.
     */
    static synchronized Path shared() {
        if (shared == null) {
            try {
                Path lake = Files.createTempDirectory("market-lake");
                write(lake);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(lake)));
                shared = lake;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    private static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temp folder left behind is harmless.
        }
    }

    private static List<Day> sbin() {
        // Candle geometry per day: range = high - low, body = |close - open|, shadows the rest.
        double[][] ohlc = {
                {100, 103, 98, 100.5},           // body 0.5 = 10% of range 5: doji, on the edge
                {100, 102.9375, 98, 100.5},      // range 4.9375: body just over 10%: not doji
                {100, 105, 100, 104.75},         // shadows 0.25 = 5% of range 5: marubozu, on the edge
                {100, 101, 98.5, 100.75},        // lower 1.5 = 2 x body, upper 0.25 = 10%: hammer, both edges
                {100.75, 102.25, 99.75, 100},    // mirror image: shooting star, both edges
                {101, 101, 101, 101},            // flat: range 0
                {102, 104, 101, 103},            // ordinary up day (after the Holi holiday)
                {103, 103.5, 100, 100.25},       // ordinary down day
                {100.25, 101, 99, 100.75},       // hammer-like, but upper 0.25 > 10% of range 2
                {100.75, 100.875, 96.875, 97},   // long body, shadows 6.25% of range: not marubozu
                {97, 99.5, 96.5, 99},            // 10 March: up, on a volume surge
                {99, 99.25, 97.75, 98}};         // body 1 of range 1.5, short shadows
        long[] volume = {10_000, 12_000, 8_000, 9_000, 11_000, 7_000, 10_000, 14_000, 9_000, 13_000, 50_000, 6_000};
        String[] candle = {"doji", "bullish", "marubozu", "hammer", "shooting_star", "doji", "bullish", "bearish",
                "bullish", "bearish", "bullish", "bearish"};
        if (SBIN_DAYS.size() != ohlc.length) {
            throw new IllegalStateException("expected 12 NSE trading days from " + FIRST_DAY + " to " + LAST_DAY
                    + ", the calendar has " + SBIN_DAYS);
        }
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < ohlc.length; i++) {
            days.add(new Day(SBIN, SBIN_DAYS.get(i), ohlc[i][0], ohlc[i][1], ohlc[i][2], ohlc[i][3], volume[i],
                    candle[i]));
        }
        return List.copyOf(days);
    }

    static List<Day> allDays() {
        List<Day> all = new ArrayList<>(SBIN_1D);
        all.addAll(INFY_1D);
        all.addAll(TCS_1D);
        return all;
    }

    static long ist(LocalDate date, int hour, int minute) {
        return ZonedDateTime.of(date.atTime(hour, minute), TradingCalendar.IST).toInstant().toEpochMilli();
    }

    /** The start of session minute {@code i} (0 = 09:15) of {@code date}. */
    static long minuteStart(LocalDate date, int i) {
        return TradingCalendar.sessionOpen(date) + i * 60_000L;
    }

    /** One minute of SBIN or INFY: a saw-tooth around {@code base}, vwap midway, volume rising. */
    static Bar minuteBar(String symbol, LocalDate date, int i, double base) {
        double open = base + (i % 8) * 0.125;
        double close = base + ((i + 3) % 8) * 0.125;
        long start = minuteStart(date, i);
        return new Bar(symbol, Timeframe.M1, start, start + 60_000, open, Math.max(open, close) + 0.25,
                Math.min(open, close) - 0.25, close, (open + close) / 2, 100 + i, 5, 0, true);
    }

    static Bar dayBar(Day d, double close, double vwap, long ticks, int revision) {
        return new Bar(d.symbol(), Timeframe.D1, TradingCalendar.sessionOpen(d.date()),
                TradingCalendar.sessionClose(d.date()), d.open(), d.high(), d.low(), close, vwap, d.volume(), ticks,
                revision, true);
    }

    /** SBIN's 1m bars on 10 March as they end up (revision 1 for the revised minute). */
    static List<Bar> sbinMinutes() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 375; i++) {
            Bar bar = minuteBar(SBIN, MAR_10, i, 100);
            if (i == SBIN_REVISED_MINUTE) {
                bar.setRevision(1);
            }
            bars.add(bar);
        }
        return bars;
    }

    static List<Bar> infyMinutes() {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 375; i++) {
            if (INFY_MISSING_MINUTES.contains(i)) {
                continue;
            }
            Bar bar = minuteBar(INFY, MAR_10, i, 1500);
            if (i == INFY_NO_VWAP_MINUTE) {
                bar.setVwap(Double.NaN);
            }
            bars.add(bar);
        }
        return bars;
    }

    /** SBIN's first three minutes on 11 March: the day's returns start afresh. */
    static List<Bar> sbinMar11Minutes() {
        return List.of(minuteBar(SBIN, MAR_11, 0, 99), minuteBar(SBIN, MAR_11, 1, 99), minuteBar(SBIN, MAR_11, 2, 99));
    }

    static final Anomaly PRICE_MOVE_SBIN = new Anomaly("a1", SBIN, AnomalyRule.PRICE_MOVE, Severity.HIGH,
            ist(MAR_10, 9, 20) + 17, ist(MAR_10, 9, 20), Timeframe.M1, 5.31, 5.0, "SBIN up 5.31%",
            Map.of("ltp", 1150.4, "prevClose", 1092.4));
    static final Anomaly VOLUME_SURGE_SBIN = new Anomaly("a2", SBIN, AnomalyRule.VOLUME_SURGE, Severity.MEDIUM,
            ist(MAR_10, 11, 0) + 500, ist(MAR_10, 10, 59), Timeframe.M1, 6.5, 5.0, "SBIN volume 6.5x", Map.of());
    static final Anomaly ZSCORE_SBIN = new Anomaly("a3", SBIN, AnomalyRule.RETURN_ZSCORE, Severity.LOW,
            ist(MAR_11, 10, 0) + 1, ist(MAR_11, 9, 59), Timeframe.M1, 4.2, 4.0, "SBIN return 4.2 sd", Map.of());
    static final Anomaly PRICE_MOVE_INFY = new Anomaly("a4", INFY, AnomalyRule.PRICE_MOVE, Severity.MEDIUM,
            ist(MAR_10, 13, 5), ist(MAR_10, 13, 5), Timeframe.M1, 7.6, 7.5, "INFY up 7.6%", Map.of());

    static final List<Rejection> REJECTS = List.of(
            new Rejection(Rejection.BAD_PRICE, "ltp must be positive", "{\"ltp\":-1}", ist(MAR_10, 9, 30)),
            new Rejection(Rejection.BAD_PRICE, "ltp must be positive", "{\"ltp\":0}", ist(MAR_10, 14, 1) + 250),
            new Rejection(Rejection.MALFORMED_JSON, "unexpected end of input", "{\"type\":", ist(MAR_10, 10, 0)),
            new Rejection(Rejection.LATE, null, "{\"type\":\"tick\"}", ist(MAR_10, 15, 29)),
            // 00:30 IST on 11 March is still 10 March in UTC: the job files it under the IST day.
            new Rejection(Rejection.BAD_PRICE, "ltp must be positive", "{\"ltp\":-2}", ist(MAR_11, 0, 30)),
            // Nine days before 11 March: outside a 7-day window ending then.
            new Rejection(Rejection.LATE, null, "{}", ist(LocalDate.of(2026, 3, 2), 11, 0)));

    static final Tick TICK = new Tick(SBIN, ist(MAR_10, 9, 15) + 5_123, 1098.75, 8_234_561, 1096.12, 1094.0, 1101.2,
            1089.55, 1092.4, 1098.7, 1098.75);

    /** Writes the whole market into {@code lake}; separate calls make separate part files, as commits do. */
    static void write(Path lake) {
        List<Bar> days = new ArrayList<>();
        for (Day d : allDays()) {
            int revision = d.symbol().equals(SBIN) && d.date().equals(MAR_10) ? 1 : 0;
            days.add(dayBar(d, d.close(), d.avgPrice(), 4_000, revision));
        }
        JobLakeWriter.bars(lake, days);
        Day sbinMar10 = SBIN_1D.get(SBIN_DAYS.indexOf(MAR_10));
        Day infyMar11 = INFY_1D.get(2);
        // What SBIN's final revision superseded, and backfilled history bars (no vwap, no ticks)
        // for days the live pipeline also covered: the live bars must win.
        JobLakeWriter.bars(lake, List.of(dayBar(sbinMar10, SBIN_MAR_10_STALE_CLOSE, 98.0, 4_000, 0)));
        JobLakeWriter.bars(lake, List.of(dayBar(sbinMar10, SBIN_MAR_10_BACKFILL_CLOSE, Double.NaN, 0, 0),
                dayBar(infyMar11, INFY_MAR_11_BACKFILL_CLOSE, Double.NaN, 0, 0)));

        List<Bar> minutes = new ArrayList<>(sbinMinutes());
        minutes.addAll(infyMinutes());
        minutes.addAll(sbinMar11Minutes());
        JobLakeWriter.bars(lake, minutes);
        Bar stale = minuteBar(SBIN, MAR_10, SBIN_REVISED_MINUTE, 100);
        stale.setClose(111);
        JobLakeWriter.bars(lake, List.of(stale));

        JobLakeWriter.anomalies(lake, List.of(PRICE_MOVE_SBIN, VOLUME_SURGE_SBIN, ZSCORE_SBIN, PRICE_MOVE_INFY));
        JobLakeWriter.anomalies(lake, List.of(PRICE_MOVE_SBIN)); // a replay wrote it again
        JobLakeWriter.rejects(lake, REJECTS);
        JobLakeWriter.ticks(lake, List.of(TICK));
    }
}
