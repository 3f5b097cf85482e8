package dev.meerkat.config;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A module's options table ({@code [modules.mod_x]}), read with typed getters. Every getter records
 * the key as known; {@link #rejectUnknown()} then fails start-up on any key nobody read, so a typo
 * never goes unnoticed. Errors are {@link ConfigException}s naming the full key path and line.
 */
public interface Options {
    /** The path of this table, e.g. {@code modules.mod_register}. */
    String path();

    String string(String key, String defaultValue);

    /** One of the allowed values (compared case-sensitively), or the default. */
    String oneOf(String key, Set<String> allowed, String defaultValue);

    int integer(String key, int defaultValue, int min, int max);

    boolean bool(String key, boolean defaultValue);

    /** A duration given in seconds (integer). */
    Duration seconds(String key, Duration defaultValue);

    List<String> stringList(String key, List<String> defaultValue);

    /** An array of tables, e.g. {@code ip_access = [{address = "127.0.0.0/8", policy = "allow"}]}. */
    List<Options> tableList(String key);

    /** A sub-table ({@code [modules.mod_x.sub]}), empty when absent. */
    Options table(String key);

    boolean has(String key);

    /** Throws if the table holds keys that no getter asked for. */
    void rejectUnknown();
}
