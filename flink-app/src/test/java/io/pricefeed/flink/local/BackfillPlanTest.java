package io.pricefeed.flink.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.flink.ingest.StagedHistoryInput;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackfillPlanTest {
    private static final LocalDate MON = LocalDate.of(2026, 3, 9);
    private static final LocalDate TUE = LocalDate.of(2026, 3, 10);
    private static final Map<LocalDate, Set<String>> STAGED = Map.of(
            MON, Set.of("NSE:SBIN-EQ", "NSE:TCS-EQ"),
            TUE, Set.of("NSE:SBIN-EQ", "NSE:TCS-EQ"));
    private static final Map<LocalDate, Set<String>> IN_LAKE = Map.of(
            MON, Set.of("NSE:SBIN-EQ", "NSE:INFY-EQ"));

    @Test
    void pairsTheLakeHasAreLeftAloneAndSkippedByTheLoad() {
        BackfillPlan plan = BackfillPlan.of(STAGED, IN_LAKE, false);

        assertThat(plan.load()).isEqualTo(Map.of(MON, Set.of("NSE:TCS-EQ"), TUE, Set.of("NSE:SBIN-EQ", "NSE:TCS-EQ")));
        assertThat(plan.skip()).containsExactly(StagedHistoryInput.pairKey("NSE:SBIN-EQ", MON));
        assertThat(plan.skipped()).isEqualTo(1);
        assertThat(plan.replaced()).isZero();
        assertThat(plan.pairsToLoad()).isEqualTo(3);
    }

    @Test
    void replaceLoadsEveryStagedPairAndCountsTheOnesTheLakeHad() {
        BackfillPlan plan = BackfillPlan.of(STAGED, IN_LAKE, true);

        assertThat(plan.load()).isEqualTo(STAGED);
        assertThat(plan.skip()).isEmpty();
        assertThat(plan.skipped()).isZero();
        assertThat(plan.replaced()).as("SBIN on Monday; INFY was not staged").isEqualTo(1);
    }

    @Test
    void aSecondRunOverTheSamePairsLoadsNothing() {
        BackfillPlan plan = BackfillPlan.of(STAGED, STAGED, false);

        assertThat(plan.pairsToLoad()).isZero();
        assertThat(plan.skipped()).isEqualTo(4);
        assertThat(plan.skip()).hasSize(4);
    }
}
