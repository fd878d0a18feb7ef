package io.pricefeed.flink.lake;

import io.pricefeed.flink.local.LocalCluster;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The local MiniCluster environment the lake jobs run on: parallelism 2 (so every bucket gets
 * files from two writers) and frequent checkpoints, since the sinks commit only on checkpoints.
 *
 * <p>A local environment rather than {@code MiniClusterExtension}: the jobs run once per class in
 * {@code @BeforeAll}, before the extension registers its environment for a test method.
 */
public final class LakeTestCluster {
    public static final int PARALLELISM = 2;

    private LakeTestCluster() {
    }

    /**
     * A bounded job must take a final checkpoint after its sources finish, or its last files are
     * never committed: the 1.20 default, spelled out because everything here depends on it.
     */
    public static StreamExecutionEnvironment environment(Duration checkpointInterval) {
        return environment(checkpointInterval, new Configuration());
    }

    /** The same, with extra settings (a restart strategy, say) on top. */
    public static StreamExecutionEnvironment environment(Duration checkpointInterval, Configuration overrides) {
        Configuration conf = new Configuration();
        conf.addAll(overrides);
        conf.set(CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, true);
        StreamExecutionEnvironment env = LocalCluster.environment(PARALLELISM, conf);
        env.enableCheckpointing(checkpointInterval.toMillis());
        return env;
    }
}
