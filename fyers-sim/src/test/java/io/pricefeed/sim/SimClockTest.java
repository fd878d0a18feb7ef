package io.pricefeed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimClockTest {
    private static final Instant START = SimClock.ist("2026-03-10T09:14");

    @Test
    void istWallTimesBecomeInstants() {
        assertThat(START).isEqualTo(Instant.parse("2026-03-10T03:44:00Z"));
    }

    @Test
    void aSteppedClockMovesOnlyWhenTold() {
        SimClock clock = SimClock.stepped(START);
        assertThat(clock.isStepped()).isTrue();
        assertThat(clock.now()).isEqualTo(START.toEpochMilli());
        clock.advance(Duration.ofSeconds(61));
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(61));
        clock.set(SimClock.ist("2026-03-10T15:30"));
        assertThat(clock.now()).isEqualTo(SimClock.ist("2026-03-10T15:30").toEpochMilli());
        assertThat(clock.asClock().millis()).isEqualTo(clock.now());
        assertThat(clock.toString()).contains("2026-03-10 15:30:00.000 IST");
    }

    @Test
    void anAcceleratedClockRunsSpeedTimesFasterThanItsNanoSource() {
        AtomicLong nanos = new AtomicLong(5_000_000_000L);
        SimClock clock = SimClock.accelerated(START, 60, nanos::get);
        assertThat(clock.now()).isEqualTo(START.toEpochMilli());
        nanos.addAndGet(1_000_000_000L); // one real second
        assertThat(clock.instant()).isEqualTo(START.plusSeconds(60));
        nanos.addAndGet(6_500_000L); // 6.5 ms -> 390 ms
        assertThat(clock.now()).isEqualTo(START.toEpochMilli() + 60_390);
        assertThat(clock.speed()).isEqualTo(60);
        assertThat(clock.start()).isEqualTo(START);
    }

    @Test
    void misuseIsRefusedWithAReason() {
        assertThatThrownBy(() -> SimClock.accelerated(START, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("speed");
        assertThatThrownBy(() -> SimClock.accelerated(START, 60).advance(Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("stepped");
        SimClock stepped = SimClock.stepped(START);
        assertThatThrownBy(() -> stepped.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stepped.set(START.minusMillis(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("never goes back");
    }
}
