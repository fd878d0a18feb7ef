package io.pricefeed.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pricefeed.athena.AthenaCatalog;

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
                .hasMessageContaining("mvn -B -DskipTests package")
                // The DDL is not looked for in the checkout: it is on the class path.
                .hasMessageNotContaining("athena/ddl");
    }

    @Test
    void findsTheBuiltCheckout() throws IOException {
        Path flinkJar = touch("flink-app/target/pricefeed-flink-app-1.0-all.jar");
        Path lambdaJar = touch("alerts-lambda/target/pricefeed-alerts-lambda-1.0-all.jar");
        touch("alerts-lambda/target/pricefeed-alerts-lambda-1.0.jar"); // the thin jar is not the Lambda
        touch("producer/Dockerfile");
        // No athena folder in this checkout: the DDL comes from the pricefeed-athena jar.

        BuildArtifacts artifacts = BuildArtifacts.locate(repo);

        assertThat(artifacts.flinkJobJar()).isEqualTo(flinkJar.toAbsolutePath());
        assertThat(artifacts.alertsLambdaJar()).isEqualTo(lambdaJar.toAbsolutePath());
        assertThat(artifacts.producerImageDir()).isEqualTo(repo.resolve("producer").toAbsolutePath());
        assertThat(artifacts.athenaTables()).extracting(AthenaTableDdl::name)
                .containsExactlyInAnyOrderElementsOf(AthenaCatalog.TABLES);
        assertThat(artifacts.toString()).contains("athenaTables=[anomalies, bars, rejects, ticks]");
    }

    @Test
    void theDdlComesFromTheAthenaBuildNotItsSourceTree() throws IOException {
        // Every table's DDL is a resource of the athena module's build output (its jar, or its
        // target/classes in a reactor build), where AthenaCatalog itself comes from.
        String athenaModule = AthenaCatalog.class.getProtectionDomain().getCodeSource().getLocation().toString();
        for (String table : AthenaCatalog.TABLES) {
            URL resource = BuildArtifacts.class.getClassLoader().getResource(AthenaCatalog.tableDdlResource(table));
            assertThat(resource).as(table).isNotNull();
            assertThat(resource.toString()).as(table).contains(athenaModule).doesNotContain("/src/main/resources/");
        }
    }

    @Test
    void namesEveryMissingDdlResourceAndDeploysNoHalfCatalog() throws IOException {
        touch("flink-app/target/pricefeed-flink-app-1.0-all.jar");
        touch("alerts-lambda/target/pricefeed-alerts-lambda-1.0-all.jar");
        touch("producer/Dockerfile");
        String ticks = AthenaCatalog.tableDdlResource("ticks");

        assertThatThrownBy(() -> BuildArtifacts.locate(repo, hiding(ticks)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ticks + " on the class path (the Athena DDL, from the pricefeed-athena dependency)")
                .hasMessageNotContaining(AthenaCatalog.tableDdlResource("bars"))
                .hasMessageContaining(BuildArtifacts.BUILD_HINT);

        List<String> missing = new ArrayList<>();
        assertThat(AthenaTableDdl.loadAll(hiding(ticks), missing)).isEmpty();
        assertThat(missing).singleElement().asString().startsWith(ticks);

        // Without the athena jar at all, every table is named.
        missing.clear();
        assertThat(AthenaTableDdl.loadAll(new ClassLoader(null) { }, missing)).isEmpty();
        assertThat(missing).hasSize(AthenaCatalog.TABLES.size());
        AthenaCatalog.TABLES.forEach(t -> assertThat(missing).anyMatch(m -> m.startsWith(AthenaCatalog.tableDdlResource(t))));
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
        assertThat(used.athenaTables()).hasSameSizeAs(AthenaCatalog.TABLES);
    }

    /** This module's class loader, except that {@code resource} is not there. */
    private static ClassLoader hiding(String resource) {
        return new ClassLoader(BuildArtifacts.class.getClassLoader()) {
            @Override
            public URL getResource(String name) {
                return name.equals(resource) ? null : super.getResource(name);
            }
        };
    }

    private Path touch(String relative) throws IOException {
        Path file = repo.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "x");
    }
}
