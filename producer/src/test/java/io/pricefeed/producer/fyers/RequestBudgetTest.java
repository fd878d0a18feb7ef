package io.pricefeed.producer.fyers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pricefeed.sim.SimClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The budget on a stepped clock: no sleeping, exact windows. */
class RequestBudgetTest {
    private final SimClock clock = SimClock.stepped(SimClock.ist("2026-03-10T10:00"));

    private RequestBudget.Builder budget() {
        return RequestBudget.builder().clock(clock.asClock());
    }

    /** Takes a permit and releases it at once (a request that took no time). */
    private static boolean request(RequestBudget b) {
        RequestBudget.Permit p = b.tryAcquire();
        if (p == null) {
            return false;
        }
        p.close();
        return true;
    }

    @Test
    void theDefaultsAreFyersLimitsLessTheSafetyMargin() {
        RequestBudget b = budget().build();
        assertThat(b.secondLimit()).isEqualTo(9);     // floor(10 * 0.97)
        assertThat(b.minuteLimit()).isEqualTo(194);   // floor(200 * 0.97)
        assertThat(b.dayLimit()).isEqualTo(97_000);
    }

    @Test
    void perSecondLimitRefusesTheNextRequestUntilTheOldestLeavesTheWindow() {
        RequestBudget b = budget().perSecond(5).safetyMargin(0).build();
        for (int i = 0; i < 5; i++) {
            assertThat(request(b)).isTrue();
            clock.advance(Duration.ofMillis(100));
        }
        // Requests at t=0,100,..,400; now t=500.
        assertThat(request(b)).isFalse();
        assertThat(b.millisUntilAvailable()).isEqualTo(500); // the t=0 request leaves at t=1000
        clock.advance(Duration.ofMillis(499));
        assertThat(request(b)).isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(request(b)).isTrue();
    }

    @Test
    void perMinuteLimitHoldsOverAnyRollingMinute() {
        RequestBudget b = budget().perSecond(1000).perMinute(10).safetyMargin(0).build();
        for (int i = 0; i < 10; i++) {
            assertThat(request(b)).isTrue();
        }
        assertThat(request(b)).isFalse();
        clock.advance(Duration.ofSeconds(59));
        assertThat(request(b)).isFalse();
        assertThat(b.millisUntilAvailable()).isEqualTo(1_000);
        clock.advance(Duration.ofSeconds(1));
        assertThat(request(b)).isTrue();
    }

    @Test
    void aRequestCountsFromWhenItsReplyCameBackAndWhileInFlight() {
        RequestBudget b = budget().perSecond(2).perMinute(1000).safetyMargin(0).build();
        RequestBudget.Permit slow = b.tryAcquire();
        assertThat(request(b)).isTrue();
        assertThat(b.tryAcquire()).as("the in-flight request holds its slot").isNull();
        clock.advance(Duration.ofMillis(3_000));
        slow.close(); // the reply took 3 s: Fyers may have counted it as late as now
        assertThat(request(b)).isTrue();
        assertThat(b.tryAcquire()).as("it counts for a full second from its completion").isNull();
        clock.advance(Duration.ofMillis(999));
        assertThat(b.tryAcquire()).isNull();
        clock.advance(Duration.ofMillis(1));
        assertThat(request(b)).isTrue();
    }

    @Test
    void aCancelledPermitGivesItsSlotBack() {
        RequestBudget b = budget().perSecond(1).safetyMargin(0).build();
        RequestBudget.Permit p = b.tryAcquire();
        assertThat(b.tryAcquire()).isNull();
        p.cancel();
        assertThat(b.granted()).isZero();
        assertThat(request(b)).isTrue();
    }

    @Test
    void theDayLimitResetsAtIstMidnight() {
        RequestBudget b = budget().perSecond(1000).perMinute(100_000).perDay(3).safetyMargin(0).build();
        clock.set(SimClock.ist("2026-03-10T23:59:00"));
        for (int i = 0; i < 3; i++) {
            assertThat(request(b)).isTrue();
        }
        assertThat(request(b)).isFalse();
        assertThat(b.millisUntilAvailable()).isEqualTo(60_000);
        clock.set(SimClock.ist("2026-03-11T00:00:00"));
        assertThat(request(b)).isTrue();
        assertThat(b.usedToday()).isEqualTo(1);
    }

    @Test
    void aRateLimitReplyPausesEveryRequestForTheBackoffAndHalvesTheBudgetForTheDay() {
        RequestBudget b = budget().build();
        assertThat(b.onRateLimited(true)).isEqualTo(RequestBudget.RateLimitResponse.BACKED_OFF_AND_REDUCED);
        assertThat(b.isPaused()).isTrue();
        assertThat(b.millisUntilAvailable()).isEqualTo(65_000);
        assertThat(b.minuteLimit()).isEqualTo(97);
        assertThat(b.secondLimit()).isEqualTo(4);
        // Replies to requests sent before the pause are the same violation.
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.onRateLimited(true)).isEqualTo(RequestBudget.RateLimitResponse.ALREADY_BACKING_OFF);
        assertThat(b.violationsToday()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(64));
        assertThat(b.isPaused()).isFalse();
        assertThat(request(b)).isTrue();
    }

    @Test
    void aSecondViolationSuspendsRequestsUntilTheNextIstDaySoFyersNeverBlocksTheUser() {
        RequestBudget b = budget().build();
        b.onRateLimited(true);
        clock.advance(Duration.ofMinutes(5));
        assertThat(b.onRateLimited(true)).isEqualTo(RequestBudget.RateLimitResponse.SUSPENDED_FOR_DAY);
        assertThat(b.isSuspendedForDay()).isTrue();
        clock.set(SimClock.ist("2026-03-10T23:59:59"));
        assertThat(request(b)).isFalse();
        clock.set(SimClock.ist("2026-03-11T00:00:00"));
        assertThat(b.isSuspendedForDay()).isFalse();
        assertThat(b.minuteLimit()).as("a new day, the full budget").isEqualTo(194);
        assertThat(request(b)).isTrue();
    }

    @Test
    void aCloudflarePagePausesButIsNotCountedAsAnApiViolation() {
        RequestBudget b = budget().build();
        assertThat(b.onRateLimited(false)).isEqualTo(RequestBudget.RateLimitResponse.BACKED_OFF);
        assertThat(b.violationsToday()).isZero();
        assertThat(b.minuteLimit()).isEqualTo(194);
        assertThat(b.millisUntilAvailable()).isEqualTo(65_000);
    }

    @Test
    void aBackoffShorterThanAMinuteIsRefused() {
        assertThatThrownBy(() -> budget().rateLimitBackoff(Duration.ofSeconds(59)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60 s");
        assertThatThrownBy(() -> budget().safetyMargin(0.5)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Random request durations and pacing: completions never exceed a limit in any rolling window. */
    @Test
    void underRandomTrafficNoRollingWindowEverHoldsMoreThanTheLimit() {
        RequestBudget b = budget().build();
        SplittableRandom random = new SplittableRandom(3);
        List<long[]> inFlight = new ArrayList<>(); // {endTime}
        List<RequestBudget.Permit> permits = new ArrayList<>();
        ArrayDeque<Long> arrivals = new ArrayDeque<>();
        List<Long> all = new ArrayList<>();
        for (int step = 0; step < 40_000; step++) {
            clock.advance(Duration.ofMillis(random.nextInt(1, 40)));
            long now = clock.now();
            for (int i = inFlight.size() - 1; i >= 0; i--) {
                if (inFlight.get(i)[0] <= now) {
                    permits.remove(i).close();
                    inFlight.remove(i);
                }
            }
            if (inFlight.size() < 3) {
                RequestBudget.Permit p = b.tryAcquire();
                if (p != null) {
                    // The server sees the request anywhere between now and its completion.
                    long duration = random.nextInt(1, 2_000);
                    long arrival = now + random.nextLong(duration);
                    all.add(arrival);
                    permits.add(p);
                    inFlight.add(new long[] {now + duration});
                }
            }
        }
        all.sort(Long::compare);
        for (long t : all) {
            arrivals.addLast(t);
            while (arrivals.peekFirst() <= t - 60_000) {
                arrivals.pollFirst();
            }
            assertThat(arrivals.size()).as("arrivals in the minute up to %s", Instant.ofEpochMilli(t)).isLessThanOrEqualTo(194);
        }
        ArrayDeque<Long> second = new ArrayDeque<>();
        for (long t : all) {
            second.addLast(t);
            while (second.peekFirst() <= t - 1_000) {
                second.pollFirst();
            }
            assertThat(second.size()).isLessThanOrEqualTo(9);
        }
        assertThat(all.size()).as("and the budget is used, not starved").isGreaterThan(194 * 12);
    }
}
