package dev.meerkat.mod.pubsub.model;

import java.util.Locale;

/** Who may subscribe to a node and read its items (XEP-0060 §4.5); 'authorize' is not offered. */
public enum AccessModel {
    OPEN, PRESENCE, ROSTER, WHITELIST;

    public String xml() { return name().toLowerCase(Locale.ROOT); }

    public static AccessModel fromXml(String value) { return valueOf(value.toUpperCase(Locale.ROOT)); }
}
