package io.pricefeed.flink.ingest;

import io.pricefeed.flink.lake.TickRecordMapping;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.formats.parquet.avro.AvroParquetReaders;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Archived ticks for a replay: either the lake's own {@code ticks/} Parquet (a folder, read
 * recursively; hidden in-progress and pre-compaction files are skipped) or wire-format NDJSON (a
 * file or folder of {@code .json}/{@code .ndjson} lines, optionally {@code .gz}). NDJSON lines go
 * through the same codec as Kinesis records, so a bad line becomes a rejection, filed under the
 * replay's own clock since an archive has no arrival time.
 */
public final class ArchiveTickInput implements TickInput {
    public static final String UID = "archive-source";

    /** What an archive holds. */
    public enum Format { PARQUET, NDJSON }

    private final String path;
    private final Format format;
    private final long outOfOrdernessMs;

    public ArchiveTickInput(String path, Format format, long outOfOrdernessMs) {
        this.path = path;
        this.format = format;
        this.outOfOrdernessMs = outOfOrdernessMs;
    }

    /**
     * Parquet for a folder of {@code .parquet} files or a single one, NDJSON otherwise: a replay
     * of the lake's {@code ticks/} folder needs no flag.
     */
    public static ArchiveTickInput detect(java.nio.file.Path path, long outOfOrdernessMs) {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no ticks archive at " + path);
        }
        return new ArchiveTickInput(path.toAbsolutePath().toUri().toString(), detectFormat(path), outOfOrdernessMs);
    }

    static Format detectFormat(java.nio.file.Path path) {
        if (Files.isRegularFile(path)) {
            return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet") ? Format.PARQUET : Format.NDJSON;
        }
        try (Stream<java.nio.file.Path> files = Files.walk(path)) {
            boolean parquet = files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
            return parquet ? Format.PARQUET : Format.NDJSON;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    public Format format() {
        return format;
    }

    @Override
    public DataStream<TickStreamRecord> open(StreamExecutionEnvironment env) {
        WatermarkStrategy<TickStreamRecord> watermarks = TickWatermarks.strategy(outOfOrdernessMs, 0);
        if (format == Format.PARQUET) {
            FileSource<GenericRecord> source = FileSource
                    .forRecordStreamFormat(AvroParquetReaders.forGenericRecord(TickRecordMapping.SCHEMA), new Path(path))
                    .build();
            return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Archive: " + path).uid(UID)
                    .map(new FromParquet()).name("Parquet to ticks")
                    .assignTimestampsAndWatermarks(watermarks).name("Event time");
        }
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(path)).build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Archive: " + path).uid(UID)
                .filter(line -> !line.isBlank()).name("Skip blank lines")
                .map(new FromWireLine()).name("Decode")
                .assignTimestampsAndWatermarks(watermarks).name("Event time");
    }

    private static final class FromParquet implements MapFunction<GenericRecord, TickStreamRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public TickStreamRecord map(GenericRecord record) {
            return TickStreamRecord.of(TickRecordMapping.INSTANCE.fromRecord(record));
        }
    }

    private static final class FromWireLine implements MapFunction<String, TickStreamRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public TickStreamRecord map(String line) {
            long now = System.currentTimeMillis();
            return TickStreamRecord.decode(line.getBytes(StandardCharsets.UTF_8), now, now);
        }
    }
}
