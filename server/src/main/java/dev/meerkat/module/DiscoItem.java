package dev.meerkat.module;

/** A XEP-0030 item of the server (a component such as {@code muc.example.org}). */
public record DiscoItem(String jid, String name) {}
