package dev.meerkat.mod.muc.feature;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Permissions;
import dev.meerkat.mod.muc.room.Role;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The muc#admin items of §8–10: kick, voice and moderator changes by nick, ban, member, admin and
 * owner changes by JID, and the lists of each. A set applies all its items or none.
 */
public final class AdminItems implements RoomFeature {
    private sealed interface Change permits RoleChange, AffiliationChange {}

    private record RoleChange(Occupant target, Role role, String reason) implements Change {}

    private record AffiliationChange(Jid target, Affiliation affiliation, String reason) implements Change {}

    @Override
    public Iq iq(Room room, Iq iq) {
        Element query = iq.payload().filter(p -> p.is("query", MucNs.ADMIN)).orElse(null);
        if (query == null) return null;
        List<Element> items = query.children("item", MucNs.ADMIN);
        if (items.isEmpty()) return StanzaError.BAD_REQUEST.replyTo(iq, "an item is expected");
        return iq.type() == Iq.Type.GET ? list(room, iq, items.get(0)) : set(room, iq, items);
    }

    private static Iq list(Room room, Iq iq, Element item) {
        Occupant actor = room.occupantByRealJid(iq.from()).orElse(null);
        Affiliation actorAff = room.affiliation(iq.from());
        Element.Builder q = Element.builder("query", MucNs.ADMIN);
        Role role = Role.parse(item.attr("role"));
        Affiliation aff = Affiliation.parse(item.attr("affiliation"));
        if (role != null) {
            if (actor == null || actor.role() != Role.MODERATOR) return StanzaError.FORBIDDEN.replyTo(iq, "only moderators may list roles");
            for (Occupant o : room.occupants()) {
                if (o.role() != role) continue;
                q.child(itemOf(room.affiliation(o.realJid()), o.role(), o.realJid().bare(), o.nick()));
            }
        } else if (aff != null) {
            if (!Permissions.canReadAffiliationList(actorAff, aff)) return StanzaError.FORBIDDEN.replyTo(iq, "you may not read that list");
            for (Map.Entry<Jid, Affiliation> e : room.affiliations().entrySet()) {
                if (e.getValue() == aff) q.child(itemOf(aff, null, e.getKey(), null));
            }
        } else {
            return StanzaError.BAD_REQUEST.replyTo(iq, "ask for a role or an affiliation");
        }
        return iq.result(q.build());
    }

    private static Element itemOf(Affiliation aff, Role role, Jid jid, String nick) {
        return Element.builder("item", MucNs.ADMIN).attr("affiliation", aff.xml()).attr("role", role == null ? null : role.xml())
                .attr("jid", jid.toString()).attr("nick", nick).build();
    }

    private static Iq set(Room room, Iq iq, List<Element> items) {
        Occupant actor = room.occupantByRealJid(iq.from()).orElse(null);
        Affiliation actorAff = room.affiliation(iq.from());
        List<Change> changes = new ArrayList<>();
        for (Element item : items) changes.add(check(room, actor, actorAff, item));
        checkOwnersRemain(room, changes);
        String actorNick = actor == null ? null : actor.nick();
        for (Change c : changes) {
            switch (c) {
                case RoleChange r -> room.occupant(r.target().nick())
                        .ifPresent(o -> room.setRole(o, r.role(), actorNick, r.reason()));
                case AffiliationChange a -> room.setAffiliation(a.target(), a.affiliation(), actorNick, a.reason());
            }
        }
        return iq.result();
    }

    private static Change check(Room room, Occupant actor, Affiliation actorAff, Element item) {
        String reason = item.childText("reason", MucNs.ADMIN).orElse(null);
        Role role = Role.parse(item.attr("role"));
        Affiliation aff = Affiliation.parse(item.attr("affiliation"));
        if (role != null && aff == null) {
            Occupant target = room.occupant(item.attr("nick") == null ? "" : item.attr("nick"))
                    .orElseThrow(() -> new StanzaException(StanzaError.ITEM_NOT_FOUND, "no occupant with that nick"));
            if (actor == null || actor.role() != Role.MODERATOR) throw new StanzaException(StanzaError.FORBIDDEN, "only moderators may change roles");
            if (!Permissions.canSetRole(actorAff, actor.role(), room.affiliation(target.realJid()), target.role(), role)) {
                throw new StanzaException(StanzaError.NOT_ALLOWED, "you may not change that occupant's role");
            }
            return new RoleChange(target, role, reason);
        }
        if (aff != null) {
            Jid target = targetJid(room, item);
            if (!actorAff.isAdminOrOwner()) throw new StanzaException(StanzaError.FORBIDDEN, "only admins and owners may change affiliations");
            if (!Permissions.canSetAffiliation(actorAff, room.affiliation(target), aff)) {
                throw new StanzaException(StanzaError.NOT_ALLOWED, "you may not change that affiliation");
            }
            return new AffiliationChange(target, aff, reason);
        }
        throw new StanzaException(StanzaError.BAD_REQUEST, "an item needs a role or an affiliation");
    }

    private static Jid targetJid(Room room, Element item) {
        if (item.attr("jid") != null) {
            Jid j = Jid.parseOrNull(item.attr("jid"));
            if (j == null) throw new StanzaException(StanzaError.JID_MALFORMED);
            return j.bare();
        }
        if (item.attr("nick") != null) {
            return room.occupant(item.attr("nick")).map(o -> o.realJid().bare())
                    .orElseThrow(() -> new StanzaException(StanzaError.ITEM_NOT_FOUND, "no occupant with that nick"));
        }
        throw new StanzaException(StanzaError.BAD_REQUEST, "an affiliation item needs a jid");
    }

    /** §10.7: a room always keeps an owner. */
    private static void checkOwnersRemain(Room room, List<Change> changes) {
        java.util.Set<Jid> owners = new java.util.HashSet<>();
        room.affiliations().forEach((j, a) -> { if (a == Affiliation.OWNER) owners.add(j); });
        for (Change c : changes) {
            if (c instanceof AffiliationChange a) {
                if (a.affiliation() == Affiliation.OWNER) owners.add(a.target()); else owners.remove(a.target());
            }
        }
        if (owners.isEmpty()) throw new StanzaException(StanzaError.CONFLICT, "the room must keep an owner");
    }
}
