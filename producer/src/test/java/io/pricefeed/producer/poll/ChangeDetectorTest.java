package io.pricefeed.producer.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Tick;
import org.junit.jupiter.api.Test;

class ChangeDetectorTest {
    private static Tick quote(String symbol, long ts, double ltp, long volume, double bid) {
        return new Tick(symbol, ts, ltp, volume, 100, 99, 101, 98, 99.5, bid, bid + 0.05);
    }

    @Test
    void aQuoteIsATickOnlyWhenPriceOrVolumeChanged() {
        ChangeDetector d = new ChangeDetector();
        assertThat(d.isChange(quote("NSE:A-EQ", 1, 100.0, 10, 99.9))).as("first quote").isTrue();
        assertThat(d.isChange(quote("NSE:A-EQ", 2, 100.0, 10, 99.9))).as("same again").isFalse();
        assertThat(d.isChange(quote("NSE:A-EQ", 3, 100.0, 10, 99.8))).as("only the bid moved").isFalse();
        assertThat(d.isChange(quote("NSE:A-EQ", 4, 100.0, 11, 99.8))).as("volume").isTrue();
        assertThat(d.isChange(quote("NSE:A-EQ", 5, 100.05, 11, 99.8))).as("price").isTrue();
        assertThat(d.isChange(quote("NSE:A-EQ", 6, 100.0, 11, 99.8))).as("price back").isTrue();
    }

    @Test
    void symbolsAreTrackedSeparately() {
        ChangeDetector d = new ChangeDetector();
        assertThat(d.isChange(quote("NSE:A-EQ", 1, 100.0, 10, 0))).isTrue();
        assertThat(d.isChange(quote("NSE:B-EQ", 1, 100.0, 10, 0))).isTrue();
        assertThat(d.isChange(quote("NSE:A-EQ", 2, 100.0, 10, 0))).isFalse();
        assertThat(d.size()).isEqualTo(2);
    }
}
