package io.pricefeed.athena;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Writes a small lake in the real layout (DESIGN.md §5) through DuckDB's own Parquet writer,
 * on a connection separate from the engine under test. Partition values go into the path
 * only, never into the files, as the Flink job writes them.
 */
final class TestLake {
    static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    static final LocalDate MAR_10 = LocalDate.of(2026, 3, 10);
    static final LocalDate MAR_11 = LocalDate.of(2026, 3, 11);
    static final String SBIN = "NSE:SBIN-EQ";
    static final String INFY = "NSE:INFY-EQ";

    record BarRow(String symbol, String timeframe, LocalDate tradeDate, long startMs, long endMs, double open,
                  double high, double low, double close, double vwap, long volume, long tickCount, int revision) {
    }

    /** Three 1m bars per symbol and one 1d bar each on 10 March, one 1m bar on 11 March. */
    static final List<BarRow> BARS = List.of(
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
        return ZonedDateTime.of(date.atTime(hour, minute), IST).toInstant().toEpochMilli();
    }

    private static BarRow minute(String symbol, LocalDate date, int hour, int minute, double open, double high,
                                 double low, double close, double vwap, long volume, long ticks, int revision) {
        long start = istMillis(date, hour, minute);
        return new BarRow(symbol, "1m", date, start, start + 60_000, open, high, low, close, vwap, volume, ticks,
                revision);
    }

    private static BarRow day(String symbol, LocalDate date, double open, double high, double low, double close,
                              double vwap, long volume, long ticks) {
        return new BarRow(symbol, "1d", date, istMillis(date, 9, 15), istMillis(date, 15, 30), open, high, low,
                close, vwap, volume, ticks, 0);
    }

    /** One part file per (timeframe, trade date) partition, as the job commits them. */
    static void writeBars(Path lake, List<BarRow> bars) {
        Map<String, List<BarRow>> partitions = bars.stream().collect(Collectors.groupingBy(
                b -> "bars/timeframe=" + b.timeframe() + "/trade_date=" + b.tradeDate(), TreeMap::new,
                Collectors.toList()));
        partitions.forEach((folder, rows) -> {
            String values = rows.stream()
                    .map(b -> String.format(Locale.ROOT, "('%s', %d, %d, %s, %s, %s, %s, %s, %d, %d, %d)",
                            b.symbol(), b.startMs(), b.endMs(), b.open(), b.high(), b.low(), b.close(), b.vwap(),
                            b.volume(), b.tickCount(), b.revision()))
                    .collect(Collectors.joining(",\n"));
            // to_timestamp(0) + millis is a TIMESTAMP WITH TIME ZONE, stored as a UTC-adjusted
            // Parquet timestamp: what parquet-avro writes for a timestamp-millis field.
            copy("SELECT symbol,"
                    + " to_timestamp(0) + to_milliseconds(start_ms) AS bar_start,"
                    + " to_timestamp(0) + to_milliseconds(end_ms) AS bar_end,"
                    + " open::DOUBLE AS open, high::DOUBLE AS high, low::DOUBLE AS low, close::DOUBLE AS close,"
                    + " vwap::DOUBLE AS vwap, volume::BIGINT AS volume, tick_count::BIGINT AS tick_count,"
                    + " revision::INTEGER AS revision"
                    + " FROM (VALUES " + values + ") AS t(symbol, start_ms, end_ms, open, high, low, close, vwap,"
                    + " volume, tick_count, revision)",
                    lake.resolve(folder).resolve("part-0.parquet"));
        });
    }

    /** One tick, with its time stored as a plain (not UTC-adjusted) millisecond timestamp. */
    static void writeTick(Path lake, LocalDate tradeDate, String symbol, long tsMillis, double ltp, long cumVolume) {
        copy(String.format(Locale.ROOT, "SELECT '%s' AS symbol, epoch_ms(%d)::TIMESTAMP_MS AS ts, %s::DOUBLE AS ltp,"
                        + " %d::BIGINT AS cum_volume, %s::DOUBLE AS atp, 0.0::DOUBLE AS day_open,"
                        + " 0.0::DOUBLE AS day_high, 0.0::DOUBLE AS day_low, 0.0::DOUBLE AS prev_close,"
                        + " 0.0::DOUBLE AS bid, 0.0::DOUBLE AS ask",
                        symbol, tsMillis, ltp, cumVolume, ltp),
                lake.resolve("ticks/trade_date=" + tradeDate + "/part-0.parquet"));
    }

    static void writeAnomaly(Path lake, LocalDate tradeDate, String id, String symbol, long tsMillis, long barStart) {
        copy(String.format(Locale.ROOT, "SELECT '%s' AS id, '%s' AS symbol, 'PRICE_MOVE' AS rule, 'HIGH' AS severity,"
                        + " to_timestamp(0) + to_milliseconds(%d) AS ts,"
                        + " to_timestamp(0) + to_milliseconds(%d) AS bar_start, '1m' AS timeframe,"
                        + " 5.31::DOUBLE AS value, 5.0::DOUBLE AS threshold, 'SBIN up 5.31%%' AS message,"
                        + " MAP(['ltp', 'prevClose'], [1150.4::DOUBLE, 1092.4::DOUBLE]) AS context",
                        id, symbol, tsMillis, barStart),
                lake.resolve("anomalies/trade_date=" + tradeDate + "/part-0.parquet"));
    }

    private static void copy(String select, Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Connection writer = DriverManager.getConnection("jdbc:duckdb:");
             Statement statement = writer.createStatement()) {
            statement.execute("COPY (" + select + ") TO '" + file + "' (FORMAT PARQUET, COMPRESSION SNAPPY)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
