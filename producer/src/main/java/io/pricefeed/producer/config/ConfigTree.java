package io.pricefeed.producer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A configuration document checked against its defaults document: a key the defaults do not have
 * is unknown, a value of another JSON type than its default is malformed, and every error names
 * the key by its dotted path ({@code limits.perMinute}). Typed getters then read the merged tree,
 * again naming the key when a value is out of range.
 */
final class ConfigTree {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final ObjectNode merged;
    private final Path baseDir;

    private ConfigTree(ObjectNode merged, Path baseDir) {
        this.merged = merged;
        this.baseDir = baseDir;
    }

    /** {@code user} over {@code defaults}, both objects. */
    static ConfigTree merge(ObjectNode defaults, JsonNode user, Path baseDir) {
        if (user == null || !user.isObject()) {
            throw new ConfigException("the configuration must be a JSON object");
        }
        ObjectNode merged = defaults.deepCopy();
        mergeInto(merged, user, "");
        return new ConfigTree(merged, baseDir);
    }

    ObjectNode tree() {
        return merged;
    }

    private static void mergeInto(ObjectNode target, JsonNode user, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> fields = user.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            JsonNode dflt = target.get(f.getKey());
            if (dflt == null) {
                throw new ConfigException("unknown configuration key '" + key + "'");
            }
            JsonNode value = f.getValue();
            if (dflt.isObject()) {
                if (!value.isObject()) {
                    throw new ConfigException("configuration key '" + key + "' must be an object");
                }
                mergeInto((ObjectNode) dflt, value, key + ".");
                continue;
            }
            if (!sameType(dflt, value)) {
                throw new ConfigException("configuration key '" + key + "' must be " + describe(dflt) + ", was " + value);
            }
            target.set(f.getKey(), value);
        }
    }

    private static boolean sameType(JsonNode dflt, JsonNode value) {
        if (dflt.isTextual()) {
            return value.isTextual();
        }
        if (dflt.isIntegralNumber()) {
            return value.isIntegralNumber();
        }
        if (dflt.isNumber()) {
            return value.isNumber();
        }
        if (dflt.isBoolean()) {
            return value.isBoolean();
        }
        if (dflt.isArray()) {
            return value.isArray();
        }
        return false;
    }

    private static String describe(JsonNode dflt) {
        if (dflt.isTextual()) {
            return "a string";
        }
        if (dflt.isIntegralNumber()) {
            return "an integer";
        }
        if (dflt.isNumber()) {
            return "a number";
        }
        if (dflt.isBoolean()) {
            return "true or false";
        }
        return dflt.isArray() ? "an array" : "a " + dflt.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private JsonNode node(String path) {
        JsonNode n = merged;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        if (n.isMissingNode()) {
            throw new IllegalStateException("no default for configuration key " + path); // a bug in the defaults
        }
        return n;
    }

    String string(String path) {
        return node(path).asText();
    }

    String requiredString(String path) {
        String s = string(path).trim();
        if (s.isEmpty()) {
            throw new ConfigException("configuration key '" + path + "' is required");
        }
        return s;
    }

    int intIn(String path, int min, int max) {
        long v = node(path).asLong();
        if (v < min || v > max) {
            throw new ConfigException("configuration key '" + path + "' must be in " + min + ".." + max + ", was " + v);
        }
        return (int) v;
    }

    double doubleIn(String path, double minInclusive, double maxExclusive) {
        double v = node(path).asDouble();
        if (!(v >= minInclusive && v < maxExclusive)) {
            throw new ConfigException("configuration key '" + path + "' must be in [" + minInclusive + ", " + maxExclusive + "), was " + v);
        }
        return v;
    }

    /** ISO-8601 ({@code PT1.5S}) or short ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}). */
    Duration duration(String path, Duration min, Duration max) {
        String text = string(path).trim();
        Duration d;
        Matcher m = SHORT_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ms": d = Duration.ofMillis(n); break;
                    case "s": d = Duration.ofSeconds(n); break;
                    case "m": d = Duration.ofMinutes(n); break;
                    default: d = Duration.ofHours(n); break;
                }
            } else {
                d = Duration.parse(text);
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new ConfigException("configuration key '" + path + "' must be a duration such as \"PT1S\" or \"500ms\", was \"" + text + "\"");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException("configuration key '" + path + "' must be between " + min + " and " + max + ", was " + d);
        }
        return d;
    }

    /** An absolute http(s) URI; empty text is null when {@code optional}. */
    URI httpUri(String path, boolean optional) {
        String text = string(path).trim();
        if (text.isEmpty()) {
            if (optional) {
                return null;
            }
            throw new ConfigException("configuration key '" + path + "' is required");
        }
        try {
            URI uri = new URI(text);
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException("configuration key '" + path + "' must be an http(s) URL, was \"" + text + "\"");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("configuration key '" + path + "' is not a valid URL: \"" + text + "\"");
        }
    }

    /** A path; {@code ~/} is the home directory, a relative path is relative to the config file. Null when empty. */
    Path path(String key) {
        String text = string(key).trim();
        if (text.isEmpty()) {
            return null;
        }
        if (text.equals("~") || text.startsWith("~/")) {
            return Paths.get(System.getProperty("user.home"), text.substring(1).replaceFirst("^/", ""));
        }
        Path p = Paths.get(text);
        return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }

    List<String> strings(String path) {
        JsonNode n = node(path);
        List<String> out = new ArrayList<>();
        int i = 0;
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new ConfigException("configuration key '" + path + "[" + i + "]' must be a string, was " + e);
            }
            out.add(e.asText().trim());
            i++;
        }
        return out;
    }
}
