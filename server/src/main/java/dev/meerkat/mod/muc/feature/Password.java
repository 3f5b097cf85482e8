package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;

import java.util.function.Consumer;

/** §7.2.5: a password-protected room wants muc#roomconfig_roomsecret from everyone but its owners. */
public final class Password implements RoomFeature {
    @Override
    public void checkJoin(Room room, JoinRequest join) {
        if (!room.config().passwordProtected() || join.affiliation() == Affiliation.OWNER) return;
        if (!room.config().password().equals(join.password())) {
            throw new StanzaException(StanzaError.NOT_AUTHORIZED, "a valid password is required to enter");
        }
    }

    @Override
    public void discoFeatures(Room room, Consumer<String> features) {
        features.accept(room.config().passwordProtected() ? "muc_passwordprotected" : "muc_unsecured");
    }
}
