package dev.meerkat.mod.muc.room;

import java.util.Locale;

/** A long-lived relation of a bare JID to a room (XEP-0045 §5.2), strongest first. */
public enum Affiliation {
    OWNER, ADMIN, MEMBER, NONE, OUTCAST;

    public String xml() { return name().toLowerCase(Locale.ROOT); }

    /** The affiliation named in the protocol, or null for an unknown name. */
    public static Affiliation parse(String s) {
        if (s == null) return null;
        for (Affiliation a : values()) if (a.xml().equals(s)) return a;
        return null;
    }

    /** Owner or admin: the affiliations that make an occupant a moderator. */
    public boolean isAdminOrOwner() { return this == OWNER || this == ADMIN; }

    public boolean atLeast(Affiliation other) { return ordinal() <= other.ordinal(); }
}
