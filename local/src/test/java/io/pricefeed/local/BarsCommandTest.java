package io.pricefeed.local;

import io.pricefeed.local.options.DynamoDbTarget;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pricefeed.barstable.BarItem;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@LocalAws
class BarsCommandTest extends CliTestBase {
    private static final AtomicInteger TABLES = new AtomicInteger();
    private static final String SBIN = "NSE:SBIN-EQ";
    /** 2026-03-10 09:15 IST, the session open. */
    private static final long OPEN = LocalDateTime.of(2026, 3, 10, 9, 15).atZone(ZoneId.of("Asia/Kolkata"))
            .toInstant().toEpochMilli();
    private static final long MINUTE = 60_000L;

    private DynamoDbLocal dynamo;
    private String table;

    @BeforeEach
    void createTable(DynamoDbLocal dynamo) {
        this.dynamo = dynamo;
        this.table = "bars-" + TABLES.incrementAndGet();
        dynamo.createTable(PipelineResources.barsTable(table));
    }


    private int bars(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "bars";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--endpoint", dynamo.endpoint().toString(), "--table", table}, 0, all, args.length + 1, 4);
        return run(all);
    }

    /** The i-th 1m bar of the day: close 100 + i, volume 1000 + i. */
    private void put(int minute, boolean isFinal) {
        double close = 100 + minute;
        Bar bar = new Bar(SBIN, Timeframe.M1, OPEN + minute * MINUTE, OPEN + (minute + 1) * MINUTE,
                close - 0.5, close + 1, close - 1, close, close - 0.25, 1000 + minute, 10 + minute,
                isFinal ? 1 : 0, isFinal);
        dynamo.client().putItem(b -> b.tableName(table).item(BarItem.toItem(bar)));
    }

    @Test
    void printsTheLastNFinalBarsNewestLastInIst() {
        for (int minute = 0; minute < 5; minute++) {
            put(minute, true);
        }

        assertThat(bars(SBIN, "--last", "3")).as(err.toString()).isZero();

        assertThat(out.toString()).isEqualTo(""
                + "NSE:SBIN-EQ 1m bars, newest last (DynamoDB at " + dynamo.endpoint() + ", table '" + table + "')\n"
                + "  time (IST)          open    high     low   close    vwap  volume  ticks  rev\n"
                + "  2026-03-10 09:17  101.50  103.00  101.00  102.00  101.75    1002     12    1\n"
                + "  2026-03-10 09:18  102.50  104.00  102.00  103.00  102.75    1003     13    1\n"
                + "  2026-03-10 09:19  103.50  105.00  103.00  104.00  103.75    1004     14    1\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void theFormingBarIsShownAndMarkedOnlyWhenNewerThanTheNewestFinalOne() {
        put(0, true);
        put(1, true);
        put(1, false); // left behind by the bar that has since turned final

        assertThat(bars(SBIN)).isZero();
        assertThat(out.toString()).doesNotContain("*").contains("09:16").hasLineCount(4);

        put(2, false);
        out.getBuffer().setLength(0);
        assertThat(bars(SBIN)).isZero();
        assertThat(out.toString()).endsWith(""
                + "  2026-03-10 09:16  100.50  102.00  100.00  101.00  100.75    1001     11    1\n"
                + "* 2026-03-10 09:17  101.50  103.00  101.00  102.00  101.75    1002     12    0\n"
                + "* forming: the bar is still open; it changes until it closes and turns final\n");

        out.getBuffer().setLength(0);
        assertThat(bars(SBIN, "--no-live")).isZero();
        assertThat(out.toString()).doesNotContain("*").doesNotContain("09:17");
    }

    @Test
    void jsonIsAnArrayWithEpochMillisIstStringsAndTheFinalFlag() throws Exception {
        put(0, true);
        put(1, false);

        assertThat(bars(SBIN, "--json")).as(err.toString()).isZero();

        JsonNode array = new ObjectMapper().readTree(out.toString());
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(2);
        JsonNode first = array.get(0);
        assertThat(first.get("symbol").asText()).isEqualTo(SBIN);
        assertThat(first.get("timeframe").asText()).isEqualTo("1m");
        assertThat(first.get("barStart").asLong()).isEqualTo(OPEN);
        assertThat(first.get("barEnd").asLong()).isEqualTo(OPEN + MINUTE);
        assertThat(first.get("barStartIst").asText()).isEqualTo("2026-03-10T09:15:00+05:30");
        assertThat(first.get("barEndIst").asText()).isEqualTo("2026-03-10T09:16:00+05:30");
        assertThat(first.get("close").asDouble()).isEqualTo(100.0);
        assertThat(first.get("vwap").asDouble()).isEqualTo(99.75);
        assertThat(first.get("volume").asLong()).isEqualTo(1000);
        assertThat(first.get("tickCount").asLong()).isEqualTo(10);
        assertThat(first.get("revision").asInt()).isEqualTo(1);
        assertThat(first.get("final").asBoolean()).isTrue();
        assertThat(array.get(1).get("final").asBoolean()).isFalse();
        assertThat(array.get(1).get("barStart").asLong()).isEqualTo(OPEN + MINUTE);
    }

    @Test
    void otherTimeframesAreOtherKeys() {
        Bar fiveMinutes = new Bar(SBIN, Timeframe.M5, OPEN, OPEN + 5 * MINUTE, 100, 101, 99, 100.5, Double.NaN, 5000, 50, 0, true);
        dynamo.client().putItem(b -> b.tableName(table).item(BarItem.toItem(fiveMinutes)));
        put(0, true);

        assertThat(bars(SBIN, "--tf", "5m")).isZero();
        assertThat(out.toString()).startsWith("NSE:SBIN-EQ 5m bars").hasLineCount(3)
                .contains("  2026-03-10 09:15  100.00  101.00  99.00  100.50     -    5000     50    0\n");
    }

    @Test
    void anUnknownSymbolSaysSoAndSuggestsTheFyersName() {
        put(0, true);

        assertThat(bars("sbin")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("pricefeed: no 1m bars for sbin in table '" + table + "' (DynamoDB at "
                + dynamo.endpoint() + "); symbols are stored as Fyers names them: did you mean NSE:SBIN-EQ?\n");

        err.getBuffer().setLength(0);
        assertThat(bars("NSE:NOPE-EQ", "--json")).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("[]\n");
        assertThat(err.toString()).startsWith("pricefeed: no 1m bars for NSE:NOPE-EQ in table").doesNotContain("did you mean");
    }

    @Test
    void aBadTimeframeOrCountIsAUsageError() {
        assertThat(bars(SBIN, "--tf", "2m")).isEqualTo(2);
        assertThat(err.toString()).startsWith("Invalid value for option '--tf': unknown timeframe '2m'"
                + " (expected one of 1m, 5m, 15m, 1h, 1d)");

        err.getBuffer().setLength(0);
        assertThat(bars(SBIN, "--last", "0")).isEqualTo(2);
        assertThat(err.toString()).startsWith("--last must be at least 1, got 0");
    }

    @Test
    void aMissingTableIsOneLine() {
        assertThat(run("bars", SBIN, "--endpoint", dynamo.endpoint().toString(), "--table", "no-such-table")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("pricefeed: no table 'no-such-table' in DynamoDB at " + dynamo.endpoint() + "\n");
    }

    @Test
    void anUnreachableEndpointIsOneLineQuickly() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free once closed: nothing listens there
        }
        long start = System.nanoTime();

        assertThat(run("bars", SBIN, "--endpoint", "http://127.0.0.1:" + port)).isEqualTo(1);

        assertThat(err.toString()).startsWith("pricefeed: cannot reach DynamoDB at http://127.0.0.1:" + port + ": ")
                .contains("Connection refused").hasLineCount(1);
        assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
    }

    @Test
    void withoutFlagsItAsksTheLocalStackOnItsFixedPort() {
        assertThat(DynamoDbTarget.resolve(null, null).describe()).isEqualTo("DynamoDB at http://127.0.0.1:8000");
        assertThat(DynamoDbTarget.resolve(null, null).loopback()).isTrue();
        assertThat(DynamoDbTarget.resolve(null, "ap-south-1").describe()).isEqualTo("AWS DynamoDB in ap-south-1");
        assertThat(DynamoDbTarget.resolve("https://dynamodb.ap-south-1.amazonaws.com", "ap-south-1").loopback()).isFalse();
        assertThat(DynamoDbTarget.resolve("http://localhost:9000", null).loopback()).isTrue();
    }
}
