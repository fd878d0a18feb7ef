package io.pricefeed.flink.anomaly;

import static io.pricefeed.flink.anomaly.Fixtures.CAL;
import static io.pricefeed.flink.anomaly.Fixtures.DAY1;
import static io.pricefeed.flink.anomaly.Fixtures.DAY2;
import static io.pricefeed.flink.anomaly.Fixtures.SYM;
import static io.pricefeed.flink.anomaly.Fixtures.bar;
import static io.pricefeed.flink.anomaly.Fixtures.minute;
import static io.pricefeed.flink.anomaly.Fixtures.tick;
import static org.assertj.core.api.Assertions.assertThat;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.AnomalyRule;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * {@link AnomalyFunction} in a keyed two-input harness, wired as {@code PricefeedJob} wires it
 * ({@code ticks.keyBy(symbol).connect(finalMinuteBars.keyBy(symbol)).process(...)}, a
 * {@code KeyedCoProcessOperator}): ticks on the first input, final 1m bars on the second, each bar
 * followed by the watermark that made it final.
 *
 * <p>Issue #18 (clean-up at the day's end): the operator registers no timer, ever. It keeps one
 * state entry per symbol across days on purpose: the RETURN_ZSCORE and VOLUME_SURGE windows carry
 * over to the next morning (see those rules' class comments), so the next day is judged from its
 * second bar instead of after a half-hour warm-up. The last test shows what clearing it would cost.
 */
class AnomalyFunctionTest {
    private static final long LATENESS = 5_000;

    private static KeyedTwoInputStreamOperatorTestHarness<String, Tick, Bar, Anomaly> harness(AnomalyThresholds thresholds)
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedCoProcessFunction(
                new AnomalyFunction(thresholds, CAL), Tick::getSymbol, Bar::getSymbol, Types.STRING);
    }

    /** Ticks to input 1; each final bar to input 2 at its final time, then that watermark on both inputs. */
    private static void feed(KeyedTwoInputStreamOperatorTestHarness<String, Tick, Bar, Anomaly> h, List<?> events)
            throws Exception {
        for (Object e : events) {
            if (e instanceof Tick) {
                Tick t = (Tick) e;
                h.processElement1(t, t.getTs());
            } else {
                Bar b = (Bar) e;
                long finalAt = b.getBarEnd() - 1 + LATENESS;
                h.processElement2(b, finalAt);
                h.processBothWatermarks(new Watermark(finalAt));
            }
        }
    }

    private static void dayOver(KeyedTwoInputStreamOperatorTestHarness<String, Tick, Bar, Anomaly> h, LocalDate day)
            throws Exception {
        h.processBothWatermarks(new Watermark(TradingCalendar.sessionClose(day) - 1 + LATENESS));
    }

    /** The symbol's value of the operator's one state, read from its keyed state backend. */
    private static AnomalyState stateOf(KeyedTwoInputStreamOperatorTestHarness<String, Tick, Bar, Anomaly> h)
            throws Exception {
        KeyedStateBackend<String> backend = ((AbstractStreamOperator<?>) h.getOperator()).getKeyedStateBackend();
        backend.setCurrentKey(SYM);
        ValueState<AnomalyState> state = backend.getPartitionedState(VoidNamespace.INSTANCE,
                VoidNamespaceSerializer.INSTANCE,
                new ValueStateDescriptor<>("anomaly", TypeInformation.of(AnomalyState.class)));
        return state.value();
    }

    @Test
    void aScriptedSessionThroughTheOperatorYieldsWhatThePlainDetectorFinds() throws Exception {
        List<Object> events = ScriptedSession.build().events();
        AnomalyDetector detector = new AnomalyDetector(AnomalyThresholds.defaults(), CAL);
        List<Anomaly> expected = new ArrayList<>();
        for (Object e : events) {
            expected.addAll(e instanceof Tick ? detector.onTick((Tick) e) : detector.onFinalMinuteBar((Bar) e));
        }

        try (var h = harness(AnomalyThresholds.defaults())) {
            feed(h, events);
            dayOver(h, DAY2);

            assertThat(h.extractOutputValues()).isEqualTo(expected).extracting(Anomaly::getRule).containsExactly(
                    AnomalyRule.GAP_OPEN, AnomalyRule.PRICE_MOVE, AnomalyRule.VOLUME_SURGE, AnomalyRule.RETURN_ZSCORE);
            assertThat(h.numEventTimeTimers()).as("event-time timers").isZero();
            assertThat(h.numProcessingTimeTimers()).as("processing-time timers").isZero();
            assertThat(h.numKeyedStateEntries()).as("one AnomalyState, carried to the next day").isEqualTo(1);
            AnomalyState left = stateOf(h);
            assertThat(left.getReturnZScore().getReturns().full()).as("the z-score window").isTrue();
            assertThat(left.getVolumeSurge().getVolumes().full()).as("the volume window").isTrue();
            assertThat(left.getPriceMove().getEpochDay()).as("per-day memory: today's, reset by the next day's first tick")
                    .isEqualTo(DAY2.toEpochDay());
        }
    }

    @Test
    void theStateThatOutlivesTheDayIsWhatTheNextMorningIsJudgedBy() throws Exception {
        AnomalyThresholds small = Fixtures.smallWindows(4, 4);
        List<Object> monday = new ArrayList<>();
        monday.add(tick(minute(DAY1, 0) + 5_000, 100.0, 100.0));
        for (int m = 0; m < 10; m++) {
            monday.add(bar(minute(DAY1, m), m % 2 == 0 ? 100.0 : 100.1, 1_000)); // quiet: no verdict
        }
        List<Object> tuesday = List.of(
                tick(minute(DAY2, 0) + 5_000, 100.0, 100.1),
                bar(minute(DAY2, 0), 100.0, 100.0, 300_000),  // the opening auction: never judged for volume
                bar(minute(DAY2, 1), 100.0, 100.1, 5_000));   // 5x the carried-over mean volume

        try (var h = harness(small)) {
            feed(h, monday);
            dayOver(h, DAY1);
            assertThat(h.extractOutputValues()).isEmpty();
            assertThat(h.numEventTimeTimers() + h.numProcessingTimeTimers()).as("timers").isZero();
            assertThat(h.numKeyedStateEntries()).isEqualTo(1);

            feed(h, tuesday);
            assertThat(h.extractOutputValues()).singleElement().satisfies(a -> {
                assertThat(a.getRule()).isEqualTo(AnomalyRule.VOLUME_SURGE);
                assertThat(a.getBarStart()).as("the day's second bar, 09:16").isEqualTo(minute(DAY2, 1));
            });
        }
        try (var cleared = harness(small)) {
            feed(cleared, tuesday);
            assertThat(cleared.extractOutputValues()).as("with the state cleared at Monday's end: no verdict").isEmpty();
        }
    }
}
