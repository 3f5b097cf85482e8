package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

/** §7.2.7: outcasts may not enter. */
public final class Bans implements RoomFeature {
    @Override
    public void checkJoin(Room room, JoinRequest join) {
        if (join.affiliation() == Affiliation.OUTCAST) throw new StanzaException(StanzaError.FORBIDDEN, "you are banned from this room");
    }
}
