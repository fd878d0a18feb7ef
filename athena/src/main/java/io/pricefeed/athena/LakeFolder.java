package io.pricefeed.athena;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.stream.Stream;

/**
 * The root folder of a local lake (DESIGN.md §5), as the views see it: a directory that
 * exists, spelled so it can sit inside a SQL string literal and a DuckDB glob.
 */
final class LakeFolder {
    /** Characters DuckDB would read as glob syntax inside the lake path itself. */
    private static final String GLOB_CHARACTERS = "*?[]{}";

    private final Path root;

    private LakeFolder(Path root) {
        this.root = root;
    }

    static LakeFolder of(Path path) {
        Path root = path.toAbsolutePath().normalize();
        // A missing folder is far more likely a wrong path than an empty lake, so say so
        // instead of answering every query with zero rows.
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("Lake folder " + root + " does not exist or is not a directory");
        }
        for (char c : GLOB_CHARACTERS.toCharArray()) {
            if (root.toString().indexOf(c) >= 0) {
                throw new IllegalArgumentException("Lake folder " + root + " contains '" + c
                        + "', which DuckDB would read as a file pattern; move the lake to a plainer path");
            }
        }
        return new LakeFolder(root);
    }

    Path root() {
        return root;
    }

    /** The root as it goes between single quotes in SQL: forward slashes, quotes doubled. */
    String asSqlStringContent() {
        return root.toString().replace(File.separatorChar, '/').replace("'", "''");
    }

    /**
     * Whether {@code glob} (relative to the root, '/'-separated, {@code *} not crossing folders
     * as in DuckDB) matches at least one regular file. Only the folder under the glob's literal
     * prefix is walked, so checking {@code bars/...} never lists the (much larger) tick archive.
     */
    boolean hasFileMatching(String glob) {
        String[] segments = glob.split("/");
        Path base = root;
        int literal = 0;
        while (literal < segments.length - 1 && !hasGlobCharacter(segments[literal])) {
            base = base.resolve(segments[literal]);
            literal++;
        }
        if (!Files.isDirectory(base)) {
            return false;
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        try (Stream<Path> paths = Files.walk(base, segments.length - literal)) {
            return paths.anyMatch(p -> Files.isRegularFile(p) && matcher.matches(root.relativize(p)));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list lake folder " + base, e);
        }
    }

    private static boolean hasGlobCharacter(String segment) {
        return segment.chars().anyMatch(c -> GLOB_CHARACTERS.indexOf(c) >= 0);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
