package io.pricefeed.flink.lake;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import org.apache.flink.core.fs.Path;

/**
 * The lake's base folder and the folder of each table under it (DESIGN.md §5). Accepts what the
 * {@code lake.path} setting holds: {@code s3://bucket/prefix} on AWS, a {@code file://} URI or a
 * plain folder locally.
 *
 * <p>A plain folder, relative ones included ({@code data/lake}, the local default), is made an
 * absolute {@code file:} URI here, when the job is built: the sink must not depend on the working
 * directory of whichever process later runs the writers, nor on Flink's default file system
 * scheme.
 */
public final class LakeLocation {
    private final Path base;

    private LakeLocation(Path base) {
        this.base = base;
    }

    public static LakeLocation of(String lake) {
        if (lake == null || lake.trim().isEmpty()) {
            throw new IllegalArgumentException(
                    "lake path is blank; expected a folder, a file:// URI or s3://bucket/prefix");
        }
        String trimmed = lake.trim();
        URI uri = parseUri(trimmed);
        if (uri != null && uri.getScheme() != null && uri.getScheme().length() > 1) {
            if (uri.isOpaque() || uri.getPath() == null) {
                throw new IllegalArgumentException("lake path '" + lake
                        + "' is not a hierarchical URI; expected e.g. s3://bucket/prefix or file:///path");
            }
            return new LakeLocation(new Path(uri));
        }
        // No scheme (a one-letter "scheme" is a Windows drive): a local folder.
        try {
            return new LakeLocation(new Path(Paths.get(trimmed).toAbsolutePath().normalize().toUri()));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("lake path '" + lake + "' is not a valid local folder: "
                    + e.getMessage(), e);
        }
    }

    private static URI parseUri(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            return null; // e.g. a local folder with a space in its name
        }
    }

    public Path base() {
        return base;
    }

    /** The folder of one table: {@code <lake>/bars}. */
    public Path table(String name) {
        return new Path(base, name);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
