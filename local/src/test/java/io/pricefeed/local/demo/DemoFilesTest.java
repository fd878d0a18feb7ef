package io.pricefeed.local.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.pricefeed.model.TradingCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The directories a demo run prepares. The generated producer and job configurations are not
 * covered here: writing them needs a running fyers-sim and LocalAwsStack (kinesalite and
 * DynamoDB Local), which DemoCommandITCase starts for real.
 */
class DemoFilesTest {
    @TempDir
    Path dataDir;

    private DemoSettings settings() {
        return new DemoSettings(List.of("NSE:SBIN-EQ"),
                LocalDateTime.of(2026, 3, 10, 9, 14).atZone(TradingCalendar.IST).toInstant(), 60, 5, dataDir,
                false, false, 4568, 8000, 8080, 8, 2, 42);
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /** Every file and directory under {@code dir}, relative to it, sorted. */
    private static List<String> tree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(p -> !p.equals(dir)).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aFreshDataDirGetsMarkedLakeMailAndRunDirsAndALogsDir() throws IOException {
        DemoFiles.prepare(settings());

        assertThat(tree(dataDir)).containsExactly("demo", "demo/" + DemoFiles.RUN_MARKER,
                "lake", "lake/" + DemoFiles.LAKE_MARKER, "logs", "mail", "mail/" + DemoFiles.MAIL_MARKER);
        for (String marker : List.of("lake/" + DemoFiles.LAKE_MARKER, "mail/" + DemoFiles.MAIL_MARKER,
                "demo/" + DemoFiles.RUN_MARKER)) {
            assertThat(Files.readString(dataDir.resolve(marker))).as(marker).contains("./pricefeed demo");
        }
    }

    @Test
    void aForeignLakeIsRefusedNamingTheDirAndTheFlagAndLeftUntouched() throws IOException {
        Path lake = dataDir.resolve("lake");
        Path bars = write(lake.resolve("bars/timeframe=1m/part-0.parquet"), "someone's bars");
        Path mail = write(dataDir.resolve("mail/alert.eml"), "an older mail");

        assertThatIllegalStateException().isThrownBy(() -> DemoFiles.prepare(settings()))
                .withMessageStartingWith(lake + " holds a lake the demo did not write")
                .withMessageContaining("--data-dir");

        assertThat(tree(dataDir)).containsExactly("lake", "lake/bars", "lake/bars/timeframe=1m",
                "lake/bars/timeframe=1m/part-0.parquet", "mail", "mail/alert.eml");
        assertThat(bars).hasContent("someone's bars");
        assertThat(mail).hasContent("an older mail");
    }

    @Test
    void anEmptyLakeDirWithoutTheMarkerIsTakenOver() throws IOException {
        Files.createDirectories(dataDir.resolve("lake"));

        DemoFiles.prepare(settings());

        assertThat(dataDir.resolve("lake").resolve(DemoFiles.LAKE_MARKER)).isRegularFile();
    }

    @Test
    void aPreviousDemoRunsLakeMailAndRunDirAreReplacedButItsLogsKept() throws IOException {
        write(dataDir.resolve("lake").resolve(DemoFiles.LAKE_MARKER), "written by ./pricefeed demo");
        write(dataDir.resolve("lake/bars/timeframe=1m/part-0.parquet"), "the last run's bars");
        write(dataDir.resolve("lake/anomalies/part-0.parquet"), "the last run's anomalies");
        write(dataDir.resolve("mail").resolve(DemoFiles.MAIL_MARKER), "written by ./pricefeed demo");
        write(dataDir.resolve("mail/1.eml"), "the last run's mail");
        write(dataDir.resolve("demo").resolve(DemoFiles.RUN_MARKER), "written by ./pricefeed demo");
        write(dataDir.resolve("demo/producer.json"), "{}");
        write(dataDir.resolve("demo/flink/chk-3/_metadata"), "state");
        write(dataDir.resolve("logs/pricefeed.log"), "the last run's log");
        write(dataDir.resolve("demo.lock"), "123");

        DemoFiles.prepare(settings());

        assertThat(tree(dataDir)).containsExactly("demo", "demo.lock", "demo/" + DemoFiles.RUN_MARKER,
                "lake", "lake/" + DemoFiles.LAKE_MARKER, "logs", "logs/pricefeed.log",
                "mail", "mail/" + DemoFiles.MAIL_MARKER);
        assertThat(dataDir.resolve("logs/pricefeed.log")).hasContent("the last run's log");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mail", "demo"})
    void aUsersFilesInAFolderTheDemoEmptiesSurviveAndTheErrorNamesTheFolder(String folder) throws IOException {
        // The lake is a previous demo's (marked): the refusal must come before anything is emptied.
        write(dataDir.resolve("lake").resolve(DemoFiles.LAKE_MARKER), "written by ./pricefeed demo");
        Path bars = write(dataDir.resolve("lake/bars/part-0.parquet"), "the last run's bars");
        Path usersFile = write(dataDir.resolve(folder).resolve("notes/letter.txt"), "the user's own file");
        Path dir = dataDir.resolve(folder);

        assertThatIllegalStateException().isThrownBy(() -> DemoFiles.prepare(settings()))
                .withMessageStartingWith(dir + " holds files the demo did not write")
                .withMessageContaining("Choose another --data-dir, or move the files away")
                .withMessageNotContaining("\n");

        assertThat(usersFile).hasContent("the user's own file");
        assertThat(bars).hasContent("the last run's bars");
        assertThat(tree(dataDir)).containsExactlyInAnyOrder("lake", "lake/" + DemoFiles.LAKE_MARKER, "lake/bars",
                "lake/bars/part-0.parquet", folder, folder + "/notes", folder + "/notes/letter.txt");
    }

    @Test
    void aFileWhereTheDemoKeepsAFolderIsRefusedAndKept() throws IOException {
        Path mail = write(dataDir.resolve("mail"), "a file named mail");

        assertThatIllegalStateException().isThrownBy(() -> DemoFiles.prepare(settings()))
                .withMessageStartingWith(mail + " is a file the demo did not write")
                .withMessageContaining("--data-dir");

        assertThat(mail).hasContent("a file named mail");
        assertThat(tree(dataDir)).containsExactly("mail");
    }

    @Test
    void aMarkedFolderIsEmptiedWhateverItHolds() throws IOException {
        write(dataDir.resolve("mail").resolve(DemoFiles.MAIL_MARKER), "written by ./pricefeed demo");
        write(dataDir.resolve("mail/alert-1.eml"), "the last run's mail");
        write(dataDir.resolve("mail/sub/alert-2.eml"), "another");

        DemoFiles.prepare(settings());

        assertThat(tree(dataDir.resolve("mail"))).containsExactly(DemoFiles.MAIL_MARKER);
    }

    @Test
    void emptyFoldersWithoutTheMarkerAreTakenOver() throws IOException {
        Files.createDirectories(dataDir.resolve("mail"));
        Files.createDirectories(dataDir.resolve("demo"));

        DemoFiles.prepare(settings());

        assertThat(dataDir.resolve("mail").resolve(DemoFiles.MAIL_MARKER)).isRegularFile();
        assertThat(dataDir.resolve("demo").resolve(DemoFiles.RUN_MARKER)).isRegularFile();
    }

    @Test
    void theTokenAndFlinkStateGoInTheRunDir() throws IOException {
        DemoFiles files = DemoFiles.prepare(settings());

        assertThat(files.tokenFile()).isEqualTo(dataDir.resolve("demo").resolve("fyers-token.json"));
        assertThat(files.flinkStateDir()).isEqualTo(dataDir.resolve("demo").resolve("flink"));
    }
}
