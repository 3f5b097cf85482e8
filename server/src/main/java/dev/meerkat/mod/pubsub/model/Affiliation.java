package dev.meerkat.mod.pubsub.model;

import java.util.Locale;

/** An entity's affiliation with a node (XEP-0060 §4.1), strongest first. */
public enum Affiliation {
    OWNER, PUBLISHER, PUBLISH_ONLY, MEMBER, NONE, OUTCAST;

    public String xml() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    /** Null for an unknown name. */
    public static Affiliation fromXml(String value) {
        if (value == null) return null;
        for (Affiliation a : values()) if (a.xml().equals(value)) return a;
        return null;
    }

    public boolean canPublish() { return this == OWNER || this == PUBLISHER || this == PUBLISH_ONLY; }

    /** May read items whatever the access model says (XEP-0060 §4.1 table 4). */
    public boolean canReadRegardless() { return this == OWNER || this == PUBLISHER || this == MEMBER; }
}
