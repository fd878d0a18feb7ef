package io.pricefeed.producer.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void delaysGrowExponentiallyWithJitterInTheUpperHalfAndAreCapped() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), 1);
        for (int attempt = 1; attempt <= 12; attempt++) {
            long ceiling = Math.min(100L << (attempt - 1), 5_000);
            for (int i = 0; i < 50; i++) {
                assertThat(b.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
        assertThat(b.ceilingMillis(60)).as("no overflow").isEqualTo(5_000);
    }

    @Test
    void theJitterSpreadsRetries() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 2);
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            seen.add(b.delay(3).toMillis());
        }
        assertThat(seen).hasSizeGreaterThan(10);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1).delay(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
