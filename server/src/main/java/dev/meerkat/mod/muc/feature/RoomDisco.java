package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.DataForm;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.mod.muc.room.Whois;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.TreeSet;
import java.util.function.Consumer;

/** §6.4–6.5: the room's disco#info (features and muc#roominfo form) and disco#items (occupants, if public or asked by an occupant). */
public final class RoomDisco implements RoomFeature {
    @Override
    public Iq iq(Room room, Iq iq) {
        Element query = iq.payload().orElse(null);
        if (query == null || !query.name().equals("query")) return null;
        boolean info = query.namespace().equals(Ns.DISCO_INFO);
        if (!info && !query.namespace().equals(Ns.DISCO_ITEMS)) return null;
        if (iq.type() != Iq.Type.GET) return StanzaError.NOT_ALLOWED.replyTo(iq);
        if (query.attr("node") != null) return StanzaError.ITEM_NOT_FOUND.replyTo(iq);
        return iq.result(info ? info(room) : items(room, iq));
    }

    private static Element info(Room room) {
        RoomConfig c = room.config();
        TreeSet<String> features = new TreeSet<>();
        features.add(MucNs.MUC);
        features.add(MucNs.STABLE_ID);
        features.add(Ns.DISCO_INFO);
        features.add(Ns.DISCO_ITEMS);
        features.add(c.publicRoom() ? "muc_public" : "muc_hidden");
        features.add(c.persistent() ? "muc_persistent" : "muc_temporary");
        features.add(c.moderated() ? "muc_moderated" : "muc_unmoderated");
        features.add(c.whois() == Whois.ANYONE ? "muc_nonanonymous" : "muc_semianonymous");
        Consumer<String> add = features::add;
        for (RoomFeature f : room.features()) f.discoFeatures(room, add);
        Element.Builder q = Element.builder("query", Ns.DISCO_INFO)
                .child(Element.builder("identity", Ns.DISCO_INFO).attr("category", "conference").attr("type", "text")
                        .attr("name", c.name().isEmpty() ? room.jid().local() : c.name()).build());
        for (String f : features) q.child(Element.builder("feature", Ns.DISCO_INFO).attr("var", f).build());
        DataForm.Builder form = new DataForm.Builder("result", MucNs.ROOMINFO)
                .text("muc#roominfo_description", "Description", c.description())
                .text("muc#roominfo_occupants", "Number of occupants", Integer.toString(room.occupants().size()))
                .text("muc#roomconfig_roomname", "Name", c.name());
        for (RoomFeature f : room.features()) f.roomInfo(room, form);
        return q.child(form.build()).build();
    }

    private static Element items(Room room, Iq iq) {
        Element.Builder q = Element.builder("query", Ns.DISCO_ITEMS);
        // §6.5: the occupant list is public in a public room, else only occupants see it.
        if (!room.config().publicRoom() && room.occupantByRealJid(iq.from()).isEmpty()) return q.build();
        for (Occupant o : room.occupants()) {
            q.child(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", room.occupantJid(o).toString()).build());
        }
        return q.build();
    }
}
