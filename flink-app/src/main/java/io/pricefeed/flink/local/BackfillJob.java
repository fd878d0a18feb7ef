package io.pricefeed.flink.local;

import io.pricefeed.flink.JobSinks;
import io.pricefeed.flink.PricefeedJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.dynamodb.BarsTableSink;
import io.pricefeed.flink.dynamodb.UnexpiredBars;
import io.pricefeed.flink.ingest.NoTickInput;
import io.pricefeed.flink.ingest.StagedHistoryInput;
import io.pricefeed.flink.lake.LakeSinkOptions;
import io.pricefeed.flink.lake.LakeSinks;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The load stage of {@code ./pricefeed backfill}: staged history candles ({@link StagedHistoryInput})
 * through the job's own topology in BATCH mode, as a bar input beside an empty tick input, so the
 * 5m, 15m, 1h and 1d bars of history come from the same {@code RollupFunction} as live ones. Bars
 * go to the lake's {@code bars/} and, optionally, to the DynamoDB table {@code bars} as final items
 * (only those whose TTL has not passed: {@link UnexpiredBars}). Like {@link ReplayJob}, batch mode
 * sorts each symbol's bars by time and has no late data.
 */
public final class BackfillJob {
    private BackfillJob() {
    }

    /**
     * Loads {@code stagedFiles}, leaving out the (symbol, IST date) pairs in {@code skip}
     * ({@link StagedHistoryInput#pairKey}), into the lake at {@code lake} and, when {@code toTable},
     * the bars table of {@code config} ({@code dynamodb.endpoint}, {@code dynamodb.barsTable}).
     *
     * @param ttlNowMillis the instant the table's TTLs are judged at (the real clock, normally)
     * @return the run time in milliseconds
     */
    public static long run(List<Path> stagedFiles, Set<String> skip, String lake, JobConfig config, boolean toTable,
                           long ttlNowMillis, int parallelism) throws Exception {
        StreamExecutionEnvironment env = LocalCluster.environment(parallelism, new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        // A batch job writes one file per partition and writer anyway: nothing to compact.
        LakeSinkOptions noCompaction = LakeSinkOptions.builder().compactionEnabled(false).build();
        JobSinks.Builder sinks = JobSinks.builder().bars(LakeSinks.bars(lake, noCompaction));
        if (toTable) {
            sinks.barTable(BarsTableSink.forFinalBars(config)).barTableKeeps(new UnexpiredBars(ttlNowMillis));
        }
        new PricefeedJob(config, new NoTickInput(), sinks.build())
                .withBarInput(new StagedHistoryInput(stagedFiles, skip))
                .withoutAnomalies()
                .build(env);
        long start = System.nanoTime();
        env.execute(PricefeedJob.NAME + "-backfill");
        return (System.nanoTime() - start) / 1_000_000;
    }
}
