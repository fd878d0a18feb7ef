package io.pricefeed.local;

import io.pricefeed.flink.local.ReplayJob;
import io.pricefeed.flink.config.ConfigException;
import io.pricefeed.flink.config.JobConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./pricefeed replay}: archived ticks through {@code flink-app}'s {@link ReplayJob} (the job's
 * own topology, batch mode, on an in-process MiniCluster) into a local lake.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay archived ticks through the Flink job in batch mode into a lake.",
                "It writes what a live run would have: bars of every timeframe, anomalies, rejects, and the ticks"
                + " when they come from NDJSON (ticks read from a lake's ticks/ are already in a lake).",
                "--bars-only leaves the anomaly rules out, which makes a replay about 40% faster.",
                "The ticks: wire-format NDJSON (a file, or a folder of .json or .ndjson files, gzipped or"
                + " not), or a lake's ticks/ folder (Parquet).",
                "It runs on a Flink MiniCluster in this process. Batch mode reports nothing while it runs:"
                + " after 'replaying ...' expect no output until the summary.",
                "A replay adds files to the lake; it never replaces what is there.",
                "Examples:",
                "  ./pricefeed replay --ticks ticks-2026-03-10.ndjson --lake data/replay",
                "  ./pricefeed replay --ticks data/lake/ticks --lake data/replay",
                "  ./pricefeed replay --ticks day.ndjson --lake data/replay --config job.json"})
final class ReplayCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--ticks", required = true, paramLabel = "PATH",
            description = "NDJSON file or folder, or a lake's ticks/ folder")
    private Path ticks;

    @Option(names = "--lake", paramLabel = "DIR",
            description = "the lake folder to write; default: lake.path of --config, else data/lake")
    private Path lake;

    @Option(names = "--config", paramLabel = "FILE",
            description = "job settings as JSON property groups, e.g. {\"bars\": {\"fillGaps\": true}} (default: built-in)")
    private Path config;

    @Option(names = "--parallelism", paramLabel = "N",
            description = "task slots of the MiniCluster (default: available processors, here ${DEFAULT-VALUE})")
    private int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--bars-only",
            description = "rebuild bars and rejects only, no anomalies (one pass less over every tick)")
    private boolean barsOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(ticks)) {
            throw new IllegalArgumentException("no ticks at " + ticks
                    + " (expected an NDJSON file or folder, or a lake's ticks/ folder)");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("--parallelism must be at least 1, got " + parallelism);
        }
        JobConfig jobConfig = loadConfig();
        Path lakeDir = (lake != null ? lake : lakeFromConfig(jobConfig)).toAbsolutePath().normalize();
        Path source = ticks.toAbsolutePath().normalize();
        // Replaying data/lake/ticks into data/lake (the defaults) would read files while adding
        // copies of them beside: every tick and bar twice.
        if (source.startsWith(lakeDir)) {
            throw new IllegalArgumentException("the ticks " + source + " are inside the lake being written (" + lakeDir
                    + "); write the replay to another lake, e.g. --lake data/replay");
        }
        if (hasFiles(lakeDir.resolve("bars"))) {
            err.println("pricefeed: note: " + lakeDir + " already holds bars; the replay adds files beside them,"
                    + " so a day present in both is counted twice (use an empty --lake to avoid that)");
            err.flush();
        }

        out.printf("replaying %s into %s (batch mode, parallelism %d%s; no progress is shown until it ends) ...%n",
                source, lakeDir, parallelism, barsOnly ? ", bars only" : "");
        out.flush();
        ReplayJob.Summary summary = ReplayJob.run(source, lakeDir.toString(), jobConfig, parallelism, !barsOnly);

        double seconds = summary.millis / 1000.0;
        out.printf(Locale.ROOT, "replayed %,d ticks (%,d rejected records) in %.1f s, %,.0f ticks/s%n",
                summary.ticks, summary.rejects, seconds, summary.ticks / Math.max(seconds, 0.001));
        out.printf("lake: %s%n", lakeDir);
        String lakeArg = shellQuoted(lakeDir.toString());
        out.printf("query it: ./pricefeed query --lake %s \"SELECT timeframe, count(*) AS bars, count(DISTINCT symbol)"
                + " AS symbols FROM bars GROUP BY 1 ORDER BY min(bar_end - bar_start)\"%n", lakeArg);
        if (summary.rejects > 0) {
            out.printf("rejects: ./pricefeed query --lake %s \"SELECT reason, count(*) FROM rejects GROUP BY 1\"%n", lakeArg);
        }
        out.flush();
        return 0;
    }

    /** A config problem names the file, then ConfigException's own words (which name the key). */
    private JobConfig loadConfig() {
        if (config == null) {
            return JobConfig.defaults();
        }
        if (!Files.isRegularFile(config)) {
            throw new IllegalArgumentException("config file " + config + " does not exist");
        }
        try {
            return JobConfig.fromJsonFile(config);
        } catch (ConfigException e) {
            // Jackson's parse errors put the position on a second line; the CLI prints one.
            String message = e.getMessage().replaceAll("\\s*\\R\\s*", " ");
            throw new IllegalArgumentException(message.contains(config.toString()) ? message
                    : "config file " + config + ": " + message, e);
        }
    }

    /** lake.path may be a folder or a file: URI; replay writes only local lakes. */
    private static Path lakeFromConfig(JobConfig jobConfig) {
        String path = jobConfig.get(JobConfig.LAKE_PATH).trim();
        if (path.startsWith("file:")) {
            return Path.of(URI.create(path));
        }
        if (path.matches("^[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            throw new IllegalArgumentException("the config's lake.path " + path
                    + " is not a local folder; replay writes a local lake: give --lake DIR");
        }
        return Path.of(path);
    }

    private static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(Files::isRegularFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static String shellQuoted(String path) {
        return path.matches("[A-Za-z0-9_./:@%+=,-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
    }
}
