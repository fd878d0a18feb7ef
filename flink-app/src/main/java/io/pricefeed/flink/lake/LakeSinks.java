package io.pricefeed.flink.lake;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.sink.compactor.ConcatFileCompactor;
import org.apache.flink.connector.file.sink.compactor.FileCompactStrategy;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/**
 * The exactly-once lake sinks of DESIGN.md §5: bars, ticks and anomalies as Snappy Parquet, rejects
 * as JSON Lines, each in Hive-style folders by IST trade date of the record's event time.
 *
 * <pre>
 * bars/timeframe=1m/trade_date=2026-03-10/part-*.parquet
 * ticks/trade_date=2026-03-10/part-*.parquet
 * anomalies/trade_date=2026-03-10/part-*.parquet
 * rejects/trade_date=2026-03-10/part-*.jsonl
 * </pre>
 *
 * <p>Exactly-once: files roll on every checkpoint and are written under hidden in-progress names;
 * Flink's committer gives them their final names only when the checkpoint that covers their rows
 * completes, and recommits idempotently after a failover. The job must run with checkpointing on,
 * or nothing is ever committed.
 *
 * <p>With compaction on ({@link LakeSinkOptions}), the per-checkpoint files are hidden
 * ({@code .part-*}) and merged into {@code compacted-part-*} files, which alone are visible to
 * Athena; the hidden inputs are deleted once the merged file is committed.
 */
public final class LakeSinks {
    public static final String BARS = "bars";
    public static final String TICKS = "ticks";
    public static final String ANOMALIES = "anomalies";
    public static final String REJECTS = "rejects";

    /** DESIGN.md §5 names files {@code part-*}; compacted files are {@code compacted-part-*}. */
    public static final String PART_PREFIX = "part";
    public static final String PARQUET_SUFFIX = ".parquet";
    public static final String JSON_LINES_SUFFIX = ".jsonl";

    private LakeSinks() {
    }

    public static FileSink<Bar> bars(String lake) {
        return bars(lake, LakeSinkOptions.defaults());
    }

    /** Final bars under {@code bars/timeframe=<tf>/trade_date=<IST date of barStart>/}. */
    public static FileSink<Bar> bars(String lake, LakeSinkOptions options) {
        return parquet(LakeLocation.of(lake).table(BARS), BarRecordMapping.INSTANCE, barPartitions(), options);
    }

    public static FileSink<Tick> ticks(String lake) {
        return ticks(lake, LakeSinkOptions.defaults());
    }

    /** Every accepted tick under {@code ticks/trade_date=<IST date of ts>/}. */
    public static FileSink<Tick> ticks(String lake, LakeSinkOptions options) {
        return parquet(LakeLocation.of(lake).table(TICKS), TickRecordMapping.INSTANCE,
                TradeDateBucketAssigner.byEventTime(Tick::getTs), options);
    }

    public static FileSink<Anomaly> anomalies(String lake) {
        return anomalies(lake, LakeSinkOptions.defaults());
    }

    /** Anomaly events under {@code anomalies/trade_date=<IST date of ts>/}. */
    public static FileSink<Anomaly> anomalies(String lake, LakeSinkOptions options) {
        return parquet(LakeLocation.of(lake).table(ANOMALIES), AnomalyRecordMapping.INSTANCE,
                TradeDateBucketAssigner.byEventTime(Anomaly::getTs), options);
    }

    public static FileSink<Rejection> rejects(String lake) {
        return rejects(lake, LakeSinkOptions.defaults());
    }

    /**
     * Rejected records as JSON Lines under {@code rejects/trade_date=<IST date of Rejection.getTs()>/}.
     * Rolled on checkpoints like the Parquet tables, so rejects show up as promptly; their small
     * files are compacted by plain concatenation, which is valid because every line ends in a newline.
     */
    public static FileSink<Rejection> rejects(String lake, LakeSinkOptions options) {
        FileSink.DefaultRowFormatBuilder<Rejection> builder = FileSink
                .forRowFormat(LakeLocation.of(lake).table(REJECTS), new RejectionJsonEncoder())
                .withBucketAssigner(TradeDateBucketAssigner.byEventTime(Rejection::getTs))
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(fileNames(JSON_LINES_SUFFIX));
        if (options.compactionEnabled()) {
            builder = builder.enableCompact(compactStrategy(options), new ConcatFileCompactor());
        }
        return builder.build();
    }

    private static <T> FileSink<T> parquet(Path table, AvroRecordMapping<T> mapping,
                                           BucketAssigner<T, String> partitions, LakeSinkOptions options) {
        // Bulk formats can only roll on checkpoints: a Parquet file is complete only once its
        // footer is written, so it cannot be resumed after a failover the way a row file can.
        FileSink.DefaultBulkFormatBuilder<T> builder = FileSink
                .forBulkFormat(table, new ParquetBulkWriterFactory<>(mapping))
                .withBucketAssigner(partitions)
                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                .withOutputFileConfig(fileNames(PARQUET_SUFFIX));
        if (options.compactionEnabled()) {
            builder = builder.enableCompact(compactStrategy(options),
                    new RecordWiseFileCompactor<>(new ParquetRecordReaderFactory<>(mapping)));
        }
        return builder.build();
    }

    private static FileCompactStrategy compactStrategy(LakeSinkOptions options) {
        return FileCompactStrategy.Builder.newBuilder()
                .enableCompactionOnCheckpoint(options.checkpointsPerCompaction())
                .setSizeThreshold(options.compactionTargetBytes())
                .build();
    }

    private static OutputFileConfig fileNames(String suffix) {
        return OutputFileConfig.builder().withPartPrefix(PART_PREFIX).withPartSuffix(suffix).build();
    }

    /** {@code timeframe=<tf>/trade_date=<IST date of barStart>}: a bar belongs to the day it starts on. */
    static TradeDateBucketAssigner<Bar> barPartitions() {
        return TradeDateBucketAssigner.byEventTime(Bar::getBarStart, LakeSinks::timeframeFolder);
    }

    private static String timeframeFolder(Bar bar) {
        if (bar.getTimeframe() == null) {
            throw new IllegalArgumentException("a bar without a timeframe has no lake partition: " + bar);
        }
        return "timeframe=" + bar.getTimeframe().label();
    }
}
