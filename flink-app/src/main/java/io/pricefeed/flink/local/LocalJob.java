package io.pricefeed.flink.local;

import io.pricefeed.flink.JobSinks;
import io.pricefeed.flink.PricefeedJob;
import io.pricefeed.flink.anomaly.AnomalyFunction;
import io.pricefeed.flink.bars.MinuteBarFunction;
import io.pricefeed.flink.config.JobConfig;
import io.pricefeed.flink.ingest.KinesisTickInput;
import io.pricefeed.flink.ingest.RouteTickStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job on a local MiniCluster against the local stand-ins, as the demo runs it: started in
 * the background, watched through its accumulators, and stopped with a drain, so the watermark
 * jumps to the end, every open bar is finalised and the last files are committed before it ends.
 */
public final class LocalJob implements AutoCloseable {
    private final JobClient client;
    private final Path savepoints;
    private boolean drained;

    private LocalJob(JobClient client, Path savepoints) {
        this.client = client;
        this.savepoints = savepoints;
    }

    /** Starts the full job (Kinesis in; lake, DynamoDB and anomalies stream out) from {@code config}. */
    public static LocalJob start(JobConfig config, int parallelism, Path stateDir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, stateDir.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = LocalCluster.environment(parallelism, conf);
        env.enableCheckpointing(config.get(JobConfig.CHECKPOINT_INTERVAL_MS), CheckpointingMode.EXACTLY_ONCE);
        new PricefeedJob(config, new KinesisTickInput(config), JobSinks.all(config)).build(env);
        return new LocalJob(env.executeAsync(PricefeedJob.NAME), stateDir.resolve("savepoints"));
    }

    /** What the job has done so far. */
    public static final class Progress {
        public final long ticks;
        public final long rejects;
        public final long finalMinuteBars;
        public final long anomalies;
        /** The event time the bar timers have reached, epoch ms; {@code Long.MIN_VALUE} before any. */
        public final long eventTime;

        Progress(Map<String, Object> acc) {
            this.ticks = number(acc, RouteTickStream.TICKS_ACCUMULATOR, 0);
            this.rejects = number(acc, RouteTickStream.REJECTS_ACCUMULATOR, 0);
            this.finalMinuteBars = number(acc, MinuteBarFunction.FINAL_BARS_ACCUMULATOR, 0);
            this.anomalies = number(acc, AnomalyFunction.ANOMALIES_ACCUMULATOR, 0);
            this.eventTime = number(acc, MinuteBarFunction.EVENT_TIME_ACCUMULATOR, Long.MIN_VALUE);
        }

        private static long number(Map<String, Object> acc, String name, long absent) {
            Object v = acc.get(name);
            return v instanceof Number ? ((Number) v).longValue() : absent;
        }
    }

    public Progress progress() throws Exception {
        return new Progress(client.getAccumulators().get(10, TimeUnit.SECONDS));
    }

    public JobStatus status() throws Exception {
        return client.getJobStatus().get(10, TimeUnit.SECONDS);
    }

    /**
     * Stops with a drain: the sources stop, the watermark advances to the end of time, every
     * pending bar becomes final and is written, and a last checkpoint commits the lake's files.
     *
     * @return what the job did in all, read from its final accumulators
     */
    public Progress drain(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        client.stopWithSavepoint(true, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        drained = true;
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        return new Progress(client.getJobExecutionResult().get(left, TimeUnit.MILLISECONDS).getAllAccumulatorResults());
    }

    /** Cancels without draining (after a failed drain, or when the caller does not care). */
    @Override
    public void close() throws Exception {
        if (drained) {
            return; // the job has ended, and its MiniCluster shuts down with it
        }
        try {
            if (!status().isGloballyTerminalState()) {
                client.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (IllegalStateException clusterGone) {
            // The job ended on its own (failed) and took its MiniCluster with it: nothing to cancel.
        }
    }
}
