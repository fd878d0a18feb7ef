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
 * jar, the producer's Docker build context and the Athena DDL the Glue tables are made from.
 *
 * <p>The app ({@link #locate}) insists on the real artifacts and fails with the build command
 * when one is missing, so a placeholder can never be deployed by accident. Template tests, which
 * must run offline even when only this module is built, construct this record themselves with
 * placeholders where a build output is absent.
 */
public record BuildArtifacts(Path flinkJobJar, Path alertsLambdaJar, Path producerImageDir, Path athenaDdlDir) {

    static final String FLINK_JOB_JAR_GLOB = "pricefeed-flink-app-*-all.jar";
    static final String ALERTS_LAMBDA_JAR_GLOB = "pricefeed-alerts-lambda-*-all.jar";
    static final String BUILD_HINT = "The jars come from `mvn -B -DskipTests package` at the repository root; "
            + "the Dockerfile and the DDL are part of the checkout.";

    public BuildArtifacts {
        flinkJobJar = flinkJobJar.toAbsolutePath().normalize();
        alertsLambdaJar = alertsLambdaJar.toAbsolutePath().normalize();
        producerImageDir = producerImageDir.toAbsolutePath().normalize();
        athenaDdlDir = athenaDdlDir.toAbsolutePath().normalize();
    }

    /** The real artifacts of a built checkout; fails naming what is missing and how to build it. */
    public static BuildArtifacts locate(Path repoRoot) {
        List<String> missing = new ArrayList<>();
        Path flinkJar = shadedJar(repoRoot.resolve("flink-app/target"), FLINK_JOB_JAR_GLOB, missing);
        Path lambdaJar = shadedJar(repoRoot.resolve("alerts-lambda/target"), ALERTS_LAMBDA_JAR_GLOB, missing);
        Path producerDir = producerImageDir(repoRoot);
        if (!Files.isRegularFile(producerDir.resolve("Dockerfile"))) {
            missing.add(producerDir.resolve("Dockerfile") + " (the producer image)");
        }
        Path ddlDir = athenaDdlDir(repoRoot);
        if (!Files.isDirectory(ddlDir)) {
            missing.add(ddlDir + " (the Athena DDL)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot synthesize the Pricefeed app, missing: " + String.join("; ", missing)
                    + ". " + BUILD_HINT);
        }
        return new BuildArtifacts(flinkJar, lambdaJar, producerDir, ddlDir);
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

    public static Path athenaDdlDir(Path repoRoot) {
        return repoRoot.resolve("athena/src/main/resources/athena/ddl");
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
