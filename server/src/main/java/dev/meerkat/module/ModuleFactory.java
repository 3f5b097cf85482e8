package dev.meerkat.module;

import dev.meerkat.config.Options;

/**
 * Creates a module instance for one host from its options. The factory reads every option it
 * supports through {@link Options} (which rejects unknown keys afterwards), so a bad option stops
 * start-up with a message naming it.
 */
public interface ModuleFactory {
    /** The config name, e.g. {@code mod_ping} (as in MongooseIM). */
    String name();

    XmppModule create(String host, Options options, ServerServices services);
}
