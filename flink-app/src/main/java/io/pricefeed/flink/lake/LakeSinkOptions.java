package io.pricefeed.flink.lake;

import io.pricefeed.flink.config.JobConfig;

/**
 * Small-file compaction settings of the lake sinks.
 *
 * <p>Every checkpoint closes one file per bucket and writer subtask, so a trading day with one-minute
 * checkpoints would leave hundreds of tiny files per partition, which Athena lists and opens one by
 * one. With compaction the small files of a bucket are merged into one file every
 * {@link #checkpointsPerCompaction()} checkpoints, or as soon as they add up to
 * {@link #compactionTargetBytes()}, whichever comes first. The price is latency: rows become
 * visible about one compaction round (plus a checkpoint) after they are written, instead of at the
 * next checkpoint. DynamoDB serves the low-latency reads (DESIGN.md §5), so the lake can wait.
 */
public final class LakeSinkOptions {
    public static final boolean DEFAULT_COMPACTION_ENABLED = true;
    /** With Managed Flink's one-minute checkpoints: about 75 files per partition and day, at most ~6 minutes late. */
    public static final int DEFAULT_CHECKPOINTS_PER_COMPACTION = 5;
    /** A common Parquet file size for Athena scans; only busy tick partitions ever reach it. */
    public static final long DEFAULT_COMPACTION_TARGET_BYTES = 128L * 1024 * 1024;

    private final boolean compactionEnabled;
    private final int checkpointsPerCompaction;
    private final long compactionTargetBytes;

    private LakeSinkOptions(Builder b) {
        this.compactionEnabled = b.compactionEnabled;
        this.checkpointsPerCompaction = b.checkpointsPerCompaction;
        this.compactionTargetBytes = b.compactionTargetBytes;
    }

    public static LakeSinkOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code lake.*} keys of the job configuration. */
    public static LakeSinkOptions from(JobConfig config) {
        return builder()
                .compactionEnabled(config.get(JobConfig.LAKE_COMPACTION))
                .checkpointsPerCompaction(config.get(JobConfig.LAKE_CHECKPOINTS_PER_COMPACTION))
                .compactionTargetBytes(config.get(JobConfig.LAKE_COMPACTION_TARGET_BYTES))
                .build();
    }

    public boolean compactionEnabled() {
        return compactionEnabled;
    }

    public int checkpointsPerCompaction() {
        return checkpointsPerCompaction;
    }

    public long compactionTargetBytes() {
        return compactionTargetBytes;
    }

    @Override
    public String toString() {
        return compactionEnabled
                ? "LakeSinkOptions{compaction every " + checkpointsPerCompaction + " checkpoints or "
                        + compactionTargetBytes + " bytes}"
                : "LakeSinkOptions{compaction off}";
    }

    public static final class Builder {
        private boolean compactionEnabled = DEFAULT_COMPACTION_ENABLED;
        private int checkpointsPerCompaction = DEFAULT_CHECKPOINTS_PER_COMPACTION;
        private long compactionTargetBytes = DEFAULT_COMPACTION_TARGET_BYTES;

        private Builder() {
        }

        /** Off: every checkpoint's files are committed as they are, visible one checkpoint later. */
        public Builder compactionEnabled(boolean enabled) {
            this.compactionEnabled = enabled;
            return this;
        }

        public Builder checkpointsPerCompaction(int checkpoints) {
            if (checkpoints < 1) {
                throw new IllegalArgumentException("checkpointsPerCompaction must be at least 1, was " + checkpoints);
            }
            this.checkpointsPerCompaction = checkpoints;
            return this;
        }

        public Builder compactionTargetBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("compactionTargetBytes must be positive, was " + bytes);
            }
            this.compactionTargetBytes = bytes;
            return this;
        }

        public LakeSinkOptions build() {
            return new LakeSinkOptions(this);
        }
    }
}
