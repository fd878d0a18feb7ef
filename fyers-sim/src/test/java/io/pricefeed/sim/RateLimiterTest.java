package io.pricefeed.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RateLimiterTest {
    private static final long T0 = SimClock.ist("2026-03-10T10:00").toEpochMilli();

    private final SimStats stats = new SimStats();
    private final RateLimiter limiter = new RateLimiter(RateLimits.FYERS, stats);

    @Test
    void tenPerRollingSecond() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.tryAcquire("a", T0 + i * 50)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", T0 + 500)).as("11th within a second").isFalse();
        assertThat(limiter.tryAcquire("a", T0 + 999)).isFalse();
        assertThat(limiter.tryAcquire("a", T0 + 1000)).as("the first has left the window").isTrue();
        assertThat(limiter.tryAcquire("b", T0 + 500)).as("another token has its own budget").isTrue();
        assertThat(stats.rateLimited()).isEqualTo(2);
        assertThat(stats.minuteViolations()).isZero();
    }

    @Test
    void twoHundredPerRollingMinuteWithOneViolationPerOverLimitMinute() {
        for (int s = 0; s < 20; s++) {
            for (int i = 0; i < 10; i++) {
                assertThat(limiter.tryAcquire("a", T0 + s * 1000L + i)).isTrue();
            }
        }
        assertThat(limiter.tryAcquire("a", T0 + 20_000)).as("201st within a minute").isFalse();
        assertThat(limiter.tryAcquire("a", T0 + 45_000)).isFalse();
        assertThat(stats.minuteViolations()).as("the same over-limit minute").isEqualTo(1);
        assertThat(limiter.tryAcquire("a", T0 + 60_000)).as("the first second's requests have left").isTrue();
        assertThat(stats.rateLimited()).isEqualTo(2);
    }

    @Test
    void moreThanThreeMinuteViolationsBlockTheTokenUntilMidnightIst() {
        long t = T0;
        for (int violation = 1; violation <= 4; violation++) {
            t = fillMinute("a", t);
            assertThat(limiter.tryAcquire("a", t)).isFalse();
            assertThat(stats.minuteViolations()).isEqualTo(violation);
            t += 60_000;
        }
        assertThat(limiter.tryAcquire("a", t + 3_600_000)).as("blocked for the day").isFalse();
        long nextDay = SimClock.ist("2026-03-11T00:00").toEpochMilli();
        assertThat(limiter.tryAcquire("a", nextDay)).as("a new IST day").isTrue();
    }

    /** 200 requests at 10 per second from {@code t}; returns the instant just after. */
    private long fillMinute(String token, long t) {
        for (int i = 0; i < 200; i++) {
            assertThat(limiter.tryAcquire(token, t + (i / 10) * 1000L)).isTrue();
        }
        return t + 20_000;
    }

    @Test
    void theDailyLimitAndNoLimits() {
        RateLimiter daily = new RateLimiter(new RateLimits(0, 0, 3, 0), stats);
        assertThat(daily.tryAcquire("a", T0)).isTrue();
        assertThat(daily.tryAcquire("a", T0)).isTrue();
        assertThat(daily.tryAcquire("a", T0)).isTrue();
        assertThat(daily.tryAcquire("a", T0 + 3_600_000)).isFalse();
        RateLimiter none = new RateLimiter(RateLimits.NONE, stats);
        for (int i = 0; i < 10_000; i++) {
            assertThat(none.tryAcquire("a", T0)).isTrue();
        }
        assertThatThrownBy(() -> new RateLimits(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
