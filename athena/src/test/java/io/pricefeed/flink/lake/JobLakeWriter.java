package io.pricefeed.flink.lake;

import io.pricefeed.model.Anomaly;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Rejection;
import io.pricefeed.model.Tick;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;

/**
 * Writes lake files with the Flink job's own writers, outside a Flink cluster: the partition
 * folder from the job's bucket assigners, the file through its {@code ParquetBulkWriterFactory}
 * (Parquet) or {@code RejectionJsonEncoder} (JSON Lines). What the athena tests read is then
 * byte for byte what the job commits, so neither the DDL nor the views can drift from it.
 *
 * <p>It lives in the job's package, in the athena module's test sources, because those writer
 * classes are package-private: they are the job's internals, and widening them for a test in
 * another module would make them API. A bounded Flink job through {@link LakeSinks} would reach
 * the same files through public API, at the price of a MiniCluster per test class.
 */
public final class JobLakeWriter {
    private JobLakeWriter() {
    }

    /** Every bar under {@code bars/timeframe=<tf>/trade_date=<IST date>/}; bars must carry their timeframe. */
    public static void bars(Path lake, Collection<Bar> bars) {
        parquet(lake, LakeSinks.BARS, BarRecordMapping.INSTANCE, LakeSinks.barPartitions(), bars);
    }

    public static void ticks(Path lake, Collection<Tick> ticks) {
        parquet(lake, LakeSinks.TICKS, TickRecordMapping.INSTANCE, TradeDateBucketAssigner.byEventTime(Tick::getTs),
                ticks);
    }

    public static void anomalies(Path lake, Collection<Anomaly> anomalies) {
        parquet(lake, LakeSinks.ANOMALIES, AnomalyRecordMapping.INSTANCE,
                TradeDateBucketAssigner.byEventTime(Anomaly::getTs), anomalies);
    }

    public static void rejects(Path lake, Collection<Rejection> rejects) {
        RejectionJsonEncoder encoder = new RejectionJsonEncoder();
        partitions(TradeDateBucketAssigner.byEventTime(Rejection::getTs), rejects).forEach((bucket, rows) -> {
            Path file = newPart(lake, LakeSinks.REJECTS, bucket, LakeSinks.JSON_LINES_SUFFIX);
            try (OutputStream out = Files.newOutputStream(file)) {
                for (Rejection r : rows) {
                    encoder.encode(r, out);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + file, e);
            }
        });
    }

    private static <T> void parquet(Path lake, String table, AvroRecordMapping<T> mapping,
                                    BucketAssigner<T, String> assigner, Collection<T> records) {
        ParquetBulkWriterFactory<T> writers = new ParquetBulkWriterFactory<>(mapping);
        partitions(assigner, records).forEach((bucket, rows) -> {
            Path file = newPart(lake, table, bucket, LakeSinks.PARQUET_SUFFIX);
            org.apache.flink.core.fs.Path target = new org.apache.flink.core.fs.Path(file.toUri());
            try (FSDataOutputStream out = target.getFileSystem().create(target, FileSystem.WriteMode.NO_OVERWRITE)) {
                BulkWriter<T> writer = writers.create(out);
                for (T row : rows) {
                    writer.addElement(row);
                }
                writer.finish();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + file, e);
            }
        });
    }

    private static <T> Map<String, List<T>> partitions(BucketAssigner<T, String> assigner, Collection<T> records) {
        // The assigners ignore their context; the job's own code decides the folder.
        return records.stream().collect(Collectors.groupingBy(r -> assigner.getBucketId(r, null), TreeMap::new,
                Collectors.toList()));
    }

    /** The next free {@code part-<n>.<suffix>} in the partition, so repeated writes add files like commits do. */
    private static Path newPart(Path lake, String table, String bucket, String suffix) {
        Path folder = lake.resolve(table).resolve(bucket);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + folder, e);
        }
        for (int n = 0; ; n++) {
            Path file = folder.resolve(LakeSinks.PART_PREFIX + "-" + n + suffix);
            if (!Files.exists(file)) {
                return file;
            }
        }
    }
}
