package io.pricefeed.bench.latency;

import io.pricefeed.bench.Flags;
import io.pricefeed.bench.PositiveCount;
import io.pricefeed.flink.config.JobConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * LatencyBench's flags: the load (symbols, rate, shards, planted surges), the measured minutes, how the
 * observers poll, and the job settings the figures depend on (their defaults are the job's own).
 */
final class LatencyOptions {
    @Option(names = "--symbols", paramLabel = "N", description = "symbols sent, 1..999 (default ${DEFAULT-VALUE})")
    int symbols = 20;

    @Option(names = "--minutes", paramLabel = "N", converter = PositiveCount.class,
            description = "measured minutes (default ${DEFAULT-VALUE})")
    int minutes = 4;

    @Option(names = "--rate", paramLabel = "TICKS_PER_S",
            description = "ticks/s in all (default: one per symbol per second)")
    Double rate;

    @Option(names = "--shards", paramLabel = "N", converter = PositiveCount.class,
            description = "shards of the ticks stream (default ${DEFAULT-VALUE})")
    int shards = 4;

    @Option(names = "--parallelism", paramLabel = "N", converter = PositiveCount.class,
            description = "job parallelism (default ${DEFAULT-VALUE})")
    int parallelism = 2;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "at least this long before the first measured minute, at least 10 (default ${DEFAULT-VALUE})")
    int warmupSeconds = 30;

    @Option(names = "--poll-ms", paramLabel = "MS", description = "DynamoDB poll interval (default ${DEFAULT-VALUE})")
    long pollMs = 50;

    @Option(names = "--sample", paramLabel = "N",
            description = "symbols polled for live and final bars; 0 = all (default ${DEFAULT-VALUE})")
    int sample = 0;

    @Option(names = "--surges", paramLabel = "N",
            description = "planted volume surges a minute, at most symbols / 2 (default ${DEFAULT-VALUE})")
    int surges = 4;

    @Option(names = "--get-records-ms", paramLabel = "MS",
            description = "job: kinesis.getRecordsIntervalMs (default ${DEFAULT-VALUE})")
    long getRecordsMs = 200;

    @Option(names = "--out-of-orderness-ms", paramLabel = "MS",
            description = "job: bars.outOfOrdernessMs (default ${DEFAULT-VALUE}, the job's)")
    long outOfOrdernessMs = Long.parseLong(JobConfig.OUT_OF_ORDERNESS_MS.defaultValue());

    @Option(names = "--allowed-lateness-ms", paramLabel = "MS",
            description = "job: bars.allowedLatenessMs (default ${DEFAULT-VALUE}, the job's)")
    long allowedLatenessMs = Long.parseLong(JobConfig.ALLOWED_LATENESS_MS.defaultValue());

    @Option(names = "--live-update-ms", paramLabel = "MS",
            description = "job: bars.liveUpdateIntervalMs (default ${DEFAULT-VALUE}, the job's)")
    long liveUpdateMs = Long.parseLong(JobConfig.LIVE_UPDATE_INTERVAL_MS.defaultValue());

    @Option(names = "--checkpoint-ms", paramLabel = "MS",
            description = "job: job.checkpointIntervalMs (default ${DEFAULT-VALUE}, the job's)")
    long checkpointMs = Long.parseLong(JobConfig.CHECKPOINT_INTERVAL_MS.defaultValue());

    @Option(names = "--seed", description = "seed of the prices and volumes (default ${DEFAULT-VALUE})")
    long seed = 42;

    /** The checks beyond the flags' types; each failure names its flag. */
    void validate(CommandSpec spec) {
        Flags.require(spec, symbols >= 1 && symbols <= 999, "--symbols must be 1..999, got " + symbols);
        Flags.require(spec, rate == null || rate > 0, "--rate must be above 0, got " + rate);
        Flags.require(spec, warmupSeconds >= 10, "--warmup-seconds must be at least 10, got " + warmupSeconds);
        Flags.require(spec, pollMs >= 1, "--poll-ms must be at least 1, got " + pollMs);
        Flags.require(spec, sample >= 0, "--sample must be at least 0 (0 = all), got " + sample);
        Flags.require(spec, surges >= 0 && surges * 2 <= symbols,
                "--surges must be 0.." + symbols / 2 + " (at most --symbols / 2), got " + surges);
    }

    /** The job's settings: the local stack's endpoints, the lake, and these flags' settings (the rest default). */
    JobConfig jobConfig(URI kinesis, URI dynamo, Path lake) {
        return JobConfig.fromPropertyGroups(Map.of(
                "kinesis", props("endpoint", kinesis.toString(), "initialPosition", "TRIM_HORIZON",
                        "getRecordsIntervalMs", Long.toString(getRecordsMs), "shardDiscoveryIntervalMs", "1000"),
                "dynamodb", props("endpoint", dynamo.toString()),
                "lake", props("path", lake.toAbsolutePath().toString()),
                "bars", props("outOfOrdernessMs", Long.toString(outOfOrdernessMs),
                        "allowedLatenessMs", Long.toString(allowedLatenessMs), "liveUpdateIntervalMs", Long.toString(liveUpdateMs)),
                "anomaly", props("surgeWindow", "1"),
                "job", props("checkpointIntervalMs", Long.toString(checkpointMs))));
    }

    private static Properties props(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }

    /** Ticks/s in all. */
    double rate() {
        return rate == null ? symbols : rate;
    }

    /** Symbols whose bars are polled: the first {@code --sample}, or all. */
    int sample() {
        return sample == 0 || sample > symbols ? symbols : sample;
    }
}
