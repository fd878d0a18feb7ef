package io.pricefeed.producer.config;

/** The producer's configuration is unusable; the message names the key and what is wrong with it. */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
