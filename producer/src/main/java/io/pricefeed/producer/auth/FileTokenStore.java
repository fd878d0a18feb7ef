package io.pricefeed.producer.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tokens in a local JSON file ({@link TokenDocument}) readable by its owner only.
 *
 * <p>On POSIX systems the file is never readable by anyone else, not even for a moment: each save
 * writes a new file that is <em>created</em> with mode 0600 (the permission is an attribute of the
 * create call, not a later chmod), in a directory created 0700, and then atomically renamed over the
 * old one, so a reader sees either the old or the new tokens, never half a file. A file found with
 * wider permissions (copied in by hand) is tightened to 0600 with a warning before it is read.
 */
public final class FileTokenStore implements TokenStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileTokenStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    static final Set<PosixFilePermission> OWNER_ONLY_DIR =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path file;
    private final Clock clock;
    private final boolean posix;

    public FileTokenStore(Path file) {
        this(file, Clock.systemUTC());
    }

    public FileTokenStore(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized Optional<FyersTokens> load() {
        try {
            if (posix && Files.exists(file)) {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (!OWNER_READ_WRITE.containsAll(perms)) {
                    LOG.warn("token file {} had mode {}; tightening it to rw------- (tokens must not be readable by others)",
                            file, PosixFilePermissions.toString(perms));
                    Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
                }
            }
            JsonNode doc = JSON.readTree(Files.readAllBytes(file));
            return TokenDocument.read(doc);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // Jackson's message can quote file content; say only where and what kind of failure.
            throw new TokenStoreException("cannot read the token file " + file + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new TokenStoreException("the token file " + file + " is malformed: " + e.getMessage());
        }
    }

    @Override
    public synchronized void save(FyersTokens tokens) {
        Objects.requireNonNull(tokens, "tokens");
        Path dir = file.getParent();
        Path tmp = null;
        try {
            createDirectories(dir);
            byte[] content = JSON.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(TokenDocument.write(JSON.createObjectNode(), tokens, clock.instant()));
            tmp = posix
                    ? Files.createTempFile(dir, ".fyers-tokens-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE))
                    : ownerOnlyTempFile(dir);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = Channels.newOutputStream(channel)) {
                out.write(content);
                out.flush();
                channel.force(true); // the rename must not publish a file whose bytes are not on disk
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            LOG.info("Fyers tokens saved to {} (access token valid until {})", describe(), tokens.accessExpiresAt());
        } catch (IOException e) {
            throw new TokenStoreException("cannot write the token file " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort; the temp file is 0600 anyway
                }
            }
        }
    }

    private void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Without POSIX permissions, restrict to the owner before a single byte is written. */
    private static Path ownerOnlyTempFile(Path dir) throws IOException {
        Path tmp = Files.createTempFile(dir, ".fyers-tokens-", ".tmp");
        File f = tmp.toFile();
        boolean ok = f.setReadable(false, false) & f.setReadable(true, true)
                & f.setWritable(false, false) & f.setWritable(true, true);
        if (!ok) {
            Files.deleteIfExists(tmp);
            throw new IOException("cannot restrict " + tmp + " to its owner");
        }
        return tmp;
    }

    @Override
    public String describe() {
        return "file " + file;
    }

    @Override
    public String toString() {
        return "FileTokenStore[" + file + "]";
    }
}
