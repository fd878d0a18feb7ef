package io.pricefeed.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunPlanTest {
    private static final long MINUTE = RunPlan.MINUTE;
    /** 2026-03-10 10:00:00 IST. */
    private static final long TEN_IST = 1_773_117_000_000L;

    @Test
    void theMeasuredMinutesStartAtTheFirstMinuteBoundaryAfterTheWarmUp() {
        RunPlan plan = RunPlan.of(20, TEN_IST + 12_345, 30, 4, 4);

        assertThat(plan.firstMeasured()).isEqualTo(TEN_IST + MINUTE);
        assertThat(plan.measuredEnd()).isEqualTo(TEN_IST + 5 * MINUTE);
        assertThat(plan.measured(TEN_IST + MINUTE)).isTrue();
        assertThat(plan.measured(TEN_IST + MINUTE - 1)).isFalse();
        assertThat(plan.measured(TEN_IST + 5 * MINUTE)).isFalse();
        assertThat(RunPlan.of(20, TEN_IST + 30_000, 30, 4, 4).firstMeasured()).as("on a boundary").isEqualTo(TEN_IST + MINUTE);
    }

    @Test
    void surgesArePlantedFromTheSecondMeasuredMinuteOnInRotation() {
        RunPlan plan = RunPlan.of(10, TEN_IST, 30, 4, 4);
        long first = plan.firstMeasured();

        Map<Long, Set<Integer>> surges = plan.surges();
        assertThat(surges).containsOnlyKeys(first + MINUTE, first + 2 * MINUTE, first + 3 * MINUTE);
        assertThat(surges.get(first + MINUTE)).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(surges.get(first + 2 * MINUTE)).containsExactlyInAnyOrder(4, 5, 6, 7);
        assertThat(surges.get(first + 3 * MINUTE)).containsExactlyInAnyOrder(8, 9, 0, 1);
        assertThat(plan.plantedSurges()).isEqualTo(12);
        assertThat(plan.isSurge(first + 3 * MINUTE, 9)).isTrue();
        assertThat(plan.isSurge(first, 0)).as("the first measured minute fills the window").isFalse();
    }

    @Test
    void symbolsAreNumberedFromOne() {
        RunPlan plan = RunPlan.of(20, TEN_IST, 30, 1, 0);

        assertThat(plan.symbol(0)).isEqualTo("NSE:LAT001-EQ");
        assertThat(plan.symbol(19)).isEqualTo("NSE:LAT020-EQ");
        assertThat(plan.indexOf("NSE:LAT020-EQ")).isEqualTo(19);
        assertThat(plan.indexOf("NSE:PROBE-EQ")).isEqualTo(-1);
        assertThat(plan.surges()).isEmpty();
        assertThat(RunPlan.hms(TEN_IST)).isEqualTo("10:00:00");
    }
}
