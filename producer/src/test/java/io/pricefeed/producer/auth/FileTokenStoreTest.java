package io.pricefeed.producer.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTokenStoreTest {
    @TempDir
    Path dir;

    private static final FyersTokens TOKENS = new FyersTokens("access-abc", "refresh-def",
            Instant.parse("2026-03-11T00:30:00Z"), Instant.parse("2026-03-25T00:30:00Z"));

    @Test
    void savedTokensComeBackAndTheFileAndItsFolderAreOwnerOnly() throws Exception {
        Path file = dir.resolve("new-folder/fyers-tokens.json");
        FileTokenStore store = new FileTokenStore(file);
        assertThat(store.load()).isEmpty();

        store.save(TOKENS);

        assertThat(store.load()).contains(TOKENS);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertThat(files).as("no temp file left behind").containsExactly(file);
        }
    }

    @Test
    void aSaveReplacesTheFileAtomicallyWithANewOwnerOnlyFile() throws Exception {
        Path file = dir.resolve("fyers-tokens.json");
        FileTokenStore store = new FileTokenStore(file);
        store.save(TOKENS);
        Object firstInode = Files.getAttribute(file, "unix:ino");
        FyersTokens refreshed = TOKENS.withAccessToken("access-xyz");

        store.save(refreshed);

        assertThat(Files.getAttribute(file, "unix:ino")).as("renamed over, not rewritten in place").isNotEqualTo(firstInode);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(store.load()).get().extracting(FyersTokens::accessToken, FyersTokens::refreshToken)
                .containsExactly("access-xyz", "refresh-def");
    }

    @Test
    void aFileReadableByOthersIsTightenedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("copied.json");
        Files.writeString(file, "{\"accessToken\":\"access-abc\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(new FileTokenStore(file).load()).get().extracting(FyersTokens::accessToken).isEqualTo("access-abc");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aMalformedFileIsAnErrorThatNamesTheFileButNotItsContent() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"accessToken\": secret-looking-garbage");
        assertThatThrownBy(() -> new FileTokenStore(file).load())
                .isInstanceOf(TokenStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("secret-looking-garbage");
        Files.writeString(file, "{\"accessToken\": 42}");
        assertThatThrownBy(() -> new FileTokenStore(file).load()).hasMessageContaining("'accessToken' must be a string");
    }

    @Test
    void theFileHoldsTheDocumentedShapeAndToStringNeverShowsAToken() throws Exception {
        Path file = dir.resolve("t.json");
        new FileTokenStore(file).save(TOKENS);
        String json = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(json).contains("\"accessToken\" : \"access-abc\"", "\"refreshToken\" : \"refresh-def\"",
                "\"accessTokenExpiresAt\" : \"2026-03-11T00:30:00Z\"", "\"savedAt\"");
        for (Object o : List.of(TOKENS, new FileTokenStore(file))) {
            assertThat(o.toString()).doesNotContain("access-abc", "refresh-def");
        }
    }
}
