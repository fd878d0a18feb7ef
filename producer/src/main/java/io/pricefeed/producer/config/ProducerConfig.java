package io.pricefeed.producer.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The producer's configuration: a JSON document whose every key has its default in
 * {@link #DEFAULTS_JSON} (the one place defaults live; the README's reference is this document).
 * A key that is not there, or a value of the wrong type or out of range, is a startup error that
 * names the key.
 *
 * <p>Secrets are never configured here: the Fyers app secret and PIN come from the environment
 * ({@code FYERS_APP_SECRET}, {@code FYERS_PIN}) or from the Secrets Manager secret.
 *
 * <pre>{@code
 * ProducerConfig config = ProducerConfig.load(Path.of("producer.json"));
 * ProducerConfig config = ProducerConfig.parse("{\"fyers\":{\"clientId\":\"XC4XXXXM-100\"}}");
 * }</pre>
 */
public final class ProducerConfig {
    /** The env variable that holds the whole configuration JSON when no file is given (the ECS task). */
    public static final String CONFIG_JSON_ENV = "PRICEFEED_PRODUCER_CONFIG_JSON";
    /** The bundled NIFTY 50 list, used when neither {@code symbols} nor {@code symbolsFile} is set. */
    public static final String DEFAULT_SYMBOLS_RESOURCE = "/io/pricefeed/producer/nifty50-symbols.txt";

    /** Every key and its default. */
    public static final String DEFAULTS_JSON = """
            {
              "producerId": "producer-1",
              "fyers": {
                "clientId": "",
                "apiBaseUrl": "https://api-t1.fyers.in/api/v3",
                "dataBaseUrl": "https://api-t1.fyers.in/data",
                "redirectUri": "http://127.0.0.1:8765/fyers/callback",
                "connectTimeout": "PT5S",
                "requestTimeout": "PT10S",
                "loginTimeout": "PT5M"
              },
              "tokenStore": {
                "type": "file",
                "file": "~/.pricefeed/fyers-tokens.json",
                "secretId": "",
                "region": "",
                "reloadInterval": "PT30S"
              },
              "symbols": [],
              "symbolsFile": "",
              "kinesis": {
                "stream": "ticks",
                "region": "",
                "endpoint": "",
                "bufferRecords": 20000,
                "maxBatchRecords": 500,
                "heartbeatInterval": "PT1S",
                "shardRefreshInterval": "PT1M",
                "retryBaseDelay": "PT0.1S",
                "retryMaxDelay": "PT5S",
                "flushTimeout": "PT30S"
              },
              "limits": {
                "perSecond": 10,
                "perMinute": 200,
                "perDay": 100000,
                "safetyMargin": 0.03,
                "rateLimitBackoff": "PT65S"
              },
              "polling": {
                "batchSize": 50,
                "minBatchInterval": "PT1S",
                "concurrency": 2,
                "retryBaseDelay": "PT1S",
                "retryMaxDelay": "PT1M",
                "marketStatusInterval": "PT5M"
              },
              "schedule": {
                "heartbeatAfterClose": "PT5M",
                "holidaysFile": ""
              }
            }
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SYMBOL = Pattern.compile("(NSE|BSE|MCX):[A-Z0-9&_.\\-]+");
    private static final Pattern PRODUCER_ID = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Duration MAX_DURATION = Duration.ofDays(1);

    private final ObjectNode effective;
    private final Path baseDir;
    private final String producerId;
    private final Fyers fyers;
    private final TokenStoreSettings tokenStore;
    private final List<String> symbols;
    private final Kinesis kinesis;
    private final Limits limits;
    private final Polling polling;
    private final Schedule schedule;

    /** Fyers endpoints and timeouts ({@code fyers.*}). Timeouts are real time. */
    public record Fyers(String clientId, URI apiBaseUrl, URI dataBaseUrl, URI redirectUri,
                        Duration connectTimeout, Duration requestTimeout, Duration loginTimeout) {
    }

    /** Where tokens are kept ({@code tokenStore.*}). */
    public record TokenStoreSettings(Type type, Path file, String secretId, String region, Duration reloadInterval) {
        public enum Type { FILE, SECRETS_MANAGER }
    }

    /**
     * The ticks stream ({@code kinesis.*}). {@code endpoint} null means AWS; set, it is a local
     * stand-in (static credentials, CBOR off, region {@code us-east-1} unless given). Retry delays
     * and the flush timeout are real time; the heartbeat and shard-refresh intervals are on the
     * producer's clock.
     */
    public record Kinesis(String stream, String region, URI endpoint, int bufferRecords, int maxBatchRecords,
                          Duration heartbeatInterval, Duration shardRefreshInterval,
                          Duration retryBaseDelay, Duration retryMaxDelay, Duration flushTimeout) {
    }

    /** Fyers request limits ({@code limits.*}); the producer uses each less {@code safetyMargin}. */
    public record Limits(int perSecond, int perMinute, int perDay, double safetyMargin, Duration rateLimitBackoff) {
    }

    /** How quotes are polled ({@code polling.*}); durations on the producer's clock. */
    public record Polling(int batchSize, Duration minBatchInterval, int concurrency,
                          Duration retryBaseDelay, Duration retryMaxDelay, Duration marketStatusInterval) {
    }

    /** Market hours ({@code schedule.*}); {@code holidaysFile} null = the bundled NSE list. */
    public record Schedule(Duration heartbeatAfterClose, Path holidaysFile) {
    }

    private ProducerConfig(ConfigTree t, Path baseDir) {
        this.effective = t.tree();
        this.baseDir = baseDir;
        this.producerId = t.requiredString("producerId");
        if (!PRODUCER_ID.matcher(producerId).matches()) {
            throw new ConfigException("configuration key 'producerId' must be 1-64 letters, digits, '.', '_' or '-', was \"" + producerId + "\"");
        }
        this.fyers = new Fyers(t.requiredString("fyers.clientId"), t.httpUri("fyers.apiBaseUrl", false),
                t.httpUri("fyers.dataBaseUrl", false), t.httpUri("fyers.redirectUri", false),
                t.duration("fyers.connectTimeout", Duration.ofMillis(100), Duration.ofMinutes(5)),
                t.duration("fyers.requestTimeout", Duration.ofMillis(100), Duration.ofMinutes(5)),
                t.duration("fyers.loginTimeout", Duration.ofSeconds(10), Duration.ofHours(1)));
        if (fyers.clientId().contains(":")) {
            throw new ConfigException("configuration key 'fyers.clientId' must not contain ':'");
        }
        this.tokenStore = tokenStore(t);
        this.symbols = symbols(t);
        this.kinesis = new Kinesis(t.requiredString("kinesis.stream"), t.string("kinesis.region").trim(),
                t.httpUri("kinesis.endpoint", true), t.intIn("kinesis.bufferRecords", 500, 10_000_000),
                t.intIn("kinesis.maxBatchRecords", 1, 500),
                t.duration("kinesis.heartbeatInterval", Duration.ofMillis(100), Duration.ofMinutes(1)),
                t.duration("kinesis.shardRefreshInterval", Duration.ofSeconds(1), MAX_DURATION),
                t.duration("kinesis.retryBaseDelay", Duration.ofMillis(1), Duration.ofMinutes(1)),
                t.duration("kinesis.retryMaxDelay", Duration.ofMillis(1), Duration.ofMinutes(10)),
                t.duration("kinesis.flushTimeout", Duration.ZERO, Duration.ofMinutes(10)));
        if (kinesis.retryMaxDelay().compareTo(kinesis.retryBaseDelay()) < 0) {
            throw new ConfigException("configuration key 'kinesis.retryMaxDelay' must not be below kinesis.retryBaseDelay");
        }
        this.limits = new Limits(t.intIn("limits.perSecond", 1, 1_000), t.intIn("limits.perMinute", 1, 100_000),
                t.intIn("limits.perDay", 1, 100_000_000), t.doubleIn("limits.safetyMargin", 0, 0.5),
                t.duration("limits.rateLimitBackoff", Duration.ofSeconds(60), Duration.ofHours(1)));
        this.polling = new Polling(t.intIn("polling.batchSize", 1, 50),
                t.duration("polling.minBatchInterval", Duration.ZERO, Duration.ofHours(1)),
                t.intIn("polling.concurrency", 1, 16),
                t.duration("polling.retryBaseDelay", Duration.ofMillis(10), Duration.ofMinutes(10)),
                t.duration("polling.retryMaxDelay", Duration.ofMillis(10), Duration.ofHours(1)),
                t.duration("polling.marketStatusInterval", Duration.ofSeconds(10), Duration.ofHours(6)));
        if (polling.retryMaxDelay().compareTo(polling.retryBaseDelay()) < 0) {
            throw new ConfigException("configuration key 'polling.retryMaxDelay' must not be below polling.retryBaseDelay");
        }
        this.schedule = new Schedule(t.duration("schedule.heartbeatAfterClose", Duration.ZERO, Duration.ofHours(8)),
                t.path("schedule.holidaysFile"));
    }

    /** Parses a configuration document; relative paths in it are relative to the working directory. */
    public static ProducerConfig parse(String json) {
        return parse(json, null);
    }

    /**
     * @param baseDir what relative paths are relative to; null for the working directory
     * @throws ConfigException naming the key at fault
     */
    public static ProducerConfig parse(String json, Path baseDir) {
        JsonNode user;
        try {
            user = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException("the configuration is not valid JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        }
        return new ProducerConfig(ConfigTree.merge(defaults(), user, baseDir), baseDir);
    }

    /** Reads a configuration file; relative paths in it are relative to its folder. */
    public static ProducerConfig load(Path file) {
        try {
            String json = Files.readString(file, StandardCharsets.UTF_8);
            Path dir = file.toAbsolutePath().getParent();
            try {
                return parse(json, dir);
            } catch (ConfigException e) {
                throw new ConfigException(file + ": " + e.getMessage(), e);
            }
        } catch (NoSuchFileException e) {
            throw new ConfigException("configuration file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The configuration in {@value #CONFIG_JSON_ENV} (how the ECS task is configured). */
    public static ProducerConfig fromEnvironment(Map<String, String> env) {
        String json = env.get(CONFIG_JSON_ENV);
        if (json == null || json.isBlank()) {
            throw new ConfigException("no configuration: pass --config <file> or set " + CONFIG_JSON_ENV);
        }
        try {
            return parse(json, null);
        } catch (ConfigException e) {
            throw new ConfigException(CONFIG_JSON_ENV + ": " + e.getMessage(), e);
        }
    }

    /** This configuration with some keys changed, e.g. {@code {"kinesis":{"endpoint":"http://127.0.0.1:4567"}}}. */
    public ProducerConfig with(String jsonPatch) {
        JsonNode patch;
        try {
            patch = JSON.readTree(jsonPatch);
        } catch (JsonProcessingException e) {
            throw new ConfigException("the configuration patch is not valid JSON: " + e.getOriginalMessage());
        }
        return new ProducerConfig(ConfigTree.merge(effective, patch, baseDir), baseDir);
    }

    static ObjectNode defaults() {
        try {
            return (ObjectNode) JSON.readTree(DEFAULTS_JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the built-in defaults are not JSON", e);
        }
    }

    private static TokenStoreSettings tokenStore(ConfigTree t) {
        String type = t.string("tokenStore.type").trim();
        TokenStoreSettings.Type kind;
        switch (type) {
            case "file": kind = TokenStoreSettings.Type.FILE; break;
            case "secretsManager": kind = TokenStoreSettings.Type.SECRETS_MANAGER; break;
            default:
                throw new ConfigException("configuration key 'tokenStore.type' must be \"file\" or \"secretsManager\", was \"" + type + "\"");
        }
        Path file = t.path("tokenStore.file");
        String secretId = t.string("tokenStore.secretId").trim();
        if (kind == TokenStoreSettings.Type.FILE && file == null) {
            throw new ConfigException("configuration key 'tokenStore.file' is required when tokenStore.type is \"file\"");
        }
        if (kind == TokenStoreSettings.Type.SECRETS_MANAGER && secretId.isEmpty()) {
            throw new ConfigException("configuration key 'tokenStore.secretId' is required when tokenStore.type is \"secretsManager\"");
        }
        return new TokenStoreSettings(kind, file, secretId, t.string("tokenStore.region").trim(),
                t.duration("tokenStore.reloadInterval", Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    private static List<String> symbols(ConfigTree t) {
        List<String> listed = t.strings("symbols");
        Path file = t.path("symbolsFile");
        if (!listed.isEmpty() && file != null) {
            throw new ConfigException("configuration keys 'symbols' and 'symbolsFile' exclude each other; set one");
        }
        List<String> raw;
        String source;
        if (!listed.isEmpty()) {
            raw = listed;
            source = "symbols";
        } else if (file != null) {
            try {
                raw = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new ConfigException("configuration key 'symbolsFile': cannot read " + file + ": " + e.getMessage());
            }
            source = "symbolsFile (" + file + ")";
        } else {
            raw = bundledSymbols();
            source = DEFAULT_SYMBOLS_RESOURCE;
        }
        Set<String> symbols = new LinkedHashSet<>();
        int line = 0;
        for (String s : raw) {
            line++;
            String symbol = s.trim();
            if (symbol.isEmpty() || symbol.startsWith("#")) {
                continue;
            }
            if (!isFyersSymbol(symbol)) {
                throw new ConfigException("configuration key '" + source + "' entry " + line + " is not a Fyers symbol "
                        + "such as NSE:SBIN-EQ: \"" + symbol + "\"");
            }
            if (!symbols.add(symbol)) {
                throw new ConfigException("configuration key '" + source + "' lists " + symbol + " twice");
            }
        }
        if (symbols.isEmpty()) {
            throw new ConfigException("configuration key '" + source + "' has no symbols");
        }
        return Collections.unmodifiableList(new ArrayList<>(symbols));
    }

    /** A symbol as Fyers writes it ({@code NSE:SBIN-EQ}): the one rule the producer and the demo check lists with. */
    public static boolean isFyersSymbol(String symbol) {
        return SYMBOL.matcher(symbol).matches();
    }

    /** The bundled NIFTY 50 symbols. */
    public static List<String> bundledSymbols() {
        try (InputStream in = ProducerConfig.class.getResourceAsStream(DEFAULT_SYMBOLS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + DEFAULT_SYMBOLS_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String producerId() {
        return producerId;
    }

    public Fyers fyers() {
        return fyers;
    }

    public TokenStoreSettings tokenStore() {
        return tokenStore;
    }

    /** The symbols to poll, in order, without duplicates. */
    public List<String> symbols() {
        return symbols;
    }

    public Kinesis kinesis() {
        return kinesis;
    }

    public Limits limits() {
        return limits;
    }

    public Polling polling() {
        return polling;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** The effective configuration as JSON (defaults filled in); it holds no secrets. */
    public String toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(effective);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProducerConfig other && effective.equals(other.effective);
    }

    @Override
    public int hashCode() {
        return Objects.hash(effective);
    }

    @Override
    public String toString() {
        return "ProducerConfig[" + producerId + ", client " + fyers.clientId() + ", " + symbols.size() + " symbols, stream "
                + kinesis.stream() + (kinesis.endpoint() != null ? " at " + kinesis.endpoint() : "") + "]";
    }
}
