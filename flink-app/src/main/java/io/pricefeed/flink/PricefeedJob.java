package io.pricefeed.flink;

import io.pricefeed.flink.anomaly.AnomalyFunction;
import io.pricefeed.flink.anomaly.AnomalyThresholds;
import io.pricefeed.flink.bars.MinuteBarFunction;
import io.pricefeed.flink.bars.RollupFunction;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.BarInput;
import io.pricefeed.flink.ingest.KinesisTickInput;
import io.pricefeed.flink.ingest.RouteTickStream;
import io.pricefeed.flink.ingest.TickInput;
import io.pricefeed.flink.ingest.TickStreamRecord;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import io.pricefeed.model.Timeframe;
import io.pricefeed.model.TradingCalendar;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The Pricefeed job: ticks in; event-time OHLCV bars, forming bars and anomalies out
 * (DESIGN.md §3-§6). It takes its input
 * and sinks as arguments, so the same topology runs on Managed Flink against Kinesis and S3, in a
 * MiniCluster against kinesalite and a folder, and in a batch replay of archived ticks.
 *
 * <p>Operator uids are fixed: they name the state in checkpoints and savepoints, so a new build
 * can restore an old one's state.
 */
public final class PricefeedJob {
    public static final String NAME = "pricefeed";

    private final JobConfig config;
    private final TickInput input;
    private final JobSinks sinks;
    private final TradingCalendar calendar;
    private BarInput barInput;
    private boolean anomalies = true;

    public PricefeedJob(JobConfig config, TickInput input, JobSinks sinks) {
        this(config, input, sinks, TradingCalendar.nse());
    }

    public PricefeedJob(JobConfig config, TickInput input, JobSinks sinks, TradingCalendar calendar) {
        this.config = config;
        this.input = input;
        this.sinks = sinks;
        this.calendar = calendar;
    }

    /**
     * Adds final bars from outside the ticks (a backfill's history) beside the tick input: their
     * 1m bars are rolled up by the same operator as the ones built from ticks and, like them, go
     * to the lake and the bar table; other timeframes go to both as they are. They play no part
     * in anomalies, which are about the live session.
     */
    public PricefeedJob withBarInput(BarInput bars) {
        this.barInput = bars;
        return this;
    }

    /**
     * Leaves the anomaly rules out: a replay that only rebuilds bars. The rules key every tick a second
     * time, which in batch mode is a second sort of the whole input (about 40 % of a replay's time).
     */
    public PricefeedJob withoutAnomalies() {
        this.anomalies = false;
        return this;
    }

    /** Managed Flink's entry point; locally {@code --config <file.json>}. */
    public static void main(String[] args) throws Exception {
        JobConfig config = JobConfig.load(args);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        // Managed Flink applies its own checkpoint settings; this is for every other runtime.
        env.enableCheckpointing(config.get(JobConfig.CHECKPOINT_INTERVAL_MS), CheckpointingMode.EXACTLY_ONCE);
        new PricefeedJob(config, new KinesisTickInput(config), JobSinks.all(config)).build(env);
        env.execute(NAME);
    }

    /** Adds the topology to {@code env}; the caller executes it. */
    public void build(StreamExecutionEnvironment env) {
        long lateness = config.get(JobConfig.ALLOWED_LATENESS_MS);
        boolean live = sinks.hasBarTable();
        long liveInterval = live ? config.get(JobConfig.LIVE_UPDATE_INTERVAL_MS) : MinuteBarFunction.LIVE_OFF;

        DataStream<TickStreamRecord> records = input.open(env);
        SingleOutputStreamOperator<Tick> ticks = records
                .process(new RouteTickStream()).name("Route ticks, heartbeats and rejects").uid("route");
        SingleOutputStreamOperator<Bar> minuteBars = ticks
                .keyBy(new BySymbol()).process(new MinuteBarFunction(lateness, config.get(JobConfig.FILL_GAPS), calendar, liveInterval))
                .name("1m bars").uid("minute-bars");
        DataStream<Bar> finalMinuteBars = minuteBars.filter(Bar::isFinalBar).name("Final 1m bars");
        DataStream<Bar> rollupInput = live ? minuteBars : finalMinuteBars;
        DataStream<Bar> barsInLake = finalMinuteBars;
        DataStream<Bar> barsInTable = minuteBars;
        if (barInput != null) {
            DataStream<Bar> given = barInput.open(env);
            DataStream<Bar> givenMinutes = given.filter(new IsMinute(true)).name("Given 1m bars");
            DataStream<Bar> givenOthers = given.filter(new IsMinute(false)).name("Given bars of other timeframes");
            rollupInput = rollupInput.union(givenMinutes);
            barsInLake = barsInLake.union(givenMinutes, givenOthers);
            barsInTable = barsInTable.union(givenMinutes, givenOthers);
        }
        SingleOutputStreamOperator<Bar> rollups = rollupInput
                .keyBy(new BarSymbol()).process(new RollupFunction(lateness, calendar, live))
                .name("5m, 15m, 1h, 1d bars").uid("rollups");
        DataStream<Bar> finalBars = barsInLake.union(rollups);
        DataStream<Rejection> rejects = ticks.getSideOutput(RouteTickStream.REJECTS)
                .union(minuteBars.getSideOutput(MinuteBarFunction.REJECTS));

        ticks.sinkTo(sinks.ticks()).name("Lake: ticks").uid("lake-ticks");
        finalBars.sinkTo(sinks.bars()).name("Lake: bars").uid("lake-bars");
        rejects.sinkTo(sinks.rejects()).name("Lake: rejects").uid("lake-rejects");
        if (anomalies) {
            DataStream<Anomaly> anomalyEvents = ticks.keyBy(new BySymbol())
                    .connect(finalMinuteBars.keyBy(new BarSymbol()))
                    .process(new AnomalyFunction(AnomalyThresholds.fromConfig(config), calendar))
                    .name("Anomalies").uid("anomalies");
            anomalyEvents.sinkTo(sinks.anomalies()).name("Lake: anomalies").uid("lake-anomalies");
            anomalyEvents.sinkTo(sinks.anomalyStream()).name("Kinesis: anomalies").uid("kinesis-anomalies");
        }
        if (live) {
            // Every version of every 1m bar (forming, closed, final) and the rollups, final and forming.
            barsInTable.union(rollups, rollups.getSideOutput(RollupFunction.LIVE))
                    .filter(sinks.barTableKeeps()).name("Bars the table keeps")
                    .sinkTo(sinks.barTable()).name("DynamoDB: bars").uid("dynamodb-bars");
        }
    }

    private static final class IsMinute implements FilterFunction<Bar> {
        private static final long serialVersionUID = 1L;
        private final boolean minute;

        IsMinute(boolean minute) {
            this.minute = minute;
        }

        @Override
        public boolean filter(Bar bar) {
            return (bar.getTimeframe() == Timeframe.M1) == minute;
        }
    }

    private static final class BySymbol implements KeySelector<Tick, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Tick tick) {
            return tick.getSymbol();
        }
    }

    private static final class BarSymbol implements KeySelector<Bar, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(Bar bar) {
            return bar.getSymbol();
        }
    }
}
