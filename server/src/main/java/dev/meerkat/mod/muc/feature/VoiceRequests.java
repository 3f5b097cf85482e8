package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.DataForm;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Role;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.List;
import java.util.Map;

/**
 * §7.13 and §8.6: a visitor's request for voice goes to the moderators as a muc#request form; a
 * moderator's answer with muc#request_allow grants it.
 */
public final class VoiceRequests implements RoomFeature {
    @Override
    public boolean message(Room room, Message m) {
        if (!m.to().isBare()) return false;
        Element form = m.element().child("x", Ns.DATA_FORMS).orElse(null);
        if (form == null) return false;
        Map<String, List<String>> values = DataForm.values(form);
        if (!List.of(MucNs.REQUEST).equals(values.get("FORM_TYPE"))) return false;
        Occupant sender = room.occupantByRealJid(m.from())
                .orElseThrow(() -> new StanzaException(StanzaError.NOT_ACCEPTABLE, "only occupants may request voice"));
        if (sender.role() == Role.MODERATOR && "submit".equals(form.attr("type"))) {
            answer(room, sender, values);
        } else if (sender.role() == Role.VISITOR) {
            request(room, sender);
        }
        return true;
    }

    private static void request(Room room, Occupant visitor) {
        Element form = new DataForm.Builder("form", MucNs.REQUEST).title("Voice request")
                .field("muc#role", "list-single", "Requested role", List.of("participant"), List.of())
                .field("muc#jid", "jid-single", "User ID", List.of(visitor.realJid().toString()), List.of())
                .text("muc#roomnick", "Room Nickname", visitor.nick())
                .bool("muc#request_allow", "Grant voice to this person?", false).build();
        for (Occupant o : room.occupants()) {
            if (o.role() != Role.MODERATOR) continue;
            room.send(Stanza.of(Element.builder("message", Ns.CLIENT).attr("from", room.jid().toString())
                    .attr("to", o.realJid().toString()).child(form).build()));
        }
    }

    private static void answer(Room room, Occupant moderator, Map<String, List<String>> values) {
        List<String> allow = values.getOrDefault("muc#request_allow", List.of());
        List<String> nick = values.getOrDefault("muc#roomnick", List.of());
        if (allow.isEmpty() || nick.isEmpty() || !Boolean.TRUE.equals(DataForm.parseBool(allow.get(0)))) return;
        room.occupant(nick.get(0)).filter(o -> o.role() == Role.VISITOR)
                .ifPresent(o -> room.setRole(o, Role.PARTICIPANT, moderator.nick(), null));
    }
}
