package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app deploys only real build outputs, and says how to build them when one is missing. */
class BuildArtifactsTest {

    @TempDir
    Path repo;

    @Test
    void namesEveryMissingArtifactAndTheBuildCommand() {
        assertThatThrownBy(() -> BuildArtifacts.locate(repo))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pricefeed-flink-app-*-all.jar")
                .hasMessageContaining("pricefeed-alerts-lambda-*-all.jar")
                .hasMessageContaining("producer" + repo.getFileSystem().getSeparator() + "Dockerfile")
                .hasMessageContaining("athena")
                .hasMessageContaining("mvn -B -DskipTests package");
    }

    @Test
    void findsTheBuiltCheckout() throws IOException {
        Path flinkJar = touch("flink-app/target/pricefeed-flink-app-1.0-all.jar");
        Path lambdaJar = touch("alerts-lambda/target/pricefeed-alerts-lambda-1.0-all.jar");
        touch("alerts-lambda/target/pricefeed-alerts-lambda-1.0.jar"); // the thin jar is not the Lambda
        touch("producer/Dockerfile");
        Files.createDirectories(repo.resolve("athena/src/main/resources/athena/ddl"));

        BuildArtifacts artifacts = BuildArtifacts.locate(repo);

        assertThat(artifacts.flinkJobJar()).isEqualTo(flinkJar.toAbsolutePath());
        assertThat(artifacts.alertsLambdaJar()).isEqualTo(lambdaJar.toAbsolutePath());
        assertThat(artifacts.producerImageDir()).isEqualTo(repo.resolve("producer").toAbsolutePath());
    }

    @Test
    void refusesToGuessBetweenTwoBuiltVersions() throws IOException {
        touch("flink-app/target/pricefeed-flink-app-1.0-all.jar");
        touch("flink-app/target/pricefeed-flink-app-1.1-all.jar");
        assertThatThrownBy(() -> BuildArtifacts.locate(repo)).hasMessageContaining("exactly one pricefeed-flink-app-*-all.jar");
    }

    @Test
    void findsTheRepositoryRootFromTheModule() {
        assertThat(BuildArtifacts.findRepoRoot(PricefeedTestApp.MODULE_DIR)).isEqualTo(PricefeedTestApp.REPO_ROOT);
        assertThat(PricefeedTestApp.REPO_ROOT.resolve("infra/cdk/cdk.json")).exists();
        assertThatThrownBy(() -> BuildArtifacts.findRepoRoot(repo)).hasMessageContaining("No Pricefeed repository");
    }

    @Test
    void testPlaceholdersStandInForMissingBuildOutputs() throws IOException {
        // What the template tests synthesize with when this module is built alone.
        Path jar = PricefeedTestApp.placeholderJar("placeholder-check-all.jar", "io.pricefeed.flink.PlaceholderJob");
        try (JarFile file = new JarFile(jar.toFile())) {
            assertThat(file.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("io.pricefeed.flink.PlaceholderJob");
        }
        assertThat(PricefeedTestApp.PLACEHOLDER_PRODUCER.resolve("Dockerfile")).exists();
        BuildArtifacts used = PricefeedTestApp.artifacts();
        assertThat(List.of(used.flinkJobJar(), used.alertsLambdaJar())).allMatch(Files::isRegularFile);
        assertThat(used.producerImageDir().resolve("Dockerfile")).exists();
    }

    private Path touch(String relative) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }
}
