package dev.meerkat.module;

/** A XEP-0030 identity. */
public record DiscoIdentity(String category, String type, String name) {}
