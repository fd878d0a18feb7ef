package io.pricefeed.flink;

import io.pricefeed.flink.anomaly.AnomalyStreamSink;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.dynamodb.BarsTableSink;
import io.pricefeed.flink.lake.LakeSinkOptions;
import io.pricefeed.flink.lake.LakeSinks;
import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import java.util.Objects;
import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the job's results go. Passed to {@link PricefeedJob} so the same topology writes to S3,
 * DynamoDB and Kinesis on AWS, to the local stand-ins in the demo and tests, to a folder alone in
 * a replay, and nowhere in a benchmark. A sink left unset discards; without a bar table the job
 * builds no forming (live) bars at all, since nothing would show them, and writes no bars there.
 */
public final class JobSinks {
    private final Sink<Bar> bars;
    private final Sink<Tick> ticks;
    private final Sink<Rejection> rejects;
    private final Sink<Anomaly> anomalies;
    private final Sink<Bar> barTable;
    private final Sink<Anomaly> anomalyStream;
    private final FilterFunction<Bar> barTableKeeps;

    private JobSinks(Builder b) {
        this.bars = b.bars;
        this.ticks = b.ticks;
        this.rejects = b.rejects;
        this.anomalies = b.anomalies;
        this.barTable = b.barTable;
        this.anomalyStream = b.anomalyStream;
        this.barTableKeeps = b.barTableKeeps;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything of DESIGN.md §5: the lake at {@code lake.path}, the {@code bars} table and the {@code anomalies} stream. */
    public static JobSinks all(JobConfig config) {
        return lakeBuilder(config.get(JobConfig.LAKE_PATH), LakeSinkOptions.from(config))
                .barTable(BarsTableSink.create(config))
                .anomalyStream(AnomalyStreamSink.create(config))
                .build();
    }

    /** The lake alone, with the configured compaction. */
    public static JobSinks lake(JobConfig config) {
        return lake(config.get(JobConfig.LAKE_PATH), LakeSinkOptions.from(config));
    }

    public static JobSinks lake(String lakePath, LakeSinkOptions options) {
        return lakeBuilder(lakePath, options).build();
    }

    private static Builder lakeBuilder(String lakePath, LakeSinkOptions options) {
        return builder()
                .bars(LakeSinks.bars(lakePath, options))
                .ticks(LakeSinks.ticks(lakePath, options))
                .rejects(LakeSinks.rejects(lakePath, options))
                .anomalies(LakeSinks.anomalies(lakePath, options));
    }

    /** Final bars of every timeframe: {@code bars/} in the lake. */
    public Sink<Bar> bars() {
        return bars;
    }

    /** Every accepted tick, the replay source: {@code ticks/} in the lake. */
    public Sink<Tick> ticks() {
        return ticks;
    }

    /** Every refused record with its reason: {@code rejects/} in the lake. */
    public Sink<Rejection> rejects() {
        return rejects;
    }

    /** Anomaly events: {@code anomalies/} in the lake. */
    public Sink<Anomaly> anomalies() {
        return anomalies;
    }

    /** Final and forming bars for lookups: the DynamoDB table {@code bars}; null when there is none. */
    public Sink<Bar> barTable() {
        return barTable;
    }

    /** Which bars the bar table takes; all of them unless a backfill leaves out those its TTL would delete at once. */
    public FilterFunction<Bar> barTableKeeps() {
        return barTableKeeps;
    }

    /** Anomaly events for the alerts Lambda: the Kinesis stream {@code anomalies}. */
    public Sink<Anomaly> anomalyStream() {
        return anomalyStream;
    }

    /** Whether there is a bar table, and so anywhere for forming bars to go. */
    public boolean hasBarTable() {
        return barTable != null;
    }

    public static final class Builder {
        private Sink<Bar> bars = new DiscardingSink<>();
        private Sink<Tick> ticks = new DiscardingSink<>();
        private Sink<Rejection> rejects = new DiscardingSink<>();
        private Sink<Anomaly> anomalies = new DiscardingSink<>();
        private Sink<Bar> barTable;
        private Sink<Anomaly> anomalyStream = new DiscardingSink<>();
        private FilterFunction<Bar> barTableKeeps = new AllBars();

        private Builder() {
        }

        public Builder barTableKeeps(FilterFunction<Bar> filter) {
            this.barTableKeeps = Objects.requireNonNull(filter, "bar table filter");
            return this;
        }

        public Builder bars(Sink<Bar> sink) {
            this.bars = Objects.requireNonNull(sink, "bars sink");
            return this;
        }

        public Builder ticks(Sink<Tick> sink) {
            this.ticks = Objects.requireNonNull(sink, "ticks sink");
            return this;
        }

        public Builder rejects(Sink<Rejection> sink) {
            this.rejects = Objects.requireNonNull(sink, "rejects sink");
            return this;
        }

        public Builder anomalies(Sink<Anomaly> sink) {
            this.anomalies = Objects.requireNonNull(sink, "anomalies sink");
            return this;
        }

        public Builder barTable(Sink<Bar> sink) {
            this.barTable = Objects.requireNonNull(sink, "bar table sink");
            return this;
        }

        public Builder anomalyStream(Sink<Anomaly> sink) {
            this.anomalyStream = Objects.requireNonNull(sink, "anomaly stream sink");
            return this;
        }

        public JobSinks build() {
            return new JobSinks(this);
        }
    }

    private static final class AllBars implements FilterFunction<Bar> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean filter(Bar bar) {
            return true;
        }
    }
}
