package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

/** §10.1.1: a reserved room stays locked, as if it did not exist, until its owner configures it. */
public final class LockedRoom implements RoomFeature {
    @Override
    public void checkJoin(Room room, JoinRequest join) {
        if (room.locked() && join.affiliation() != Affiliation.OWNER) {
            throw new StanzaException(StanzaError.ITEM_NOT_FOUND, "the room is locked until its owner configures it");
        }
    }
}
