package dev.meerkat.config;

/** A configuration error; the message names the key path and, when known, the file line. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
