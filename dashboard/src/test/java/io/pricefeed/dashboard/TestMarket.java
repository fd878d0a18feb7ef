package io.pricefeed.dashboard;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The known data the dashboard tests read: 1m bars of SBIN on 10 March 2026 in DynamoDB (put
 * with the sink's own {@link BarItem}), and a small lake in the real layout (DESIGN.md §5),
 * written through DuckDB's Parquet writer with the column types the Flink job writes.
 */
final class TestMarket {
    static final String SBIN = "NSE:SBIN-EQ";
    static final String INFY = "NSE:INFY-EQ";
    static final String TCS = "NSE:TCS-EQ";
    static final LocalDate MAR_9 = LocalDate.of(2026, 3, 9);
    static final LocalDate MAR_10 = LocalDate.of(2026, 3, 10);
    static final LocalDate MAR_11 = LocalDate.of(2026, 3, 11);
    static final long MINUTE = 60_000L;
    /** 2026-03-10 09:15 IST, the session open. */
    static final long OPEN = IstTimes.sessionOpen(MAR_10);

    private TestMarket() {
    }

    /** The i-th 1m bar of SBIN on 10 March: a gentle zig-zag up from 1100, volume 1000 + 10 i. */
    static Bar minuteBar(int i, boolean isFinal) {
        double open = 1100 + i * 0.5 + (i % 2 == 0 ? 0 : 1.5);
        double close = open + (i % 3 == 0 ? -1.25 : 1.75);
        return new Bar(SBIN, Timeframe.M1, OPEN + i * MINUTE, OPEN + (i + 1) * MINUTE, open,
                Math.max(open, close) + 0.75, Math.min(open, close) - 0.5, close, (open + close) / 2,
                1_000 + 10L * i, 5 + i, 0, isFinal);
    }

    static void put(DynamoDbClient dynamo, String table, Bar bar) {
        dynamo.putItem(b -> b.tableName(table).item(BarItem.toItem(bar)));
    }

    /** Final 1m bars 0 .. count-1 of SBIN, and one TCS bar so the table holds two symbols. */
    static void putMinuteBars(DynamoDbClient dynamo, String table, int count) {
        for (int i = 0; i < count; i++) {
            put(dynamo, table, minuteBar(i, true));
        }
        put(dynamo, table, new Bar(TCS, Timeframe.M1, OPEN, OPEN + MINUTE, 3900, 3905, 3898, 3902, 3901, 500, 4, 0, true));
    }

    /**
     * The lake: 1d bars of SBIN on 9, 10 and 11 March and of INFY on 10 March (INFY is in the lake
     * only), and SBIN anomalies: two on 10 March (one of them twice, as after a replay) and one on
     * 11 March.
     */
    static void writeLake(Path lake) {
        day(lake, MAR_9, SBIN, 1090, 1100, 1080, 1095);
        day(lake, MAR_10, SBIN, 1100, 1120, 1096, 1116, INFY, 1500, 1512, 1490, 1505);
        day(lake, MAR_11, SBIN, 1116, 1118, 1100, 1104);
        anomalies(lake, MAR_10, "part-0",
                anomaly("a-gap", "GAP_OPEN", "HIGH", OPEN + 1_000, OPEN, "SBIN opened 3.4% above the previous close"),
                anomaly("a-vol", "VOLUME_SURGE", "MEDIUM", OPEN + 12 * MINUTE, OPEN + 11 * MINUTE, "SBIN volume 9.8x the 20-bar mean"));
        anomalies(lake, MAR_10, "part-1",
                anomaly("a-vol", "VOLUME_SURGE", "MEDIUM", OPEN + 12 * MINUTE, OPEN + 11 * MINUTE, "SBIN volume 9.8x the 20-bar mean"));
        long mar11 = IstTimes.sessionOpen(MAR_11);
        anomalies(lake, MAR_11, "part-0",
                anomaly("a-move", "PRICE_MOVE", "HIGH", mar11 + 30 * MINUTE, mar11 + 29 * MINUTE, "SBIN down 5.02% vs previous close 1116.00"));
    }

    /** Garman-Klass variance of a day, the view's formula. */
    static double garmanKlass(double open, double high, double low, double close) {
        return 0.5 * Math.pow(Math.log(high / low), 2) - (2 * Math.log(2) - 1) * Math.pow(Math.log(close / open), 2);
    }

    /** symbol, open, high, low, close repeated: one 1d bar each, in one part file. */
    private static void day(Path lake, LocalDate date, Object... rows) {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < rows.length; i += 5) {
            double open = ((Number) rows[i + 1]).doubleValue();
            double close = ((Number) rows[i + 4]).doubleValue();
            values.append(values.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                    "('%s', %d, %d, %s, %s, %s, %s, %s, %d, %d, 0)", rows[i], IstTimes.sessionOpen(date),
                    IstTimes.sessionOpen(date) + 375 * MINUTE, open, rows[i + 2], rows[i + 3], close, (open + close) / 2,
                    100_000, 375));
        }
        copy("SELECT symbol, to_timestamp(0) + to_milliseconds(s) AS bar_start, to_timestamp(0) + to_milliseconds(e) AS bar_end,"
                        + " o::DOUBLE AS open, h::DOUBLE AS high, l::DOUBLE AS low, c::DOUBLE AS close, v::DOUBLE AS vwap,"
                        + " vol::BIGINT AS volume, n::BIGINT AS tick_count, r::INTEGER AS revision"
                        + " FROM (VALUES " + values + ") AS t(symbol, s, e, o, h, l, c, v, vol, n, r)",
                lake.resolve("bars/timeframe=1d/trade_date=" + date + "/part-0.parquet"));
    }

    private static String anomaly(String id, String rule, String severity, long ts, long barStart, String message) {
        return String.format(Locale.ROOT, "SELECT '%s' AS id, '%s' AS symbol, '%s' AS rule, '%s' AS severity,"
                        + " to_timestamp(0) + to_milliseconds(%d) AS ts, to_timestamp(0) + to_milliseconds(%d) AS bar_start,"
                        + " '1m' AS timeframe, 9.8::DOUBLE AS value, 5.0::DOUBLE AS threshold, '%s' AS message,"
                        + " MAP(['x'], [1.0::DOUBLE]) AS context",
                id, SBIN, rule, severity, ts, barStart, message);
    }

    private static void anomalies(Path lake, LocalDate date, String part, String... selects) {
        copy(String.join(" UNION ALL ", selects), lake.resolve("anomalies/trade_date=" + date + "/" + part + ".parquet"));
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
