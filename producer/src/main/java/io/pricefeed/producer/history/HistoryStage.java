package io.pricefeed.producer.history;

import io.pricefeed.model.HistoryCandleLine;
import io.pricefeed.producer.fyers.HistoryCandle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;

/**
 * The folder where a backfill keeps each fetched (symbol, chunk) until the load: one file of
 * {@link HistoryCandleLine} lines per chunk, at {@code <dir>/<resolution>/<EX>_<SYMBOL>/<from>_<to>.csv}.
 * A chunk's file appears whole or not at all (written beside, synced, then renamed), so the files
 * present are exactly the chunks done: they are the backfill's resumable progress. A chunk Fyers
 * had no data for is an empty file.
 */
public final class HistoryStage {
    private final Path dir;

    public HistoryStage(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    /** Where a chunk's candles are (or will be) kept. */
    public Path file(HistoryChunk chunk) {
        // Exchange prefixes (NSE, BSE, MCX) have no '_', so replacing the ':' cannot make two symbols collide.
        return dir.resolve(chunk.resolution()).resolve(chunk.symbol().replace(':', '_'))
                .resolve(chunk.from() + "_" + chunk.to() + ".csv");
    }

    public boolean isStaged(HistoryChunk chunk) {
        return Files.isRegularFile(file(chunk));
    }

    /** Keeps a chunk's candles, replacing the file atomically. */
    public void write(HistoryChunk chunk, List<HistoryCandle> candles) {
        Path target = file(chunk);
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                for (HistoryCandle c : candles) {
                    out.write(HistoryCandleLine.encode(chunk.symbol(), chunk.resolution(), c.startEpochSecond(),
                            c.open(), c.high(), c.low(), c.close(), c.volume()));
                    out.write('\n');
                }
            }
            try (var channel = java.nio.channels.FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true); // on disk before it counts as done
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage " + chunk + " at " + target + ": " + e.getMessage(), e);
        }
    }
}
