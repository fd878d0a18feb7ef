package io.pricefeed.flink.local;

import io.pricefeed.flink.lake.BarRecordMapping;
import io.pricefeed.flink.lake.LakeSinks;
import io.pricefeed.flink.lake.ParquetBulkWriterFactory;
import io.pricefeed.flink.lake.ParquetRecordReaderFactory;
import io.pricefeed.model.Bar;
import io.pricefeed.model.Timeframe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.connector.file.sink.compactor.RecordWiseFileCompactor;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * Takes some symbols' rows out of one bars partition of a local lake
 * ({@code bars/timeframe=<tf>/trade_date=<date>/}), so a backfill with {@code --replace} can write
 * those days again without leaving two versions behind. Each visible file holding such rows is
 * rewritten without them beside itself (a hidden file) and then renamed over the original in one
 * atomic step, so a reader (or a crash) sees the old file or the new one, never a half; a file left
 * with no rows is deleted.
 */
public final class LakeBarPurge {
    private final Path lake;

    public LakeBarPurge(Path lake) {
        this.lake = lake.toAbsolutePath().normalize();
    }

    /** The partition folder of a timeframe and IST trade date. */
    public Path partition(Timeframe timeframe, LocalDate tradeDate) {
        return lake.resolve(LakeSinks.BARS).resolve("timeframe=" + timeframe.label()).resolve("trade_date=" + tradeDate);
    }

    /**
     * Removes every row of {@code symbols} from the partition.
     *
     * @return the rows removed
     */
    public long remove(Timeframe timeframe, LocalDate tradeDate, Set<String> symbols) {
        Path dir = partition(timeframe, tradeDate);
        if (!Files.isDirectory(dir) || symbols.isEmpty()) {
            return 0;
        }
        long removed = 0;
        for (Path file : visibleParquetFiles(dir)) {
            removed += rewriteWithout(file, symbols);
        }
        return removed;
    }

    private long rewriteWithout(Path file, Set<String> symbols) {
        List<Bar> kept = new ArrayList<>();
        long removed = 0;
        try {
            RecordWiseFileCompactor.Reader<Bar> reader = new ParquetRecordReaderFactory<>(BarRecordMapping.INSTANCE)
                    .createFor(new org.apache.flink.core.fs.Path(file.toUri()));
            try {
                for (Bar bar = reader.read(); bar != null; bar = reader.read()) {
                    if (symbols.contains(bar.getSymbol())) {
                        removed++;
                    } else {
                        kept.add(bar);
                    }
                }
            } finally {
                closeQuietly(reader, file);
            }
            if (removed == 0) {
                return 0;
            }
            if (kept.isEmpty()) {
                Files.delete(file);
                return removed;
            }
            Path rewritten = file.resolveSibling("." + file.getFileName() + ".purge");
            FileSystem fs = FileSystem.getLocalFileSystem();
            try (FSDataOutputStream out = fs.create(new org.apache.flink.core.fs.Path(rewritten.toUri()),
                    FileSystem.WriteMode.OVERWRITE)) {
                BulkWriter<Bar> writer = new ParquetBulkWriterFactory<>(BarRecordMapping.INSTANCE).create(out);
                for (Bar bar : kept) {
                    writer.addElement(bar);
                }
                writer.finish();
                out.sync();
            }
            Files.move(rewritten, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite lake file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(RecordWiseFileCompactor.Reader<Bar> reader, Path file) throws IOException {
        try {
            reader.close();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("cannot close " + file, e);
        }
    }

    /** The files readers see: Flink's sink and this class keep in-progress files hidden ('.' or '_'). */
    private static List<Path> visibleParquetFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return !name.startsWith(".") && !name.startsWith("_") && name.endsWith(LakeSinks.PARQUET_SUFFIX);
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
