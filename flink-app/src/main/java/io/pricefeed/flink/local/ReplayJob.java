package io.pricefeed.flink.local;

import io.pricefeed.flink.JobSinks;
import io.pricefeed.flink.PricefeedJob;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.ArchiveTickInput;
import io.pricefeed.flink.ingest.RouteTickStream;
import io.pricefeed.flink.lake.LakeSinkOptions;
import io.pricefeed.flink.lake.LakeSinks;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Archived ticks (the lake's {@code ticks/} or wire-format NDJSON) through the job's own
 * topology in BATCH mode, into a lake: the same bars the stream built, from the same code.
 * Batch mode sorts each symbol's ticks by time, so a replay has no late data and no watermark
 * to wait for; bars that a stream revised come out at revision 0 with the same values.
 */
public final class ReplayJob {
    private ReplayJob() {
    }

    /** What a replay read and wrote. */
    public static final class Summary {
        public final long ticks;
        public final long rejects;
        public final long millis;

        Summary(long ticks, long rejects, long millis) {
            this.ticks = ticks;
            this.rejects = rejects;
            this.millis = millis;
        }
    }

    /**
     * Replays {@code ticks} into the lake at {@code lake} on a local MiniCluster with
     * {@code parallelism} slots; bar settings (lateness, gap filling) come from {@code config}.
     * Compaction is off: a batch job writes one file per partition and writer anyway.
     *
     * <p>Ticks read from a lake's {@code ticks/} (Parquet) are not written again: they are already
     * lake files, and re-writing 45 million of them cost a quarter of a full-session replay's CPU time
     * (bench's ReplayBench). Ticks from NDJSON are archived into the lake's {@code ticks/}, as the
     * stream would have archived them.
     */
    public static Summary run(Path ticks, String lake, JobConfig config, int parallelism) throws Exception {
        return run(ticks, lake, config, parallelism, true);
    }

    /**
     * As {@link #run(Path, String, JobConfig, int)}; without {@code anomalies} only bars and rejects are
     * rebuilt (no anomaly rules: one pass less over every tick, about 40 % of the time).
     */
    public static Summary run(Path ticks, String lake, JobConfig config, int parallelism, boolean anomalies) throws Exception {
        ArchiveTickInput input = ArchiveTickInput.detect(ticks, config.get(JobConfig.OUT_OF_ORDERNESS_MS));
        StreamExecutionEnvironment env = LocalCluster.environment(parallelism, new Configuration());
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        JobSinks sinks = sinks(lake, input.format());
        PricefeedJob job = new PricefeedJob(config, input, sinks);
        (anomalies ? job : job.withoutAnomalies()).build(env);
        long start = System.nanoTime();
        JobExecutionResult result = env.execute(PricefeedJob.NAME + "-replay");
        Long read = result.getAccumulatorResult(RouteTickStream.TICKS_ACCUMULATOR);
        Long rejected = result.getAccumulatorResult(RouteTickStream.REJECTS_ACCUMULATOR);
        return new Summary(read == null ? 0 : read, rejected == null ? 0 : rejected, (System.nanoTime() - start) / 1_000_000);
    }

    static JobSinks sinks(String lake, ArchiveTickInput.Format source) {
        LakeSinkOptions options = LakeSinkOptions.builder().compactionEnabled(false).build();
        if (source == ArchiveTickInput.Format.NDJSON) {
            return JobSinks.lake(lake, options);
        }
        return JobSinks.builder()
                .bars(LakeSinks.bars(lake, options))
                .rejects(LakeSinks.rejects(lake, options))
                .anomalies(LakeSinks.anomalies(lake, options))
                .build();
    }
}
