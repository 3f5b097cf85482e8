package dev.meerkat.mod.muc.store;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.RoomConfig;

import java.util.Map;

/**
 * What survives a restart of a persistent room.
 *
 * @param subjectNick null when the subject was set by the room itself or never
 */
public record StoredRoom(Jid jid, RoomConfig config, Map<Jid, Affiliation> affiliations, String subject, String subjectNick) {
    public StoredRoom {
        affiliations = Map.copyOf(affiliations);
    }
}
