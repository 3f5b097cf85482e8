package dev.meerkat.mod.muc.room;

import java.util.Locale;

/** A temporary position of an occupant while in the room (XEP-0045 §5.1), strongest first. */
public enum Role {
    MODERATOR, PARTICIPANT, VISITOR, NONE;

    public String xml() { return name().toLowerCase(Locale.ROOT); }

    public static Role parse(String s) {
        if (s == null) return null;
        for (Role r : values()) if (r.xml().equals(s)) return r;
        return null;
    }

    /** Participants and moderators may speak in a moderated room. */
    public boolean hasVoice() { return this == MODERATOR || this == PARTICIPANT; }
}
