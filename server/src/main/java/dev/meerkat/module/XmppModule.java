package dev.meerkat.module;

/**
 * A feature of the server, enabled per host by {@code [modules.mod_x]}. A module declares its IQ
 * handlers, hooks and disco features in {@link #start}; the context removes all of them when the
 * module stops, so {@link #stop} only releases what the module made itself (timers, caches).
 */
public interface XmppModule {
    void start(ModuleContext context) throws Exception;

    default void stop() {}
}
