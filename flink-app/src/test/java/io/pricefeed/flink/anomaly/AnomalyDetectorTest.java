package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.CAL;
import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;
import static io.pricefeed.flink.anomaly.Fixtures.bar;
import static io.pricefeed.flink.anomaly.Fixtures.minute;
import static io.pricefeed.flink.anomaly.Fixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Severity;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private static final AnomalyThresholds DEFAULTS = AnomalyThresholds.defaults();

    private static List<Anomaly> feed(AnomalyDetector detector, List<Object> events) {
        List<Anomaly> out = new ArrayList<>();
        for (Object e : events) {
            out.addAll(e instanceof Tick ? detector.onTick((Tick) e) : detector.onFinalMinuteBar((Bar) e));
        }
        return out;
    }

    @Test
    void aScriptedSessionYieldsExactlyThePlantedAnomalies() {
        ScriptedSession session = ScriptedSession.build();
        List<Anomaly> found = feed(new AnomalyDetector(DEFAULTS, CAL), session.events());

        long gapBar = minute(DAY2, 0);
        long spikeBar = minute(DAY2, ScriptedSession.SPIKE_MINUTE);
        long burstBar = minute(DAY2, ScriptedSession.BURST_MINUTE);
        long jumpBar = minute(DAY2, ScriptedSession.JUMP_MINUTE);
        assertThat(found).extracting(Anomaly::getRule, Anomaly::getBarStart, Anomaly::getSeverity).containsExactly(
                tuple(AnomalyRule.GAP_OPEN, gapBar, Severity.LOW),
                tuple(AnomalyRule.PRICE_MOVE, spikeBar, Severity.LOW),
                tuple(AnomalyRule.VOLUME_SURGE, burstBar, Severity.HIGH),
                tuple(AnomalyRule.RETURN_ZSCORE, jumpBar, Severity.LOW));
        assertThat(found).extracting(Anomaly::getId).containsExactly(
                Anomaly.stableId(SYM, AnomalyRule.GAP_OPEN, Long.toString(gapBar)),
                Anomaly.stableId(SYM, AnomalyRule.PRICE_MOVE, "2026-03-10|5.0|up"),
                Anomaly.stableId(SYM, AnomalyRule.VOLUME_SURGE, Long.toString(burstBar)),
                Anomaly.stableId(SYM, AnomalyRule.RETURN_ZSCORE, Long.toString(jumpBar)));

        assertThat(found.get(0).getValue()).as("gap %").isCloseTo(3.5, within(1e-9));
        assertThat(found.get(0).getContext()).containsEntry("prevClose", session.day2PrevClose);
        assertThat(found.get(1).getValue()).as("move %").isCloseTo(6.0, within(1e-9));
        assertThat(found.get(1).getTs()).isEqualTo(spikeBar + 25_000);
        assertThat(found.get(2).getValue()).as("volume ratio").isCloseTo(10.0, within(1e-9));
        assertThat(found.get(3).getValue()).as("z").isCloseTo(4.5, within(1e-6));
        for (Anomaly a : found) {
            assertThat(a.getSymbol()).isEqualTo(SYM);
            assertThat(a.getTimeframe()).isEqualTo(Timeframe.M1);
            assertThat(a.getMessage()).startsWith("SBIN ");
        }
    }

    @Test
    void withoutTheFirstBarRuleTheOpeningAuctionWouldLookLikeASurge() {
        // The guard is not idle: day two's 09:15 bar holds ~26x an ordinary minute.
        ScriptedSession session = ScriptedSession.build();
        Bar opening = session.events().stream().filter(e -> e instanceof Bar).map(e -> (Bar) e)
                .filter(b -> b.getBarStart() == minute(DAY2, 0)).findFirst().orElseThrow();
        assertThat(opening.getVolume()).isGreaterThan(ScriptedSession.PRE_OPEN_VOLUME);
        assertThat((double) opening.getVolume() / ScriptedSession.NORMAL_VOLUME).isGreaterThan(DEFAULTS.surgeRatio());
    }

    @Test
    void twoFreshDetectorsFedTheSameInputAgreeToTheId() {
        List<Object> events = ScriptedSession.build().events();
        List<Anomaly> first = feed(new AnomalyDetector(DEFAULTS, CAL), events);
        List<Anomaly> second = feed(new AnomalyDetector(DEFAULTS, CAL), ScriptedSession.build().events());
        assertThat(first).hasSize(4).isEqualTo(second);
    }

    @Test
    void aRestartFromTheFlinkSerializedStateContinuesExactlyAsWithoutIt() throws Exception {
        assertRestartIsSeamless(AnomalyStateTest::flinkRoundTrip);
    }

    @Test
    void aRestartFromTheJavaSerializedStateContinuesExactlyAsWithoutIt() throws Exception {
        assertRestartIsSeamless(AnomalyStateTest::javaRoundTrip);
    }

    private static void assertRestartIsSeamless(UnaryOperator<AnomalyState> roundTrip) {
        List<Object> events = ScriptedSession.build().events();
        List<Anomaly> uninterrupted = feed(new AnomalyDetector(DEFAULTS, CAL), events);
        int perDay = events.size() / 2; // 375 minutes of 6 ticks and a bar
        // Mid day one; day two between the volume burst and the jump (windows full); near the end.
        for (int cut : new int[] {1_000, perDay + 175 * 7, events.size() - 3}) {
            AnomalyDetector before = new AnomalyDetector(DEFAULTS, CAL);
            List<Anomaly> out = feed(before, events.subList(0, cut));
            AnomalyDetector after = new AnomalyDetector(DEFAULTS, CAL, roundTrip.apply(before.state()));
            out.addAll(feed(after, events.subList(cut, events.size())));
            assertThat(out).as("cut at event " + cut).isEqualTo(uninterrupted);
        }
    }

    @Test
    void ticksGoToPriceMoveAndTheirPreviousCloseToGapOpen() {
        AnomalyDetector detector = new AnomalyDetector(DEFAULTS, CAL);
        assertThat(detector.onTick(tick(minute(DAY1, 0) + 5_000, 104.0, 100.0))).isEmpty();
        assertThat(detector.onFinalMinuteBar(bar(minute(DAY1, 0), 104.0, 104.5, 90_000)))
                .extracting(Anomaly::getRule).containsExactly(AnomalyRule.GAP_OPEN);
        assertThat(detector.onTick(tick(minute(DAY1, 1) + 5_000, 105.0, 100.0)))
                .extracting(Anomaly::getRule).containsExactly(AnomalyRule.PRICE_MOVE);
    }

    @Test
    void aBarAtOrBeforeTheLastOneIsIgnoredSoWindowsNeverCountItTwice() {
        AnomalyDetector detector = new AnomalyDetector(Fixtures.smallWindows(30, 2), CAL);
        detector.onTick(tick(minute(DAY1, 0) + 5_000, 100.0, 100.0));
        detector.onFinalMinuteBar(bar(minute(DAY1, 0), 100.0, 100_000));
        detector.onFinalMinuteBar(bar(minute(DAY1, 1), 100.0, 1_000));
        detector.onFinalMinuteBar(bar(minute(DAY1, 2), 100.0, 1_000));
        assertThat(detector.onFinalMinuteBar(bar(minute(DAY1, 2), 100.0, 1_000))).isEmpty();
        assertThat(detector.onFinalMinuteBar(bar(minute(DAY1, 1), 100.0, 1_000))).isEmpty();
        assertThat(detector.state().getVolumeSurge().getVolumes().toArray()).containsExactly(1_000.0, 1_000.0);
        assertThat(detector.onFinalMinuteBar(bar(minute(DAY1, 3), 100.0, 5_000)))
                .extracting(Anomaly::getRule).containsExactly(AnomalyRule.VOLUME_SURGE);
    }

    @Test
    void onlyFinalMinuteBarsAreAccepted() {
        AnomalyDetector detector = new AnomalyDetector(DEFAULTS, CAL);
        Bar live = bar(minute(DAY1, 0), 100.0, 1_000);
        live.setFinalBar(false);
        assertThatThrownBy(() -> detector.onFinalMinuteBar(live)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("final 1m bars");
        Bar fiveMinutes = bar(minute(DAY1, 0), 100.0, 1_000);
        fiveMinutes.setTimeframe(Timeframe.M5);
        assertThatThrownBy(() -> detector.onFinalMinuteBar(fiveMinutes)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBarRuleFiringOrderIsFixed() {
        // GAP_OPEN, then RETURN_ZSCORE, then VOLUME_SURGE: a bar that is both an outlier and a surge.
        AnomalyDetector detector = new AnomalyDetector(Fixtures.smallWindows(2, 2), CAL);
        detector.onTick(tick(minute(DAY1, 0) + 5_000, 100.0, 100.0));
        detector.onFinalMinuteBar(bar(minute(DAY1, 0), 100.0, 100_000));
        detector.onFinalMinuteBar(bar(minute(DAY1, 1), 100.1, 1_000));
        detector.onFinalMinuteBar(bar(minute(DAY1, 2), 100.0, 1_000));
        assertThat(detector.onFinalMinuteBar(bar(minute(DAY1, 3), 103.0, 9_000)))
                .extracting(Anomaly::getRule).containsExactly(AnomalyRule.RETURN_ZSCORE, AnomalyRule.VOLUME_SURGE);
    }
}
