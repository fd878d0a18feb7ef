package io.pricefeed.bench.flink;

import io.pricefeed.fixtures.SessionTickGenerator;
import io.pricefeed.flink.lake.ParquetBulkWriterFactory;
import io.pricefeed.flink.lake.TickRecordMapping;
import io.pricefeed.model.Tick;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FileSystem;

/**
 * A generated tick archive for a replay: {@code <dir>/ticks/trade_date=<day>/part-<k>.parquet},
 * {@code symbols} symbols ticking once a second from 09:15 IST for {@code seconds} seconds, written
 * with the lake's own Parquet writer and tick mapping ({@link ParquetBulkWriterFactory},
 * {@link TickRecordMapping}), so the files are what the job's ticks sink writes.
 *
 * <p>File k holds the symbols i with i mod files == k, second by second (each second's ticks in
 * the symbols' order, each symbol at its own offset into the second), like a compacted file of
 * the stream's archive holds its rows in arrival order. Every symbol draws from its own
 * {@link Random} seeded from the seed and its index, so a file's content does not depend on which
 * thread writes it or in what order: the archive is a pure function of {@link Params}.
 *
 * <p>{@code generated.properties} beside {@code ticks/} records the parameters; it is written last,
 * so an interrupted generation is redone, and an archive made with other parameters is replaced.
 */
final class ReplayLake {
    static final String MARKER = "generated.properties";
    /** Bumped when the generated content changes for the same parameters. */
    static final String FORMAT = "1";

    /** What the archive holds; equal parameters mean equal files. */
    record Params(int symbols, int seconds, int files, long seed, LocalDate day) {
        Params {
            if (symbols < 1) {
                throw new IllegalArgumentException("--symbols must be at least 1, got " + symbols);
            }
            if (seconds < 1 || seconds > SESSION_SECONDS) {
                throw new IllegalArgumentException("--seconds must be 1.." + SESSION_SECONDS + " (09:15-15:30 IST), got " + seconds);
            }
            if (files < 1) {
                throw new IllegalArgumentException("--files must be at least 1, got " + files);
            }
        }

        long ticks() {
            return (long) symbols * seconds;
        }

        /** Files actually written: never more than there are symbols. */
        int fileCount() {
            return Math.min(files, symbols);
        }

        Properties toProperties() {
            Properties p = new Properties();
            p.setProperty("format", FORMAT);
            p.setProperty("symbols", Integer.toString(symbols));
            p.setProperty("seconds", Integer.toString(seconds));
            p.setProperty("files", Integer.toString(files));
            p.setProperty("seed", Long.toString(seed));
            p.setProperty("day", day.toString());
            p.setProperty("ticks", Long.toString(ticks()));
            return p;
        }
    }

    /** 09:15 to 15:30 IST. */
    static final int SESSION_SECONDS = 375 * 60;

    private ReplayLake() {
    }

    static Path ticksDir(Path dir) {
        return dir.resolve("ticks");
    }

    static Path partition(Path dir, LocalDate day) {
        return ticksDir(dir).resolve("trade_date=" + day);
    }

    /** Whether {@code dir} holds a complete archive made with exactly {@code params}. */
    static boolean isCurrent(Path dir, Params params) {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        Properties found = new Properties();
        try (Reader in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
            found.load(in);
        } catch (IOException e) {
            return false;
        }
        return found.equals(params.toProperties());
    }

    /**
     * Makes sure {@code dir} holds the archive for {@code params}: reuses it when its marker matches,
     * otherwise deletes {@code dir} and writes it on {@code threads} threads, reporting progress
     * (ticks written so far) to {@code progress} every few seconds. Returns whether it generated.
     */
    static boolean ensure(Path dir, Params params, int threads, Consumer<Long> progress) throws Exception {
        if (isCurrent(dir, params)) {
            return false;
        }
        deleteRecursively(dir);
        Path partition = partition(dir, params.day());
        Files.createDirectories(partition);
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> files = new ArrayList<>();
            for (int k = 0; k < params.fileCount(); k++) {
                int file = k;
                files.add(pool.submit(() -> {
                    writeFile(partition.resolve(String.format(Locale.ROOT, "part-%04d.parquet", file)), params, file, written);
                    return null;
                }));
            }
            for (Future<?> f : files) {
                while (true) {
                    try {
                        f.get(5, TimeUnit.SECONDS);
                        break;
                    } catch (java.util.concurrent.TimeoutException e) {
                        progress.accept(written.get());
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        progress.accept(written.get());
        try (Writer out = Files.newBufferedWriter(dir.resolve(MARKER), StandardCharsets.UTF_8)) {
            params.toProperties().store(out, "bench ReplayBench tick archive; regenerated when these differ");
        }
        return true;
    }

    private static void writeFile(Path target, Params params, int file, AtomicLong written) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".inprogress"); // hidden: never read half-written
        org.apache.flink.core.fs.Path out = new org.apache.flink.core.fs.Path(tmp.toUri());
        try (var stream = FileSystem.getLocalFileSystem().create(out, FileSystem.WriteMode.OVERWRITE)) {
            BulkWriter<Tick> writer = new ParquetBulkWriterFactory<>(TickRecordMapping.INSTANCE).create(stream);
            long[] pending = {0};
            ticksOfFile(params, file, tick -> {
                try {
                    writer.addElement(tick);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (++pending[0] == 10_000) {
                    written.addAndGet(pending[0]);
                    pending[0] = 0;
                }
            });
            writer.finish();
            written.addAndGet(pending[0]);
        }
        Files.move(tmp, target);
    }

    /** The ticks of file {@code file}, in the order they are written: second by second, symbol by symbol. */
    static void ticksOfFile(Params params, int file, Consumer<Tick> sink) {
        SessionTickGenerator ticks = new SessionTickGenerator(params.day(), params.seed(), file, params.fileCount(), params.symbols());
        for (int sec = 0; sec < params.seconds(); sec++) {
            ticks.second(sec, sink);
        }
    }

    /** Total size of the archive's Parquet files. */
    static long bytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(ticksDir(dir))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).sum();
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String describe(Params p) {
        return String.format(Locale.ROOT, "%,d symbols x %,d s from 09:15 IST on %s, one tick per symbol per second"
                + " (%,d ticks), %d files, seed %d", p.symbols(), p.seconds(), p.day(), p.ticks(), p.fileCount(), p.seed());
    }

    static List<String> fileNames(Path dir, LocalDate day) throws IOException {
        try (Stream<Path> files = Files.list(partition(dir, day))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
