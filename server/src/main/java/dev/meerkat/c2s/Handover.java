package dev.meerkat.c2s;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.SessionKey;
import dev.meerkat.stanza.Presence;

import java.util.Map;

/** What a resumed session (XEP-0198) takes over from the one it resumes; {@code failure} set if refused. */
record Handover(String failure, Jid jid, Presence presence, boolean available, int priority,
                Map<SessionKey<?>, Object> attributes, SmState sm, StreamManagement config) {
    static Handover failed(String condition) { return new Handover(condition, null, null, false, 0, Map.of(), null, null); }
}
