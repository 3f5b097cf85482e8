package dev.meerkat.mod.muc.feature;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

/** §10.9: an owner destroys the room, optionally naming an alternate venue and a reason. */
public final class Destroy implements RoomFeature {
    @Override
    public Iq iq(Room room, Iq iq) {
        Element destroy = iq.payload().filter(p -> p.is("query", MucNs.OWNER))
                .flatMap(q -> q.child("destroy", MucNs.OWNER)).orElse(null);
        if (destroy == null) return null;
        if (iq.type() != Iq.Type.SET) return StanzaError.BAD_REQUEST.replyTo(iq);
        if (room.affiliation(iq.from()) != Affiliation.OWNER) return StanzaError.FORBIDDEN.replyTo(iq, "only owners may destroy the room");
        String venue = destroy.attr("jid");
        Jid alternate = venue == null ? null : Jid.parseOrNull(venue);
        if (venue != null && alternate == null) return StanzaError.JID_MALFORMED.replyTo(iq);
        room.destroy(alternate, destroy.childText("reason", MucNs.OWNER).orElse(null),
                destroy.childText("password", MucNs.OWNER).orElse(null));
        return iq.result();
    }
}
