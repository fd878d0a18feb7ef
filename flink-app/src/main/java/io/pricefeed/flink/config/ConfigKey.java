package io.pricefeed.flink.config;

import java.io.Serializable;
import java.util.function.Function;

/**
 * One configuration key: its property group and name (the same on Managed Flink and in the
 * local JSON file), its default, and how a value is parsed and checked. Declared once, in
 * {@link JobConfig}.
 */
public final class ConfigKey<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String group;
    private final String name;
    private final String defaultValue;
    private final String expected;
    private final SerializableParser<T> parser;

    /** A parser that returns null for a value it does not accept. */
    public interface SerializableParser<T> extends Function<String, T>, Serializable {
    }

    ConfigKey(String group, String name, String defaultValue, String expected, SerializableParser<T> parser) {
        this.group = group;
        this.name = name;
        this.defaultValue = defaultValue;
        this.expected = expected;
        this.parser = parser;
    }

    public String group() {
        return group;
    }

    public String name() {
        return name;
    }

    /** {@code group.name}, as errors and docs show it. */
    public String qualifiedName() {
        return group + "." + name;
    }

    public String defaultValue() {
        return defaultValue;
    }

    /** What a valid value looks like, for error messages. */
    public String expected() {
        return expected;
    }

    T parse(String raw) {
        T value = raw == null ? null : parser.apply(raw.trim());
        if (value == null) {
            throw new ConfigException("configuration key '" + qualifiedName() + "' must be " + expected
                    + ", got '" + raw + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
