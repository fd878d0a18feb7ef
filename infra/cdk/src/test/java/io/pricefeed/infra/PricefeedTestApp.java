package io.pricefeed.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/**
 * The whole app, synthesized once per test JVM and shared by every test class: a synth starts
 * the jsii node process and walks five stacks and the cdk-nag pack, so doing it once keeps the
 * module's tests in seconds rather than minutes.
 *
 * <p>It is built like {@code cdk synth} builds it: {@link PricefeedApp#build} with the context of
 * {@code cdk.json}, plus a notification address. Build outputs of the other modules are used when
 * present (the reactor builds them first); when one is missing (this module built alone) a
 * placeholder stands in, so the template tests still run offline:
 * <ul>
 *   <li>jars: tiny generated jars under {@code target/placeholder-artifacts/};</li>
 *   <li>the producer image: {@code src/test/resources/placeholder-producer/} (a Dockerfile that is
 *       hashed, never built).</li>
 * </ul>
 * The Athena DDL needs no placeholder: it is on the class path, from the pricefeed-athena dependency.
 * The app itself never falls back ({@link BuildArtifacts#locate}).
 */
final class PricefeedTestApp {

    static final String NOTIFICATION_EMAIL = "alerts@example.com";
    /** As the CLI passes it: {@code -c producerConfig='{...}'} arrives as a string. */
    static final String PRODUCER_CONFIG = "{\"fyers\":{\"clientId\":\"XC4XXXXM-100\"},\"symbols\":[\"NSE:SBIN-EQ\"]}";
    static final Path MODULE_DIR = Path.of("").toAbsolutePath();
    static final Path REPO_ROOT = BuildArtifacts.findRepoRoot(MODULE_DIR);
    static final Path PLACEHOLDER_PRODUCER = MODULE_DIR.resolve("src/test/resources/placeholder-producer");
    private static final Path PLACEHOLDER_JARS = MODULE_DIR.resolve("target/placeholder-artifacts");

    private static PricefeedTestApp shared;

    final PricefeedApp.Stacks stacks;
    final BuildArtifacts artifacts;
    private final Map<String, Template> templates = new LinkedHashMap<>();

    private PricefeedTestApp() {
        artifacts = artifacts();
        stacks = PricefeedApp.build(newApp(Map.of(
                AppContext.NOTIFICATION_EMAIL, NOTIFICATION_EMAIL,
                AppContext.PRODUCER_CONFIG, PRODUCER_CONFIG)), artifacts);
    }

    static synchronized PricefeedTestApp shared() {
        if (shared == null) {
            shared = new PricefeedTestApp();
        }
        return shared;
    }

    synchronized Template template(Stack stack) {
        return templates.computeIfAbsent(stack.getStackName(), name -> Template.fromStack(stack));
    }

    /** Every resource of the stack's template by logical id (findResources needs a type). */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> resources(Stack stack) {
        return (Map<String, Map<String, Object>>) template(stack).toJSON().get("Resources");
    }

    List<Stack> allStacks() {
        return List.of(stacks.data(), stacks.processing(), stacks.producer(), stacks.alerts(), stacks.monitoring());
    }

    /** The data stack alone, in an app of its own (for context variations). */
    static DataStack dataStack(App app) {
        return new DataStack(app, PricefeedApp.DATA_STACK_ID, null, AthenaTableDdl.loadAll());
    }

    /** An app with cdk.json's context, {@code extra} on top, and assets hashed but not copied. */
    static App newApp(Map<String, Object> extra) {
        Map<String, Object> context = new LinkedHashMap<>(cdkJsonContext());
        // Hashing the jars is enough for a template; copying 80 MB into every test's cloud
        // assembly is not.
        context.put("aws:cdk:disable-asset-staging", true);
        context.putAll(extra);
        try {
            Path target = Files.createDirectories(MODULE_DIR.resolve("target"));
            return new App(AppProps.builder()
                    .context(context)
                    .outdir(Files.createTempDirectory(target, "cdk.out-").toString())
                    .build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code context} object of this module's cdk.json, the one `cdk synth` uses. */
    static Map<String, Object> cdkJsonContext() {
        try {
            Map<String, Object> cdkJson = new ObjectMapper().readValue(MODULE_DIR.resolve("cdk.json").toFile(),
                    new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) cdkJson.getOrDefault("context", Map.of());
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Real build outputs where they exist, placeholders where not (reported on stderr). */
    static BuildArtifacts artifacts() {
        List<String> unused = new ArrayList<>();
        Path flinkJar = BuildArtifacts.shadedJar(REPO_ROOT.resolve("flink-app/target"),
                BuildArtifacts.FLINK_JOB_JAR_GLOB, unused);
        if (!Files.isRegularFile(flinkJar)) {
            flinkJar = placeholderJar("pricefeed-flink-app-placeholder-all.jar", "io.pricefeed.flink.PlaceholderJob");
        }
        Path lambdaJar = BuildArtifacts.shadedJar(REPO_ROOT.resolve("alerts-lambda/target"),
                BuildArtifacts.ALERTS_LAMBDA_JAR_GLOB, new ArrayList<>());
        if (!Files.isRegularFile(lambdaJar)) {
            lambdaJar = placeholderJar("pricefeed-alerts-lambda-placeholder-all.jar", null);
        }
        Path producerDir = BuildArtifacts.producerImageDir(REPO_ROOT);
        if (!Files.isRegularFile(producerDir.resolve("Dockerfile"))) {
            producerDir = PLACEHOLDER_PRODUCER;
        }
        BuildArtifacts artifacts = new BuildArtifacts(flinkJar, lambdaJar, producerDir, AthenaTableDdl.loadAll());
        System.err.println("[PricefeedTestApp] synthesizing with " + artifacts);
        return artifacts;
    }

    static Path placeholderJar(String name, String mainClass) {
        Path jar = PLACEHOLDER_JARS.resolve(name);
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (mainClass != null) {
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
        }
        try {
            Files.createDirectories(PLACEHOLDER_JARS);
            // A manifest and nothing else: enough to hash, useless to deploy.
            try (OutputStream out = Files.newOutputStream(jar)) {
                new JarOutputStream(out, manifest).finish();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
