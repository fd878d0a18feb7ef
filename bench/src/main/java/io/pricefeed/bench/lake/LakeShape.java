package io.pricefeed.bench.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The files of a lake by partition folder ({@code bars/timeframe=1m/trade_date=...}, {@code ticks/trade_date=...}):
 * the visible ones, which Athena and DuckDB read, and the hidden ones ({@code .}- or {@code _}-prefixed: in-progress
 * files and compaction inputs), which a finished job should have left none of.
 */
public record LakeShape(Map<String, FileShape> visible, Map<String, FileShape> hidden) {

    public static LakeShape of(Path lake) throws IOException {
        Map<String, List<Long>> visible = new TreeMap<>();
        Map<String, List<Long>> hidden = new TreeMap<>();
        try (Stream<Path> files = Files.walk(lake)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String partition = lake.relativize(f.getParent()).toString().replace('\\', '/');
                String name = f.getFileName().toString();
                boolean isHidden = name.startsWith(".") || name.startsWith("_");
                (isHidden ? hidden : visible).computeIfAbsent(partition, k -> new ArrayList<>()).add(size(f));
            }
        }
        return new LakeShape(shapes(visible), shapes(hidden));
    }

    static Map<String, FileShape> shapes(Map<String, List<Long>> sizes) {
        Map<String, FileShape> out = new TreeMap<>();
        sizes.forEach((partition, list) -> out.put(partition, FileShape.of(list)));
        return out;
    }

    private static long size(Path f) {
        try {
            return Files.size(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
