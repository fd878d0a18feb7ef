package io.pricefeed.flink;

import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.lake.LakeSinkOptions;
import io.pricefeed.flink.lake.LakeSinks;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Where the job's results go. Passed to {@link PricefeedJob} so the same topology writes to S3 on
 * AWS, to a local folder in the demo and tests, and nowhere in a benchmark. A sink left unset
 * discards, which is how a replay leaves DynamoDB alone.
 */
public final class JobSinks {
    private final Sink<Bar> bars;
    private final Sink<Tick> ticks;
    private final Sink<Rejection> rejects;

    private JobSinks(Builder b) {
        this.bars = b.bars;
        this.ticks = b.ticks;
        this.rejects = b.rejects;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The lake of DESIGN.md §5 at {@code lake.path}, with the configured compaction. */
    public static JobSinks lake(JobConfig config) {
        return lake(config.get(JobConfig.LAKE_PATH), LakeSinkOptions.from(config));
    }

    public static JobSinks lake(String lakePath, LakeSinkOptions options) {
        return builder()
                .bars(LakeSinks.bars(lakePath, options))
                .ticks(LakeSinks.ticks(lakePath, options))
                .rejects(LakeSinks.rejects(lakePath, options))
                .build();
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

    public static final class Builder {
        private Sink<Bar> bars = new DiscardingSink<>();
        private Sink<Tick> ticks = new DiscardingSink<>();
        private Sink<Rejection> rejects = new DiscardingSink<>();

        private Builder() {
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

        public JobSinks build() {
            return new JobSinks(this);
        }
    }
}
