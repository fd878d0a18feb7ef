package io.pricefeed.producer.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.producer.SimPacedClock;
import io.pricefeed.sim.SimClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PacedClockTest {
    @Test
    void anAcceleratedClockIsWaitedOnInRealTimeDividedByItsSpeed() throws Exception {
        SimClock sim = SimClock.accelerated(SimClock.ist("2026-03-10T10:00"), 100);
        PacedClock pacer = SimPacedClock.of(sim);
        long realStart = System.nanoTime();
        long target = sim.now() + 10_000; // 10 simulated seconds = 100 real ms
        pacer.sleepUntil(target);
        long realMs = (System.nanoTime() - realStart) / 1_000_000;
        assertThat(sim.now()).isGreaterThanOrEqualTo(target);
        assertThat(realMs).isBetween(95L, 2_000L);
    }

    @Test
    void aSteppedClockIsFollowedWhenSomeoneMovesIt() throws Exception {
        SimClock sim = SimClock.stepped(SimClock.ist("2026-03-10T10:00"));
        PacedClock pacer = SimPacedClock.of(sim);
        long target = sim.now() + Duration.ofHours(1).toMillis();
        CompletableFuture<Void> sleeper = CompletableFuture.runAsync(() -> {
            try {
                pacer.sleepUntil(target);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(sleeper).isNotDone();
        sim.advance(Duration.ofMinutes(59));
        assertThat(sleeper).isNotDone();
        sim.advance(Duration.ofMinutes(1));
        sleeper.get(5, TimeUnit.SECONDS);
    }

    @Test
    void targetsInThePastReturnAtOnceEvenTheSmallestOne() throws Exception {
        PacedClock pacer = PacedClock.system();
        long start = System.nanoTime();
        pacer.sleepUntil(Long.MIN_VALUE);
        pacer.sleepUntil(pacer.millis() - 1);
        assertThat(System.nanoTime() - start).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
    }
}
