package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

import java.util.function.Consumer;

/** §7.2.6: only members (and admins, owners) enter a members-only room. */
public final class MembersOnly implements RoomFeature {
    @Override
    public void checkJoin(Room room, JoinRequest join) {
        if (room.config().membersOnly() && !join.affiliation().atLeast(Affiliation.MEMBER)) {
            throw new StanzaException(StanzaError.REGISTRATION_REQUIRED, "this room is for members only");
        }
    }

    @Override
    public void discoFeatures(Room room, Consumer<String> features) {
        features.accept(room.config().membersOnly() ? "muc_membersonly" : "muc_open");
    }
}
