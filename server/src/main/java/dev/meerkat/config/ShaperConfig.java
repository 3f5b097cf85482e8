package dev.meerkat.config;

/** {@code [shaper.NAME]}: {@code max_rate} in bytes per second a connection may send (a token bucket). */
public record ShaperConfig(String name, int maxRate) {}
