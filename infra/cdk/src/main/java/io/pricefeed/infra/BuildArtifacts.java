package io.pricefeed.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the stacks deploy from the other modules' builds: the Flink job jar, the alerts Lambda
 * jar, the producer's Docker build context and the Athena tables the Glue catalog is made from.
 *
 * <p>The jars and the Docker context are files of the checkout. The Athena DDL is not: it comes
 * through the build, as resources of the {@code pricefeed-athena} jar this module depends on
 * ({@link AthenaTableDdl#loadAll()}), so Maven's dependency graph shows the link.
 *
 * <p>The app ({@link #locate}) insists on the real artifacts and fails with the build command
 * when one is missing, so a placeholder can never be deployed by accident. Template tests, which
 * must run offline even when only this module is built, construct this record themselves with
 * placeholders where a build output is absent (the DDL is always there: it is a dependency).
 */
public record BuildArtifacts(Path flinkJobJar, Path alertsLambdaJar, Path producerImageDir,
        List<AthenaTableDdl> athenaTables) {

    static final String FLINK_JOB_JAR_GLOB = "pricefeed-flink-app-*-all.jar";
    static final String ALERTS_LAMBDA_JAR_GLOB = "pricefeed-alerts-lambda-*-all.jar";
    static final String BUILD_HINT = "The jars come from `mvn -B -DskipTests package` at the repository root; "
            + "the Dockerfile is part of the checkout; the Athena DDL comes with the pricefeed-athena dependency.";

    public BuildArtifacts {
        flinkJobJar = flinkJobJar.toAbsolutePath().normalize();
        alertsLambdaJar = alertsLambdaJar.toAbsolutePath().normalize();
        producerImageDir = producerImageDir.toAbsolutePath().normalize();
        athenaTables = List.copyOf(athenaTables);
    }

    /** The real artifacts of a built checkout; fails naming what is missing and how to build it. */
    public static BuildArtifacts locate(Path repoRoot) {
        return locate(repoRoot, BuildArtifacts.class.getClassLoader());
    }

    /** {@link #locate(Path)}, with the Athena DDL read through {@code ddlLoader}. */
    static BuildArtifacts locate(Path repoRoot, ClassLoader ddlLoader) {
        List<String> missing = new ArrayList<>();
        Path flinkJar = shadedJar(repoRoot.resolve("flink-app/target"), FLINK_JOB_JAR_GLOB, missing);
        Path lambdaJar = shadedJar(repoRoot.resolve("alerts-lambda/target"), ALERTS_LAMBDA_JAR_GLOB, missing);
        Path producerDir = producerImageDir(repoRoot);
        if (!Files.isRegularFile(producerDir.resolve("Dockerfile"))) {
            missing.add(producerDir.resolve("Dockerfile") + " (the producer image)");
        }
        List<AthenaTableDdl> athenaTables = AthenaTableDdl.loadAll(ddlLoader, missing);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot synthesize the Pricefeed app, missing: " + String.join("; ", missing)
                    + ". " + BUILD_HINT);
        }
        return new BuildArtifacts(flinkJar, lambdaJar, producerDir, athenaTables);
    }

    /** The paths, and the tables by name (their parsed DDL would fill a screen). */
    @Override
    public String toString() {
        return "BuildArtifacts[flinkJobJar=" + flinkJobJar + ", alertsLambdaJar=" + alertsLambdaJar
                + ", producerImageDir=" + producerImageDir + ", athenaTables="
                + athenaTables.stream().map(AthenaTableDdl::name).toList() + "]";
    }

    /**
     * The repository root, found from {@code start} upwards (the CDK CLI runs the app in
     * {@code infra/cdk}, tests run in the module directory too).
     */
    public static Path findRepoRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("infra/cdk")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No Pricefeed repository (a folder with pom.xml and infra/cdk) above " + start);
    }

    public static Path producerImageDir(Path repoRoot) {
        return repoRoot.resolve("producer");
    }

    /** The one shaded jar in {@code targetDir}; none or several (stale versions) is an error. */
    static Path shadedJar(Path targetDir, String glob, List<String> missing) {
        List<Path> found = new ArrayList<>();
        if (Files.isDirectory(targetDir)) {
            try (DirectoryStream<Path> jars = Files.newDirectoryStream(targetDir, glob)) {
                jars.forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        missing.add(found.isEmpty()
                ? targetDir.resolve(glob).toString()
                : "exactly one " + glob + " in " + targetDir + " (found " + found.size() + "; run mvn clean)");
        return targetDir.resolve(glob);
    }
}
