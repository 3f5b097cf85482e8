package dev.meerkat.mod.muc.feature;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Affiliation;
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

/**
 * §7.8.2 mediated invitations and their declines. An invitation to a members-only room by someone
 * allowed to invite makes the invitee a member, so that it can enter.
 */
public final class Invitations implements RoomFeature {
    @Override
    public boolean message(Room room, Message m) {
        if (!m.to().isBare()) return false;
        Element x = m.element().child("x", MucNs.USER).orElse(null);
        if (x == null) return false;
        if (x.child("decline", MucNs.USER).isPresent()) {
            decline(room, m, x.child("decline", MucNs.USER).get());
            return true;
        }
        if (x.child("invite", MucNs.USER).isEmpty()) return false;
        Occupant inviter = room.occupantByRealJid(m.from())
                .orElseThrow(() -> new StanzaException(StanzaError.NOT_ACCEPTABLE, "only occupants may invite"));
        Affiliation aff = room.affiliation(m.from());
        if (!Permissions.mayInvite(room.config().allowInvites(), room.config().membersOnly(), aff, inviter.role())) {
            throw new StanzaException(StanzaError.FORBIDDEN, "you may not invite others to this room");
        }
        for (Element invite : x.children("invite", MucNs.USER)) {
            Jid to = jid(invite.attr("to"));
            if (room.config().membersOnly() && !room.affiliation(to).atLeast(Affiliation.MEMBER)) {
                room.setAffiliation(to, Affiliation.MEMBER, inviter.nick(), null);
            }
            Element.Builder inv = Element.builder("invite", MucNs.USER).attr("from", m.from().toString());
            invite.child("reason", MucNs.USER).ifPresent(inv::child);
            Element.Builder out = Element.builder("x", MucNs.USER).child(inv.build());
            if (room.config().passwordProtected()) out.textChild("password", room.config().password());
            String reason = invite.childText("reason", MucNs.USER).orElse("");
            room.send(Stanza.of(Element.builder("message", Ns.CLIENT).attr("from", room.jid().toString())
                    .attr("to", to.toString()).attr("id", m.id())
                    .child(out.build())
                    .child(Element.builder("body", Ns.CLIENT).text(m.from().bare() + " invites you to the room "
                            + room.jid() + (reason.isEmpty() ? "" : ": " + reason)).build())
                    .build()));
        }
        return true;
    }

    private static void decline(Room room, Message m, Element decline) {
        Jid to = jid(decline.attr("to"));
        Element.Builder d = Element.builder("decline", MucNs.USER).attr("from", m.from().bare().toString());
        decline.child("reason", MucNs.USER).ifPresent(d::child);
        room.send(Stanza.of(Element.builder("message", Ns.CLIENT).attr("from", room.jid().toString())
                .attr("to", to.toString()).attr("id", m.id())
                .child(Element.builder("x", MucNs.USER).child(d.build()).build()).build()));
    }

    private static Jid jid(String s) {
        Jid j = Jid.parseOrNull(s);
        if (j == null) throw new StanzaException(StanzaError.JID_MALFORMED, "the invitee's address is not valid");
        return j;
    }
}
