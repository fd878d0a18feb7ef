package io.pricefeed.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pricefeed.barstable.BarsTableReader;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import io.pricefeed.standins.DynamoDbLocal;
import io.pricefeed.standins.LocalAws;
import io.pricefeed.standins.PipelineResources;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@LocalAws
class SymbolDirectoryTest {
    @TempDir
    Path tmp;
    private DynamoDbLocal dynamo;
    private String table;
    private Instant now = Instant.parse("2026-03-10T04:00:00Z");
    private SymbolDirectory symbols;

    @BeforeEach
    void setUp(DynamoDbLocal dynamo) {
        this.dynamo = dynamo;
        table = "bars-symbols-" + System.nanoTime();
        dynamo.createTable(PipelineResources.barsTable(table));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneId.of("UTC");
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        };
        symbols = new SymbolDirectory(new BarsTableReader(dynamo.client(), table), new LakeReader(tmp.resolve("no-lake")), clock);
    }

    private void put(String symbol, boolean isFinal) {
        TestMarket.put(dynamo.client(), table, new Bar(symbol, Timeframe.M5, TestMarket.OPEN, TestMarket.OPEN + 300_000,
                10, 11, 9, 10.5, 10.2, 100, 3, 0, isFinal));
    }

    private void advance(Duration d) {
        now = now.plus(d);
    }

    @Test
    void anEmptyTableIsAskedAgainSoonAndAFullOneAfterAMinute() {
        assertThat(symbols.all()).isEmpty();
        put("NSE:SBIN-EQ", false); // a live item alone makes a symbol known

        assertThat(symbols.all()).isEmpty();
        advance(SymbolDirectory.MISS_REFRESH.plusMillis(1));
        assertThat(symbols.all()).containsExactly("NSE:SBIN-EQ");

        put("NSE:TCS-EQ", true);
        advance(SymbolDirectory.MISS_REFRESH.plusMillis(1));
        assertThat(symbols.all()).containsExactly("NSE:SBIN-EQ");
        advance(SymbolDirectory.MAX_AGE);
        assertThat(symbols.all()).containsExactly("NSE:SBIN-EQ", "NSE:TCS-EQ");
    }

    @Test
    void anUnknownSymbolRefreshesAtMostEveryTwoSecondsThenIs404() {
        put("NSE:SBIN-EQ", true);
        symbols.require("NSE:SBIN-EQ");
        put("NSE:INFY-EQ", true);

        ApiException tooSoon = catchThrowableOfType(() -> symbols.require("NSE:INFY-EQ"), ApiException.class);
        assertThat(tooSoon.status()).isEqualTo(404);
        assertThat(tooSoon).hasMessage("unknown symbol 'NSE:INFY-EQ' (GET /api/symbols lists the known ones)");

        advance(SymbolDirectory.MISS_REFRESH.plusMillis(1));
        symbols.require("NSE:INFY-EQ");
        assertThat(symbols.all()).containsExactly("NSE:INFY-EQ", "NSE:SBIN-EQ");
    }
}
