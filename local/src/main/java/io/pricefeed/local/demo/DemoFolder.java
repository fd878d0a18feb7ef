package io.pricefeed.local.demo;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A folder under the data directory that the demo owns and empties at every start (the lake, the
 * mails, the run's own files). The demo writes a marker file into each such folder, and empties
 * one only when it carries that marker, is empty or is missing: a user's files that happen to be
 * there are never deleted.
 *
 * @param dir      the folder
 * @param marker   the marker file's name, in {@code dir}
 * @param contents what a folder without the marker holds, for the refusal ("a lake", "files")
 */
record DemoFolder(Path dir, String marker, String contents) {
    private static final String MARKER_TEXT = "written by ./pricefeed demo; the next demo run empties this folder\n";

    /**
     * Stops when the folder holds anything the demo did not write.
     *
     * @throws IllegalStateException a one-line message naming the folder and what to do
     */
    void checkOwned() throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException(dir + " is a file the demo did not write, where the demo keeps a folder it "
                    + "empties at every start. Choose another --data-dir, or move the file away");
        }
        if (isEmpty(dir) || Files.isRegularFile(dir.resolve(marker))) {
            return;
        }
        throw new IllegalStateException(dir + " holds " + contents + " the demo did not write (no " + marker
                + " file), and the demo empties this folder at every start. Choose another --data-dir, or move the files away");
    }

    /**
     * Creates or empties the folder and marks it as the demo's. Only after {@link #checkOwned()}:
     * the marker is written first, so an interrupted run leaves a folder the next one may empty.
     */
    void replace() throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(marker), MARKER_TEXT);
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> !p.getFileName().toString().equals(marker)).collect(Collectors.toList());
        }
        for (Path entry : entries) {
            deleteTree(entry);
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** Deletes a file or a folder with everything in it; symbolic links are deleted, not followed. */
    private static void deleteTree(Path path) throws IOException {
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
