package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;
import static io.pricefeed.flink.anomaly.Fixtures.bar;
import static io.pricefeed.flink.anomaly.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Severity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReturnZScoreRuleTest {
    private static final int N = 5;
    private static final double A = 0.001;
    /** Alternating returns: a window with a known, non-zero deviation. */
    private static final double[] WARM = {A, -A, A, -A, A, -A, A, -A};

    private final ReturnZScoreRule rule = new ReturnZScoreRule(Fixtures.smallWindows(N, 20));
    private final ReturnZScoreState state = new ReturnZScoreState();
    private LocalDate day = DAY1;
    private int minute;
    private double price = 100.0;

    /** The next bar, closing at {@code price x e^logReturn}. */
    private Optional<Anomaly> next(double logReturn) {
        price = price * Math.exp(logReturn);
        return rule.onFinalMinuteBar(bar(minute(day, minute++), price, 10_000), state);
    }

    /** A day's first bar at the current price (its return is the overnight one and is not taken). */
    private Optional<Anomaly> firstBarOf(LocalDate d, double close) {
        day = d;
        minute = 0;
        price = close;
        return rule.onFinalMinuteBar(bar(minute(day, minute++), price, 10_000), state);
    }

    private void warm(int returns) {
        assertThat(firstBarOf(DAY1, 100.0)).isEmpty();
        for (int i = 0; i < returns; i++) {
            assertThat(next(WARM[i])).isEmpty();
        }
    }

    /** The log return that is exactly {@code sigmas} deviations from the current window's mean. */
    private double sigmasAway(double sigmas) {
        RollingWindow w = state.getReturns();
        return w.mean() + sigmas * w.sampleStdDev();
    }

    @Test
    void noVerdictDuringWarmUpWithNMinusOneReturns() {
        warm(N - 1);
        assertThat(next(0.05)).as("5 % in a minute, but only n-1 returns known").isEmpty();
    }

    @Test
    void aVerdictOnceNReturnsAreKnown() {
        warm(N);
        assertThat(next(0.05)).isPresent();
    }

    @Test
    void exactlyKDeviationsFiresAndJustBelowDoesNot() {
        warm(N);
        assertThat(next(sigmasAway(4.0 * 0.999))).isEmpty();
        assertThat(next(sigmasAway(4.0))).isPresent();
    }

    @Test
    void theAnomalyIsMeasuredAgainstThePreviousReturnsOnlyAndCarriesItsInputs() {
        warm(N);
        double mean = state.getReturns().mean();
        double std = state.getReturns().sampleStdDev();
        double before = price;
        Anomaly a = next(sigmasAway(4.5)).orElseThrow();
        long barStart = minute(DAY1, N + 1);

        assertThat(a.getRule()).isEqualTo(AnomalyRule.RETURN_ZSCORE);
        assertThat(a.getId()).isEqualTo(Anomaly.stableId(SYM, AnomalyRule.RETURN_ZSCORE, Long.toString(barStart)));
        assertThat(a.getBarStart()).isEqualTo(barStart);
        assertThat(a.getTs()).isEqualTo(barStart + 60_000);
        assertThat(a.getValue()).as("z against the window before the bar").isCloseTo(4.5, within(1e-6));
        assertThat(a.getThreshold()).isEqualTo(4.0);
        assertThat(a.getSeverity()).isEqualTo(Severity.LOW);
        assertThat(a.getContext()).containsEntry("price", price).containsEntry("prevBarClose", before)
                .containsEntry("mean", mean).containsEntry("stdDev", std).containsEntry("window", (double) N)
                .containsKey("logReturn");
        assertThat(a.getMessage()).matches("SBIN 1m return \\+0\\.\\d\\d% \\(\\d+\\.\\d\\d vs \\d+\\.\\d\\d\\) is 4\\.5 "
                + "standard deviations above the mean of the last 5 returns");
        assertThat(state.getReturns().count()).as("then it joins the window").isEqualTo(N);
    }

    @Test
    void aDropIsANegativeZScoreAndSeverityGrowsWithIt() {
        warm(N);
        Anomaly a = next(sigmasAway(-8.5)).orElseThrow();
        assertThat(a.getValue()).isCloseTo(-8.5, within(1e-6));
        assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
        assertThat(a.getMessage()).contains("8.5 standard deviations below");
    }

    @Test
    void flatPricesHaveNoDeviationAndGiveNoVerdictInsteadOfAnInfiniteOne() {
        assertThat(firstBarOf(DAY1, 100.0)).isEmpty();
        for (int i = 0; i < N; i++) {
            assertThat(next(0.0)).isEmpty();
        }
        assertThat(state.getReturns().sampleStdDev()).isZero();
        assertThat(next(0.01)).as("std 0: no verdict").isEmpty();
        assertThat(next(0.0)).as("the jump is in the window now, with a finite z").isEmpty();
    }

    @Test
    void identicalNonZeroReturnsAreTreatedAsZeroDeviationDespiteRoundingNoise() {
        assertThat(firstBarOf(DAY1, 100.0)).isEmpty();
        for (int i = 0; i < N; i++) {
            assertThat(next(0.001)).isEmpty();
        }
        assertThat(state.getReturns().sampleStdDev()).isLessThan(ReturnZScoreRule.MIN_STD_DEV);
        assertThat(next(0.0011)).isEmpty();
    }

    @Test
    void theOvernightReturnIsExcludedAndTheWindowCarriesOverDays() {
        warm(N);
        double[] before = state.getReturns().toArray();

        assertThat(firstBarOf(DAY2, price * 1.08)).as("an 8 % overnight gap is no 1m return").isEmpty();
        assertThat(state.getReturns().toArray()).as("nor does it enter the window").containsExactly(before);

        assertThat(next(sigmasAway(5))).as("no new warm-up on day two").isPresent();
    }

    @Test
    void flatGapFilledBarsAreNotObservations() {
        // The same trading, once with quiet minutes filled by flat bars and once without.
        ReturnZScoreState filled = new ReturnZScoreState();
        ReturnZScoreState plain = new ReturnZScoreState();
        double[] closes = {100.0, 100.1, 100.0, 100.1, 100.0, 100.1, 100.0, 100.6, 100.5};
        List<String> filledIds = new ArrayList<>();
        List<String> plainIds = new ArrayList<>();
        int m = 0;
        for (double close : closes) {
            rule.onFinalMinuteBar(bar(minute(DAY1, m), close, 10_000), plain).ifPresent(a -> plainIds.add(a.getBarStart() + ""));
            rule.onFinalMinuteBar(bar(minute(DAY1, m), close, 10_000), filled).ifPresent(a -> filledIds.add(a.getBarStart() + ""));
            m++;
            for (int q = 0; q < 3; q++, m++) {
                assertThat(rule.onFinalMinuteBar(Fixtures.flat(minute(DAY1, m), close), filled)).isEmpty();
            }
        }
        assertThat(filled.getReturns().toArray()).containsExactly(plain.getReturns().toArray());
        assertThat(filled.getReturns().toArray()).doesNotContain(0.0);
        assertThat(filledIds).isEqualTo(plainIds).isNotEmpty();
    }

    @Test
    void stateRestoredUnderASmallerWindowKeepsTheNewestReturns() {
        warm(N);
        double[] newest3 = Arrays.copyOfRange(state.getReturns().toArray(), N - 3, N);
        ReturnZScoreRule smaller = new ReturnZScoreRule(Fixtures.smallWindows(3, 20));
        price = price * Math.exp(A);
        assertThat(smaller.onFinalMinuteBar(bar(minute(day, minute++), price, 10_000), state)).isEmpty();
        assertThat(state.getReturns().capacity()).isEqualTo(3);
        assertThat(state.getReturns().toArray()).startsWith(newest3[1], newest3[2]).hasSize(3);
    }
}
