package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.DataForm;
import dev.meerkat.mod.muc.room.JoinRequest;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Permissions;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

/** §8.1: the room subject, changed by a groupchat message with only a subject, and sent after history on entry. */
public final class Subject implements RoomFeature {
    @Override
    public boolean message(Room room, Message m) {
        if (!m.to().isBare() || !"groupchat".equals(m.type())) return false;
        Element e = m.element();
        if (e.child("subject", e.namespace()).isEmpty() || e.child("body", e.namespace()).isPresent()) return false;
        Occupant sender = room.occupantByRealJid(m.from())
                .orElseThrow(() -> new StanzaException(StanzaError.NOT_ACCEPTABLE, "only occupants may change the subject"));
        if (!Permissions.mayChangeSubject(room.config().changeSubject(), sender.role())) {
            throw new StanzaException(StanzaError.FORBIDDEN, "you may not change the subject");
        }
        room.setSubject(e.childText("subject", e.namespace()).orElse(""), sender.nick());
        room.reflect(sender, e);
        return true;
    }

    @Override
    public void joined(Room room, Occupant occupant, JoinRequest join) {
        String from = room.subjectNick() == null ? room.jid().toString() : room.jid().withResource(room.subjectNick()).toString();
        Element.Builder msg = Element.builder("message", Ns.CLIENT).attr("from", from).attr("to", occupant.realJid().toString())
                .attr("type", "groupchat");
        // An empty subject element still tells the client that entering is complete (§7.2.16).
        msg.child(Element.builder("subject", Ns.CLIENT).text(room.subject()).build());
        room.send(Stanza.of(msg.build()));
    }

    @Override
    public void roomInfo(Room room, DataForm.Builder form) {
        form.text("muc#roominfo_subject", "Subject", room.subject());
    }
}
