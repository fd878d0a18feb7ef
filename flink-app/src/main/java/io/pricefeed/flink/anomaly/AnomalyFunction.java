package io.pricefeed.flink.anomaly;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Tick;
import io.pricefeed.model.TradingCalendar;
import java.util.List;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Runs the anomaly rules of one symbol (keyed by symbol): ticks on the first input (price
 * bands, the previous close for gap opens), final 1m bars on the second (z-score, volume surge,
 * gap open). The rules and their state live in {@link AnomalyDetector}; this operator only keeps
 * that state in Flink, so it is checkpointed and a restart resumes it. Ids are stable hashes, so
 * a replay or a restart emits the same ids.
 */
public class AnomalyFunction extends KeyedCoProcessFunction<String, Tick, Bar, Anomaly> {
    private static final long serialVersionUID = 1L;

    private final AnomalyThresholds thresholds;
    private final TradingCalendar calendar;
    private transient ValueState<AnomalyState> state;
    private transient Counter anomalies;
    private transient LongCounter anomaliesTotal;
    /** Accumulator: anomalies emitted, for a running job's progress. */
    public static final String ANOMALIES_ACCUMULATOR = "anomalies";

    public AnomalyFunction(AnomalyThresholds thresholds, TradingCalendar calendar) {
        this.thresholds = thresholds;
        this.calendar = calendar;
    }

    @Override
    public void open(Configuration parameters) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("anomaly", TypeInformation.of(AnomalyState.class)));
        anomalies = getRuntimeContext().getMetricGroup().counter("anomalies");
        anomaliesTotal = getRuntimeContext().getLongCounter(ANOMALIES_ACCUMULATOR);
    }

    @Override
    public void processElement1(Tick tick, Context ctx, Collector<Anomaly> out) throws Exception {
        AnomalyDetector detector = new AnomalyDetector(thresholds, calendar, state.value());
        emit(detector.onTick(tick), out);
        state.update(detector.state());
    }

    @Override
    public void processElement2(Bar bar, Context ctx, Collector<Anomaly> out) throws Exception {
        AnomalyDetector detector = new AnomalyDetector(thresholds, calendar, state.value());
        emit(detector.onFinalMinuteBar(bar), out);
        state.update(detector.state());
    }

    private void emit(List<Anomaly> found, Collector<Anomaly> out) {
        for (Anomaly a : found) {
            anomalies.inc();
            anomaliesTotal.add(1);
            out.collect(a);
        }
    }
}
