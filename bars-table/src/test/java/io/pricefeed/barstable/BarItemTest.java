package io.pricefeed.barstable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class BarItemTest {
    private static final long START = 1_773_114_300_000L; // 2026-03-10 09:15 IST

    @Test
    void finalAndLiveBarsLiveUnderDifferentKeysAndRoundTrip() {
        Bar bar = new Bar("NSE:SBIN-EQ", Timeframe.M5, START, START + 300_000, 100, 102, 99, 101, 100.7, 12_345, 42, 1, true);
        Map<String, AttributeValue> item = BarItem.toItem(bar);
        assertThat(item.get("pk").s()).isEqualTo("NSE:SBIN-EQ#5m");
        assertThat(item.get("sk").n()).isEqualTo(Long.toString(START));
        assertThat(item.get("expiresAt").n()).isEqualTo(Long.toString((START + 300_000) / 1000 + Duration.ofDays(90).getSeconds()));
        assertThat(BarItem.fromItem(item)).isEqualTo(bar);

        Bar forming = bar.copy();
        forming.setFinalBar(false);
        Map<String, AttributeValue> live = BarItem.toItem(forming);
        assertThat(live.get("pk").s()).isEqualTo("NSE:SBIN-EQ#5m#live");
        assertThat(live.get("expiresAt").n()).isEqualTo(Long.toString((START + 300_000) / 1000 + 86_400));
        assertThat(BarItem.fromItem(live)).isEqualTo(forming);
    }

    @Test
    void dailyBarsNeverExpireAndAnUnknownVwapIsStoredAsNull() {
        Bar daily = new Bar("NSE:INFY-EQ", Timeframe.D1, START, START + 22_500_000, 10, 12, 9, 11, Double.NaN, 5, 0, 0, true);
        Map<String, AttributeValue> item = BarItem.toItem(daily);
        assertThat(item).doesNotContainKey("expiresAt");
        assertThat(item.get("vwap").nul()).isTrue();
        assertThat(BarItem.fromItem(item).getVwap()).isNaN();
        assertThat(BarItem.timeToLive(Timeframe.M1, false)).isEqualTo(Duration.ofDays(30));
        assertThat(BarItem.timeToLive(Timeframe.H1, false)).isEqualTo(Duration.ofDays(365));
    }
}
