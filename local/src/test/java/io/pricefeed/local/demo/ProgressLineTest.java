package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.TradingCalendar;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
    /** 2026-03-10 10:02:30 IST. */
    private static final long SIMULATED_NOW = LocalDateTime.of(2026, 3, 10, 10, 2, 30)
            .atZone(TradingCalendar.IST).toInstant().toEpochMilli();
    private static final long T0 = 5_000_000_000L;
    private static final long NO_EVENT_TIME = Long.MIN_VALUE;

    private static final double SPEED = 60;

    private static PipelineSnapshot snapshot(long nanoTime, long simulatedNow, long ticks, long rejects, long bars,
                                             long anomalies, long eventTime, long emails, long faults) {
        return snapshot(nanoTime, simulatedNow, 100, ticks, rejects, bars, anomalies, eventTime, emails, faults);
    }

    private static PipelineSnapshot snapshot(long nanoTime, long simulatedNow, long calls, long ticks, long rejects, long bars,
                                             long anomalies, long eventTime, long emails, long faults) {
        return new PipelineSnapshot(nanoTime, simulatedNow, calls, ticks, faults, 0, ticks, rejects, bars, anomalies,
                eventTime, emails);
    }

    @Test
    void showsSimulatedTimeTheCallRateTheTickRateTheCountsAndTheLagInRealSeconds() {
        PipelineSnapshot previous = snapshot(T0, SIMULATED_NOW - 120_000, 460, 46_162, 0, 2_300, 3, SIMULATED_NOW - 130_000, 2, 0);
        // 2 real (120 simulated) seconds later: 20 more calls = 10.0 a simulated minute; 2,048 more
        // ticks: 1,024/s; event time 89 simulated seconds behind at 60x: 1.5 real seconds.
        PipelineSnapshot now = snapshot(T0 + 2_000_000_000L, SIMULATED_NOW, 480, 48_210, 0, 2_350, 4, SIMULATED_NOW - 89_000, 3, 0);

        assertThat(ProgressLine.of(previous, now, SPEED)).isEqualTo("10:02:30 IST | calls 480 (10.0/min) | ticks 48,210 "
                + "(1,024/s) | 1m bars 2,350 | anomalies 4 | emails 3 | watermark lag 1.5 s");
    }

    @Test
    void theRateIsRoundedAndComesFromTheDeltaNotTheTotal() {
        PipelineSnapshot previous = snapshot(T0, SIMULATED_NOW, 1_000_000, 0, 0, 0, SIMULATED_NOW, 0, 0);
        // 1,000 ticks in 3 s = 333.33/s
        PipelineSnapshot now = snapshot(T0 + 3_000_000_000L, SIMULATED_NOW, 1_001_000, 0, 0, 0, SIMULATED_NOW, 0, 0);

        assertThat(ProgressLine.of(previous, now, SPEED)).contains("| ticks 1,001,000 (333/s) |");
    }

    @Test
    void aDashForTheLagBeforeTheJobHasAnyEventTime() {
        PipelineSnapshot start = snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, NO_EVENT_TIME, 0, 0);

        // The same snapshot twice: no time passed, so no rate rather than a division by zero.
        assertThat(ProgressLine.of(start, start, SPEED)).isEqualTo(
                "10:02:30 IST | calls 100 (-/min) | ticks 0 (0/s) | 1m bars 0 | anomalies 0 | emails 0 | watermark lag -");
    }

    @Test
    void rejectsAndFaultsAreAppendedOnlyWhenThereAreAny() {
        PipelineSnapshot previous = snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, SIMULATED_NOW, 0, 0);
        String base = "10:02:30 IST | calls 100 (-/min) | ticks 10 (10/s) | 1m bars 0 | anomalies 0 | emails 0 | watermark lag 0.0 s";
        long t1 = T0 + 1_000_000_000L;

        assertThat(ProgressLine.of(previous, snapshot(t1, SIMULATED_NOW, 10, 12, 0, 0, SIMULATED_NOW, 0, 0), SPEED))
                .isEqualTo(base + " | rejects 12");
        assertThat(ProgressLine.of(previous, snapshot(t1, SIMULATED_NOW, 10, 0, 0, 0, SIMULATED_NOW, 0, 1_234), SPEED))
                .isEqualTo(base + " | faults 1,234");
        assertThat(ProgressLine.of(previous, snapshot(t1, SIMULATED_NOW, 10, 3, 0, 0, SIMULATED_NOW, 0, 7), SPEED))
                .isEqualTo(base + " | rejects 3 | faults 7");
    }

    @Test
    void watermarkLagIsMinusOneBeforeAnyEventTimeAndNeverNegative() {
        assertThat(snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, NO_EVENT_TIME, 0, 0).watermarkLagMs()).isEqualTo(-1);
        assertThat(snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, SIMULATED_NOW - 8_900, 0, 0).watermarkLagMs()).isEqualTo(8_900);
        // Event time ahead of the sim clock (a tick stamped a moment later than the clock read): lag 0, not negative.
        assertThat(snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, SIMULATED_NOW + 500, 0, 0).watermarkLagMs()).isZero();
        assertThat(snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, SIMULATED_NOW - 300_000, 0, 0).watermarkLagRealMs(SPEED)).isEqualTo(5_000);
        assertThat(snapshot(T0, SIMULATED_NOW, 0, 0, 0, 0, NO_EVENT_TIME, 0, 0).watermarkLagRealMs(SPEED)).isEqualTo(-1);
    }
}
