package io.pricefeed.flink.config;

import java.util.Properties;

/** One property group as Managed Flink hands it over, from key-value pairs: {@code props("path", "/tmp/lake")}. */
public final class PropertyGroups {
    private PropertyGroups() {
    }

    public static Properties props(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
        }
        Properties p = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return p;
    }
}
