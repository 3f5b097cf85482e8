package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

/** §7.2.10: a full room refuses newcomers, except its admins and owners. */
public final class MaxUsers implements RoomFeature {
    private final int ceiling;

    /** @param ceiling the service's limit; a room's own muc#roomconfig_maxusers can only lower it */
    public MaxUsers(int ceiling) {
        this.ceiling = ceiling;
    }

    public static int limit(int roomMax, int ceiling) { return roomMax <= 0 ? ceiling : Math.min(roomMax, ceiling); }

    @Override
    public void checkJoin(Room room, JoinRequest join) {
        if (join.affiliation().isAdminOrOwner()) return;
        if (room.occupants().size() >= limit(room.config().maxUsers(), ceiling)) {
            throw new StanzaException(StanzaError.SERVICE_UNAVAILABLE, "the room is full");
        }
    }
}
