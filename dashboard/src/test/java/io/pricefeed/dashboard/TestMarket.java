package io.pricefeed.dashboard;

import io.pricefeed.barstable.BarItem;
import io.pricefeed.fixtures.TestLakeWriter;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Timeframe;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The known data the dashboard tests read: 1m bars of SBIN on 10 March 2026 in DynamoDB (put
 * with the sink's own {@link BarItem}), and a small lake in the real layout (DESIGN.md §5),
 * written by test-fixtures' {@link TestLakeWriter} with the job's columns and types.
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
     * only), and SBIN anomalies: two on 10 March (one of them twice, as after a replay: a second
     * file) and one on 11 March.
     */
    static void writeLake(Path lake) {
        long mar11 = IstTimes.sessionOpen(MAR_11);
        Anomaly surge = anomaly("a-vol", AnomalyRule.VOLUME_SURGE, Severity.MEDIUM, OPEN + 12 * MINUTE, OPEN + 11 * MINUTE,
                "SBIN volume 9.8x the 20-bar mean");
        TestLakeWriter.bars(lake, List.of(
                day(MAR_9, SBIN, 1090, 1100, 1080, 1095),
                day(MAR_10, SBIN, 1100, 1120, 1096, 1116), day(MAR_10, INFY, 1500, 1512, 1490, 1505),
                day(MAR_11, SBIN, 1116, 1118, 1100, 1104)));
        TestLakeWriter.anomalies(lake, List.of(
                anomaly("a-gap", AnomalyRule.GAP_OPEN, Severity.HIGH, OPEN + 1_000, OPEN, "SBIN opened 3.4% above the previous close"),
                surge,
                anomaly("a-move", AnomalyRule.PRICE_MOVE, Severity.HIGH, mar11 + 30 * MINUTE, mar11 + 29 * MINUTE,
                        "SBIN down 5.02% vs previous close 1116.00")));
        TestLakeWriter.anomalies(lake, List.of(surge));
    }

    /** Garman-Klass variance of a day, the view's formula. */
    static double garmanKlass(double open, double high, double low, double close) {
        return 0.5 * Math.pow(Math.log(high / low), 2) - (2 * Math.log(2) - 1) * Math.pow(Math.log(close / open), 2);
    }

    /** A 1d bar over the whole session: vwap midway between open and close, volume 100,000, 375 ticks. */
    private static Bar day(LocalDate date, String symbol, double open, double high, double low, double close) {
        long start = IstTimes.sessionOpen(date);
        return new Bar(symbol, Timeframe.D1, start, start + 375 * MINUTE, open, high, low, close, (open + close) / 2,
                100_000, 375, 0, true);
    }

    private static Anomaly anomaly(String id, AnomalyRule rule, Severity severity, long ts, long barStart, String message) {
        return new Anomaly(id, SBIN, rule, severity, ts, barStart, Timeframe.M1, 9.8, 5.0, message, Map.of("x", 1.0));
    }
}
