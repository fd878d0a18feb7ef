package io.pricefeed.flink.config;

import io.pricefeed.model.ResourceNames;
import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's configuration (DESIGN.md §7): property groups read from the Managed Flink runtime
 * properties on AWS, or from a JSON file locally ({@code {"bars": {"fillGaps": "true"}}}), with
 * the same group and key names. Every key and its default is declared here, once. An unknown
 * group or key, or a malformed value, fails startup with a message that names it.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(JobConfig.class);
    private static final Map<String, ConfigKey<?>> KEYS = new LinkedHashMap<>();
    /**
     * Keys that once had a role and have none now, with why: still accepted (with a WARN), so a
     * configuration written for an earlier version keeps starting.
     */
    private static final Map<String, String> RETIRED = Map.of("bars.watermarkStartupGraceMs",
            "the watermark now waits for every shard its source subtask reads, bounded by bars.idlenessMs");

    // ---- kinesis ----------------------------------------------------------------------------
    public static final ConfigKey<String> KINESIS_REGION = string("kinesis", "region", "us-east-1");
    /** Empty on AWS; the kinesalite URL locally. */
    public static final ConfigKey<String> KINESIS_ENDPOINT = string("kinesis", "endpoint", "");
    public static final ConfigKey<String> TICKS_STREAM = string("kinesis", "ticksStream", ResourceNames.TICKS_STREAM);
    public static final ConfigKey<String> ANOMALIES_STREAM = string("kinesis", "anomaliesStream", ResourceNames.ANOMALIES_STREAM);
    public static final ConfigKey<String> INITIAL_POSITION = oneOf("kinesis", "initialPosition", "LATEST",
            "LATEST", "TRIM_HORIZON");
    /** How often each shard is read: Kinesis allows 5 reads per second per shard, shared by all consumers. */
    public static final ConfigKey<Long> GET_RECORDS_INTERVAL_MS = nonNegativeMillis("kinesis", "getRecordsIntervalMs", "200");
    /** How soon a new shard (after resharding) is picked up; 1 s locally (DESIGN.md §2). */
    public static final ConfigKey<Long> SHARD_DISCOVERY_INTERVAL_MS = nonNegativeMillis("kinesis", "shardDiscoveryIntervalMs", "10000");

    // ---- bars (DESIGN.md §4) -----------------------------------------------------------------
    public static final ConfigKey<Long> OUT_OF_ORDERNESS_MS = nonNegativeMillis("bars", "outOfOrdernessMs", "2000");
    public static final ConfigKey<Long> ALLOWED_LATENESS_MS = nonNegativeMillis("bars", "allowedLatenessMs", "5000");
    /**
     * How long a shard may be silent before the watermark goes on without it; at startup, how long
     * a shard the subtask reads may take to deliver its first record. 0: never.
     */
    public static final ConfigKey<Long> IDLENESS_MS = nonNegativeMillis("bars", "idlenessMs", "30000");
    public static final ConfigKey<Boolean> FILL_GAPS = bool("bars", "fillGaps", "false");
    public static final ConfigKey<Long> LIVE_UPDATE_INTERVAL_MS = nonNegativeMillis("bars", "liveUpdateIntervalMs", "1000");

    // ---- sinks -------------------------------------------------------------------------------
    /** {@code s3://bucket/prefix} on AWS, a folder or {@code file://} URI locally. */
    public static final ConfigKey<String> LAKE_PATH = string("lake", "path", "data/lake");
    /** Merge each partition's per-checkpoint files, so a day does not end as hundreds of small files. */
    public static final ConfigKey<Boolean> LAKE_COMPACTION = bool("lake", "compaction", "true");
    public static final ConfigKey<Integer> LAKE_CHECKPOINTS_PER_COMPACTION = positiveInt("lake", "checkpointsPerCompaction", "5");
    public static final ConfigKey<Long> LAKE_COMPACTION_TARGET_BYTES = nonNegative("lake", "compactionTargetBytes",
            Long.toString(128L * 1024 * 1024), "bytes");
    /** Files commit on checkpoints: this is also how often new lake rows become visible. */
    public static final ConfigKey<Long> CHECKPOINT_INTERVAL_MS = nonNegativeMillis("job", "checkpointIntervalMs", "60000");
    public static final ConfigKey<String> DYNAMODB_ENDPOINT = string("dynamodb", "endpoint", "");
    public static final ConfigKey<String> BARS_TABLE = string("dynamodb", "barsTable", ResourceNames.BARS_TABLE);

    // ---- anomalies (DESIGN.md §6) ------------------------------------------------------------
    public static final ConfigKey<List<Double>> PRICE_MOVE_BANDS_PCT = positiveList("anomaly", "priceMoveBandsPct", "5,7.5,10");
    public static final ConfigKey<Double> ZSCORE_K = positive("anomaly", "zscoreK", "4");
    public static final ConfigKey<Integer> ZSCORE_WINDOW = positiveInt("anomaly", "zscoreWindow", "30");
    public static final ConfigKey<Double> SURGE_RATIO = positive("anomaly", "surgeRatio", "5");
    public static final ConfigKey<Integer> SURGE_WINDOW = positiveInt("anomaly", "surgeWindow", "20");
    public static final ConfigKey<Double> SURGE_MIN_VOLUME = positive("anomaly", "surgeMinVolume", "1000");
    public static final ConfigKey<Double> GAP_OPEN_PCT = positive("anomaly", "gapOpenPct", "3");

    private final Map<String, Object> values;

    private JobConfig(Map<String, Object> values) {
        this.values = values;
    }

    /** Managed Flink when {@code --config} is absent, else the given local JSON file. */
    public static JobConfig load(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i])) {
                if (i + 1 >= args.length) {
                    throw new ConfigException("--config needs a file path");
                }
                return fromJsonFile(Paths.get(args[i + 1]));
            }
        }
        try {
            return fromPropertyGroups(KinesisAnalyticsRuntime.getApplicationProperties());
        } catch (IOException e) {
            throw new ConfigException("could not read the Managed Flink runtime properties: " + e.getMessage(), e);
        }
    }

    public static JobConfig defaults() {
        return fromPropertyGroups(Collections.emptyMap());
    }

    /** Validates every group and key; unknown or malformed ones fail with their name. */
    public static JobConfig fromPropertyGroups(Map<String, Properties> groups) {
        TreeSet<String> knownGroups = KEYS.values().stream().map(ConfigKey::group).collect(Collectors.toCollection(TreeSet::new));
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, Properties> group : groups.entrySet()) {
            if (!knownGroups.contains(group.getKey())) {
                throw new ConfigException("unknown configuration group '" + group.getKey() + "' (known: "
                        + String.join(", ", knownGroups) + ")");
            }
            for (String name : group.getValue().stringPropertyNames()) {
                String qualified = group.getKey() + "." + name;
                if (RETIRED.containsKey(qualified)) {
                    LOG.warn("Configuration key '{}' has no effect any more: {}", qualified, RETIRED.get(qualified));
                    continue;
                }
                if (!KEYS.containsKey(qualified)) {
                    throw new ConfigException("unknown configuration key '" + qualified + "' (known in '"
                            + group.getKey() + "': " + keysOf(group.getKey()) + ")");
                }
                given.put(qualified, group.getValue().getProperty(name));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : KEYS.values()) {
            String raw = given.getOrDefault(key.qualifiedName(), key.defaultValue());
            values.put(key.qualifiedName(), key.parse(raw));
        }
        return new JobConfig(values);
    }

    /** The local form: a JSON object of groups, each an object of string, number or boolean values. */
    public static JobConfig fromJsonFile(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new ConfigException("could not read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a JSON object of property groups");
        }
        Map<String, Properties> groups = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            if (!group.getValue().isObject()) {
                throw new ConfigException("config group '" + group.getKey() + "' in " + file + " must be a JSON object");
            }
            Properties props = new Properties();
            for (Iterator<Map.Entry<String, JsonNode>> keys = group.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (!key.getValue().isValueNode() || key.getValue().isNull()) {
                    throw new ConfigException("configuration key '" + group.getKey() + "." + key.getKey()
                            + "' in " + file + " must be a string, number or boolean");
                }
                props.setProperty(key.getKey(), key.getValue().asText());
            }
            groups.put(group.getKey(), props);
        }
        return fromPropertyGroups(groups);
    }

    public <T> T get(ConfigKey<T> key) {
        @SuppressWarnings("unchecked")
        T value = (T) values.get(key.qualifiedName());
        return value;
    }

    /** Every declared key, for documentation and the startup log. */
    public static List<ConfigKey<?>> keys() {
        return new ArrayList<>(KEYS.values());
    }

    @Override
    public String toString() {
        return values.toString();
    }

    private static String keysOf(String group) {
        return KEYS.values().stream().filter(k -> k.group().equals(group)).map(ConfigKey::name)
                .collect(Collectors.joining(", "));
    }

    // ---- key kinds ---------------------------------------------------------------------------

    private static <T> ConfigKey<T> declare(ConfigKey<T> key) {
        KEYS.put(key.qualifiedName(), key);
        key.parse(key.defaultValue()); // a bad default is a programming error: fail at class load
        return key;
    }

    private static ConfigKey<String> string(String group, String name, String dflt) {
        return declare(new ConfigKey<>(group, name, dflt, "a string", v -> v));
    }

    private static ConfigKey<String> oneOf(String group, String name, String dflt, String... allowed) {
        List<String> options = List.of(allowed);
        return declare(new ConfigKey<>(group, name, dflt, "one of " + options, v -> options.contains(v) ? v : null));
    }

    private static ConfigKey<Boolean> bool(String group, String name, String dflt) {
        return declare(new ConfigKey<>(group, name, dflt, "true or false",
                v -> "true".equalsIgnoreCase(v) ? Boolean.TRUE : "false".equalsIgnoreCase(v) ? Boolean.FALSE : null));
    }

    private static ConfigKey<Long> nonNegativeMillis(String group, String name, String dflt) {
        return nonNegative(group, name, dflt, "milliseconds");
    }

    private static ConfigKey<Long> nonNegative(String group, String name, String dflt, String unit) {
        return declare(new ConfigKey<>(group, name, dflt, "a whole number of " + unit + " >= 0", v -> {
            try {
                long ms = Long.parseLong(v);
                return ms >= 0 ? ms : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }));
    }

    private static ConfigKey<Integer> positiveInt(String group, String name, String dflt) {
        return declare(new ConfigKey<>(group, name, dflt, "a whole number > 0", v -> {
            try {
                int n = Integer.parseInt(v);
                return n > 0 ? n : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }));
    }

    private static ConfigKey<Double> positive(String group, String name, String dflt) {
        return declare(new ConfigKey<>(group, name, dflt, "a number > 0", JobConfig::positiveOrNull));
    }

    private static ConfigKey<List<Double>> positiveList(String group, String name, String dflt) {
        return declare(new ConfigKey<>(group, name, dflt, "a comma-separated list of numbers > 0", v -> {
            List<Double> out = new ArrayList<>();
            for (String part : v.split(",")) {
                Double d = positiveOrNull(part.trim());
                if (d == null) {
                    return null;
                }
                out.add(d);
            }
            return out.isEmpty() ? null : Collections.unmodifiableList(out);
        }));
    }

    private static Double positiveOrNull(String v) {
        try {
            double d = Double.parseDouble(v);
            return d > 0 && !Double.isInfinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
