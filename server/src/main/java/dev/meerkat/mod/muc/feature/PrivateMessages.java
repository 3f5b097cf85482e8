package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Permissions;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;

/** §7.5: messages between occupants, passed on from the sender's occupant JID, as allowpm permits. */
public final class PrivateMessages implements RoomFeature {
    @Override
    public boolean message(Room room, Message m) {
        if (!m.to().hasResource()) return false;
        if ("groupchat".equals(m.type())) throw new StanzaException(StanzaError.BAD_REQUEST, "private messages may not be groupchat");
        Occupant sender = room.occupantByRealJid(m.from())
                .orElseThrow(() -> new StanzaException(StanzaError.NOT_ACCEPTABLE, "only occupants may send private messages"));
        if (!Permissions.maySendPrivateMessage(room.config().allowPm(), sender.role())) {
            throw new StanzaException(StanzaError.FORBIDDEN, "private messages are not allowed here");
        }
        Occupant target = room.occupant(m.to().resource())
                .orElseThrow(() -> new StanzaException(StanzaError.ITEM_NOT_FOUND, "no such occupant"));
        Element e = m.element();
        if (e.child("x", MucNs.USER).isEmpty()) e = e.withChild(Element.of("x", MucNs.USER));
        room.send(new Message(e, m.from(), m.to()).withAddresses(room.occupantJid(sender), target.realJid()));
        return true;
    }
}
