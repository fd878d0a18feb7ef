package io.pricefeed.athena;

import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small lake's records, written in the real layout (DESIGN.md §5) by test-fixtures'
 * {@link TestLakeWriter}: the job's columns and types, partition values in the path only.
 */
final class TestLake {
    static final LocalDate MAR_10 = LocalDate.of(2026, 3, 10);
    static final LocalDate MAR_11 = LocalDate.of(2026, 3, 11);
    static final String SBIN = "NSE:SBIN-EQ";
    static final String INFY = "NSE:INFY-EQ";

    /** Three 1m bars per symbol and one 1d bar each on 10 March, one 1m bar on 11 March. */
    static final List<Bar> BARS = List.of(
            minute(SBIN, MAR_10, 9, 15, 1094.0, 1099.5, 1093.2, 1098.75, 1096.1, 120_000, 40, 0),
            minute(SBIN, MAR_10, 9, 16, 1098.75, 1101.2, 1097.0, 1100.1, 1099.3, 80_000, 35, 0),
            minute(SBIN, MAR_10, 9, 17, 1100.1, 1100.9, 1096.4, 1097.0, 1098.2, 65_000, 30, 1),
            minute(INFY, MAR_10, 9, 15, 1510.0, 1512.5, 1508.0, 1511.0, 1510.4, 30_000, 22, 0),
            minute(INFY, MAR_10, 9, 16, 1511.0, 1515.25, 1510.5, 1514.0, 1513.1, 25_000, 18, 0),
            minute(INFY, MAR_10, 9, 17, 1514.0, 1514.5, 1509.75, 1510.0, 1512.0, 27_000, 20, 0),
            day(SBIN, MAR_10, 1094.0, 1105.0, 1088.0, 1101.0, 1097.5, 8_234_561, 5_000),
            day(INFY, MAR_10, 1510.0, 1522.0, 1501.0, 1518.0, 1512.75, 12_000_000, 4_200),
            minute(SBIN, MAR_11, 9, 15, 1101.0, 1102.0, 1099.0, 1100.0, 1100.6, 90_000, 33, 0));

    private TestLake() {
    }

    static long istMillis(LocalDate date, int hour, int minute) {
        return date.atTime(hour, minute).atZone(TradingCalendar.IST).toInstant().toEpochMilli();
    }

    private static Bar minute(String symbol, LocalDate date, int hour, int minute, double open, double high,
                              double low, double close, double vwap, long volume, long ticks, int revision) {
        long start = istMillis(date, hour, minute);
        return new Bar(symbol, Timeframe.M1, start, start + 60_000, open, high, low, close, vwap, volume, ticks,
                revision, true);
    }

    /** A 1d bar over the session, 09:15 to 15:30 IST. */
    static Bar day(String symbol, LocalDate date, double open, double high, double low, double close, double vwap,
                   long volume, long ticks) {
        return new Bar(symbol, Timeframe.D1, istMillis(date, 9, 15), istMillis(date, 15, 30), open, high, low, close,
                vwap, volume, ticks, 0, true);
    }

    /** A tick with only price and volume known (the rest 0, atp = ltp). */
    static Tick tick(String symbol, long tsMillis, double ltp, long cumVolume) {
        return new Tick(symbol, tsMillis, ltp, cumVolume, ltp, 0, 0, 0, 0, 0, 0);
    }

    /** A 5.31% PRICE_MOVE of SBIN, its context the ltp and previous close. */
    static Anomaly priceMove(String id, String symbol, long tsMillis, long barStart) {
        Map<String, Double> context = new LinkedHashMap<>();
        context.put("ltp", 1150.4);
        context.put("prevClose", 1092.4);
        return new Anomaly(id, symbol, AnomalyRule.PRICE_MOVE, Severity.HIGH, tsMillis, barStart, Timeframe.M1, 5.31, 5.0,
                "SBIN up 5.31%", context);
    }

    /**
     * Rewrites {@code column} of a Parquet file as a plain (not UTC-adjusted) millisecond timestamp,
     * as writers other than the job store times: the views must read the same instant from both.
     */
    static void plainTimestamps(Path file, String column) {
        Path rewritten = file.resolveSibling("." + file.getFileName() + ".plain");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement statement = db.createStatement()) {
            statement.execute("COPY (SELECT * REPLACE (make_timestamp(epoch_us(" + column + "))::TIMESTAMP_MS AS " + column
                    + ") FROM read_parquet('" + file + "', hive_partitioning = false)) TO '" + rewritten + "' (FORMAT PARQUET)");
            Files.move(rewritten, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not rewrite " + file + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
