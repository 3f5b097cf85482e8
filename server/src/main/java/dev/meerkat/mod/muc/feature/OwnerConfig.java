package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.ConfigForm;
import dev.meerkat.mod.muc.room.DataForm;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * §10.1–10.2: owners get and submit the configuration form; submitting (even the empty instant
 * form) unlocks a new room, cancelling the first configuration destroys it.
 */
public final class OwnerConfig implements RoomFeature {
    private final int maxUsersCeiling;
    private final int historyCeiling;

    private final BooleanSupplier archivingOffered;

    /** @param archivingOffered whether the server can archive rooms now (the form then has the switch) */
    public OwnerConfig(int maxUsersCeiling, int historyCeiling, BooleanSupplier archivingOffered) {
        this.maxUsersCeiling = maxUsersCeiling;
        this.historyCeiling = historyCeiling;
        this.archivingOffered = archivingOffered;
    }

    @Override
    public Iq iq(Room room, Iq iq) {
        Element query = iq.payload().filter(p -> p.is("query", MucNs.OWNER)).orElse(null);
        if (query == null || query.child("destroy", MucNs.OWNER).isPresent()) return null;
        if (room.affiliation(iq.from()) != Affiliation.OWNER) {
            return StanzaError.FORBIDDEN.replyTo(iq, "only owners may configure the room");
        }
        if (iq.type() == Iq.Type.GET) {
            return iq.result(Element.builder("query", MucNs.OWNER).child(ConfigForm.form(room.config(), maxUsersCeiling, archivingOffered.getAsBoolean())).build());
        }
        Element x = query.child("x", Ns.DATA_FORMS).orElse(null);
        if (x == null) return StanzaError.BAD_REQUEST.replyTo(iq, "a data form is expected");
        if ("cancel".equals(x.attr("type"))) {
            Iq reply = iq.result();
            if (room.locked()) room.destroy(null, null, null);
            return reply;
        }
        if (!"submit".equals(x.attr("type"))) return StanzaError.BAD_REQUEST.replyTo(iq, "submit or cancel the form");
        submit(room, DataForm.values(x));
        return iq.result();
    }

    /**
     * A submitted form's values applied as §10.2 says (occupants get status 104 and whatever the
     * change implies; a persistent room is stored). Runs on the room's executor. Fields left out
     * keep their value, fields the form does not have are ignored.
     *
     * @throws dev.meerkat.stanza.StanzaException not-acceptable, for a value out of range
     */
    public RoomConfig submit(Room room, Map<String, List<String>> values) {
        room.configure(ConfigForm.apply(room.config(), values, maxUsersCeiling, historyCeiling));
        return room.config();
    }

    /** The vars of the fields an owner of the room is shown now (FORM_TYPE aside). */
    public Set<String> fields(Room room) {
        Set<String> vars = new LinkedHashSet<>(DataForm.values(ConfigForm.form(room.config(), maxUsersCeiling,
                archivingOffered.getAsBoolean())).keySet());
        vars.remove("FORM_TYPE");
        return vars;
    }
}
