package dev.meerkat.mod.muc.room;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room: its occupants, affiliations, configuration, subject and history, and the core rules of
 * entering, leaving, nick changes, roles and affiliations. Everything else is a {@link RoomFeature}.
 *
 * <p>Threading: a room is confined to its own serial executor (the service submits every stanza
 * there), so its state needs no locks; only {@link #affiliation} and {@link #config} are read from
 * other threads (the service's disco and quota checks), hence the concurrent map and volatile field.
 */
public final class Room {
    /** What a room needs from its service. */
    public interface Host {
        /** Routes a stanza; never waits for the recipient. */
        void send(Stanza stanza);

        Instant now();

        /** The room emptied out (temporary) or was destroyed: forget it. */
        void closed(Room room);

        /** A session became an occupant (its departure is told by {@link #left}). */
        default void entered(Room room, Jid realJid) {}

        default void left(Room room, Jid realJid) {}
    }

    private final Jid jid;
    private final Host host;
    private final List<RoomFeature> features;
    private final Map<Jid, Affiliation> affiliations = new ConcurrentHashMap<>();
    private final Map<String, Occupant> occupants = new LinkedHashMap<>();
    private final History history = new History();
    private volatile RoomConfig config;
    private String subject = "";
    private String subjectNick;
    private volatile boolean locked;
    private boolean awaitingCreator;
    private boolean closed;

    public Room(Jid jid, RoomConfig config, Host host, List<RoomFeature> features) {
        this.jid = jid.bare();
        this.config = config;
        this.host = host;
        this.features = List.copyOf(features);
    }

    /** A room being created by {@code creator}: it becomes owner, the room stays locked until configured (§10.1). */
    public static Room create(Jid jid, Jid creator, RoomConfig config, Host host, List<RoomFeature> features) {
        Room r = new Room(jid, config, host, features);
        r.affiliations.put(creator.bare(), Affiliation.OWNER);
        r.locked = true;
        r.awaitingCreator = true;
        return r;
    }

    /** A stored room coming back: affiliations and subject as they were, unlocked. */
    public void restore(Map<Jid, Affiliation> stored, String storedSubject, String storedSubjectNick) {
        affiliations.putAll(stored);
        affiliations.values().removeIf(a -> a == Affiliation.NONE);
        subject = storedSubject == null ? "" : storedSubject;
        subjectNick = storedSubjectNick;
    }

    // ---- state, read by features ----

    public Jid jid() { return jid; }

    public RoomConfig config() { return config; }

    public Affiliation affiliation(Jid user) { return affiliations.getOrDefault(user.bare(), Affiliation.NONE); }

    public Map<Jid, Affiliation> affiliations() { return Map.copyOf(affiliations); }

    public List<Occupant> occupants() { return List.copyOf(occupants.values()); }

    public Optional<Occupant> occupant(String nick) { return Optional.ofNullable(occupants.get(nick)); }

    public Optional<Occupant> occupantByRealJid(Jid real) {
        for (Occupant o : occupants.values()) if (o.realJid().equals(real)) return Optional.of(o);
        return Optional.empty();
    }

    public Jid occupantJid(Occupant o) { return jid.withResource(o.nick()); }

    public String subject() { return subject; }

    public String subjectNick() { return subjectNick; }

    public History history() { return history; }

    public boolean locked() { return locked; }

    public boolean isClosed() { return closed; }

    public Instant now() { return host.now(); }

    public List<RoomFeature> features() { return features; }

    public void send(Stanza s) { host.send(s); }

    // ---- entry point ----

    /** Handles one stanza addressed to the room or to one of its occupants. */
    public void handle(Stanza stanza) {
        try {
            switch (stanza) {
                case Presence p -> presence(p);
                case Message m -> message(m);
                case Iq iq -> iq(iq);
            }
        } catch (StanzaException e) {
            if (!stanza.isError() && !(stanza instanceof Iq iq && !iq.isRequest())) {
                // A refused presence is answered without its payload: some clients choke on their own
                // join element echoed back, and the id is all they need to match the error.
                Stanza original = stanza instanceof Presence p ? new Presence(p.element().withChildren(List.of()), p.from(), p.to()) : stanza;
                send(e.error().replyTo(original, e.text()));
            }
        }
        if (!closed && occupants.isEmpty() && !config.persistent()) {
            // §5.1 of XEP-0045: a temporary room is destroyed when its last occupant leaves
            for (RoomFeature f : features) f.destroyed(this);
            close();
        }
    }

    // ---- presence: enter, update, nick change, leave (§7.2–7.4, §7.6, §7.14) ----

    private void presence(Presence p) {
        Jid from = p.from();
        String nick = p.to().resource();
        Occupant me = occupantByRealJid(from).orElse(null);
        if (p.isError()) {
            // The occupant's client is gone or refuses room traffic: it has left (as ejabberd does).
            if (me != null) leave(me, List.of(), null);
            return;
        }
        if (p.isUnavailable()) {
            if (me != null) leave(me, userChildren(p), p.id());
            return;
        }
        if (p.type() != null) return;
        if (nick == null || nick.isBlank()) throw new StanzaException(StanzaError.JID_MALFORMED, "a nick is required");
        if (me == null) {
            join(p, nick);
        } else if (me.nick().equals(nick)) {
            Occupant updated = me.withPresence(userChildren(p));
            occupants.put(nick, updated);
            broadcastPresence(updated, null, Set.of(), Set.of(), null, null, p.id());
        } else {
            changeNick(me, nick, userChildren(p), p.id());
        }
    }

    private void join(Presence p, String nick) {
        Element x = p.element().child("x", MucNs.MUC).orElse(null);
        String password = x == null ? null : x.childText("password", MucNs.MUC).orElse(null);
        History.Request hist = History.Request.parse(x == null ? null : x.child("history", MucNs.MUC).orElse(null));
        JoinRequest req = new JoinRequest(p.from(), nick, affiliation(p.from()), password, hist);
        for (RoomFeature f : features) f.checkJoin(this, req);
        if (occupants.containsKey(nick)) throw new StanzaException(StanzaError.CONFLICT, "that nick is taken");

        Occupant occ = new Occupant(nick, p.from(), Permissions.defaultRole(req.affiliation(), config.moderated()),
                userChildren(p));
        for (Occupant o : occupants.values()) send(presenceOf(o, occ, null, Set.of(), null, null));
        addOccupant(occ);
        Set<Integer> selfCodes = new LinkedHashSet<>();
        if (config.whois() == Whois.ANYONE) selfCodes.add(MucNs.NON_ANONYMOUS);
        if (awaitingCreator) selfCodes.add(MucNs.CREATED);
        for (RoomFeature f : features) f.joinCodes(this, selfCodes);
        awaitingCreator = false;
        broadcastPresence(occ, null, Set.of(), selfCodes, null, null, p.id());
        for (RoomFeature f : features) f.joined(this, occ, req);
    }

    private void changeNick(Occupant me, String nick, List<Element> children, String id) {
        if (occupants.containsKey(nick)) throw new StanzaException(StanzaError.CONFLICT, "that nick is taken");
        broadcastPresence(me, "unavailable", Set.of(MucNs.NEW_NICK), Set.of(), new ItemExtras(nick, null, null), null);
        occupants.remove(me.nick());
        Occupant renamed = me.withNick(nick).withPresence(children);
        occupants.put(nick, renamed);  // same session: the service's index of occupants is unchanged
        broadcastPresence(renamed, null, Set.of(), Set.of(), null, null, id);
    }

    private void leave(Occupant me, List<Element> children, String id) {
        Occupant gone = me.withRole(Role.NONE).withPresence(children);
        broadcastPresence(gone, "unavailable", Set.of(), Set.of(), null, null, id);
        removeOccupant(me);
    }

    private void addOccupant(Occupant o) {
        occupants.put(o.nick(), o);
        host.entered(this, o.realJid());
    }

    private void removeOccupant(Occupant o) {
        occupants.remove(o.nick());
        host.left(this, o.realJid());
    }

    /** The presence children a user sent, without the MUC payloads the room adds itself. */
    private static List<Element> userChildren(Presence p) {
        List<Element> out = new ArrayList<>();
        for (Element e : p.element().elements()) {
            if (e.namespace().equals(MucNs.MUC) || e.namespace().equals(MucNs.USER)) continue;
            out.add(e);
        }
        return out;
    }

    // ---- messages (§7.4, §7.5): features first, then plain groupchat ----

    private void message(Message m) {
        Occupant sender = occupantByRealJid(m.from()).orElse(null);
        if (m.isError()) {
            // A message to the occupant bounced because its session is gone: it has left (as ejabberd does).
            if (sender != null && sessionGone(m)) leave(sender, List.of(), null);
            return;
        }
        for (RoomFeature f : features) if (f.message(this, m)) return;
        if (m.to().hasResource()) throw new StanzaException(StanzaError.BAD_REQUEST);
        if (!"groupchat".equals(m.type())) throw new StanzaException(StanzaError.BAD_REQUEST, "send groupchat messages to the room");
        if (sender == null) throw new StanzaException(StanzaError.NOT_ACCEPTABLE, "only occupants may send messages to the room");
        if (config.moderated() && !sender.role().hasVoice()) throw new StanzaException(StanzaError.FORBIDDEN, "you have no voice here");
        reflect(sender, m.element());
    }

    private static boolean sessionGone(Stanza error) {
        return error.element().child("error", error.element().namespace())
                .map(e -> e.child("service-unavailable", dev.meerkat.xml.Ns.STANZA_ERRORS).isPresent()
                        || e.child("recipient-unavailable", dev.meerkat.xml.Ns.STANZA_ERRORS).isPresent()
                        || e.child("remote-server-not-found", dev.meerkat.xml.Ns.STANZA_ERRORS).isPresent())
                .orElse(false);
    }

    /** Sends a groupchat message to every occupant as coming from the sender's occupant JID. */
    public void reflect(Occupant sender, Element message) {
        Element out = message.withAttr("from", occupantJid(sender).toString()).withoutAttr("to").withAttr("type", "groupchat");
        for (RoomFeature f : features) out = f.reflecting(this, sender, out);
        for (Occupant o : occupants.values()) send(Stanza.of(out.withAttr("to", o.realJid().toString())));
        for (RoomFeature f : features) f.reflected(this, out);
    }

    /** A message from the room itself to every occupant (status codes of §10.2.1 etc.). */
    public void announce(Element x) {
        for (Occupant o : occupants.values()) {
            send(Stanza.of(Element.builder("message", Ns.CLIENT).attr("from", jid.toString())
                    .attr("to", o.realJid().toString()).attr("type", "groupchat").child(x).build()));
        }
    }

    public void setSubject(String text, String nick) {
        subject = text == null ? "" : text;
        subjectNick = nick;
        changed();
    }

    // ---- IQs ----

    private void iq(Iq iq) {
        if (iq.to().hasResource()) {
            occupantIq(iq);
            return;
        }
        if (!iq.isRequest()) return;
        for (RoomFeature f : features) {
            Iq reply = f.iq(this, iq);
            if (reply != null) {
                send(reply);
                return;
            }
        }
        for (RoomFeature f : features) if (f.iqLater(this, iq)) return;
        throw new StanzaException(StanzaError.SERVICE_UNAVAILABLE);
    }

    /**
     * IQs between occupants (§7.9 vCards, XEP-0410 self-ping): requests go to the target's real JID
     * from the sender's occupant JID; replies come back to that occupant JID and are passed on.
     */
    private void occupantIq(Iq iq) {
        Occupant sender = occupantByRealJid(iq.from()).orElse(null);
        Occupant target = occupants.get(iq.to().resource());
        if (iq.isRequest()) {
            // §6.6: bad-request for a non-occupant's disco request; other IQs are refused alike.
            if (sender == null) throw new StanzaException(StanzaError.BAD_REQUEST, "you are not in this room");
            if (target == null) throw new StanzaException(StanzaError.ITEM_NOT_FOUND, "no such occupant");
            if (target == sender && iq.payload().filter(e -> e.is("ping", MucNs.PING)).isPresent()) {
                send(iq.result());
                return;
            }
        } else if (sender == null || target == null) {
            return;
        }
        send(iq.withAddresses(occupantJid(sender), target.realJid()));
    }

    // ---- roles and affiliations (§8–10) ----

    /** Optional parts of an occupant item: the new nick (303), who acted and why (kick, ban). */
    public record ItemExtras(String nick, String actorNick, String reason) {}

    /** Changes a present occupant's role; role none removes it from the room (kick, §8.2). */
    public void setRole(Occupant target, Role role, String actorNick, String reason) {
        ItemExtras extras = new ItemExtras(null, actorNick, reason);
        if (role == Role.NONE) {
            removeOccupant(target);
            broadcastPresence(target.withRole(Role.NONE), "unavailable", Set.of(MucNs.KICKED), Set.of(), extras, List.of(target));
            return;
        }
        Occupant updated = target.withRole(role);
        occupants.put(target.nick(), updated);
        broadcastPresence(updated, null, Set.of(), Set.of(), extras, null);
    }

    /** Changes a bare JID's affiliation and what it means for its occupants (§9, §10). */
    public void setAffiliation(Jid user, Affiliation aff, String actorNick, String reason) {
        Jid bare = user.bare();
        Affiliation before = affiliation(bare);
        if (aff == Affiliation.NONE) affiliations.remove(bare); else affiliations.put(bare, aff);
        ItemExtras extras = new ItemExtras(null, actorNick, reason);
        for (Occupant o : occupants()) {
            if (!o.realJid().bare().equals(bare)) continue;
            if (aff == Affiliation.OUTCAST) {
                removeWithCode(o, MucNs.BANNED, extras);
            } else if (config.membersOnly() && aff == Affiliation.NONE) {
                removeWithCode(o, MucNs.AFFILIATION_REMOVED, extras);
            } else {
                Role role = roleAfterAffiliationChange(o.role(), before, aff, config.moderated());
                Occupant updated = o.withRole(role);
                occupants.put(o.nick(), updated);
                broadcastPresence(updated, null, Set.of(), Set.of(), extras, null);
            }
        }
        changed();
    }

    /** §9–10: admins and owners moderate; losing that status gives the default role back. */
    static Role roleAfterAffiliationChange(Role current, Affiliation before, Affiliation after, boolean moderated) {
        if (after.isAdminOrOwner()) return Role.MODERATOR;
        if (before.isAdminOrOwner()) return Permissions.defaultRole(after, moderated);
        if (current == Role.VISITOR && after == Affiliation.MEMBER) return Role.PARTICIPANT;
        return current;
    }

    private void removeWithCode(Occupant o, int code, ItemExtras extras) {
        removeOccupant(o);
        broadcastPresence(o.withRole(Role.NONE), "unavailable", Set.of(code), Set.of(), extras, List.of(o));
    }

    /** Applies a new configuration and its consequences (§10.2). */
    public void configure(RoomConfig next) {
        RoomConfig before = config;
        config = next;
        locked = false;
        awaitingCreator = false;
        history.trim(next.historyLength());
        if (next.membersOnly() && !before.membersOnly()) {
            for (Occupant o : occupants()) {
                if (!affiliation(o.realJid()).atLeast(Affiliation.MEMBER)) {
                    removeWithCode(o, MucNs.MEMBERS_ONLY_REMOVED, new ItemExtras(null, null, null));
                }
            }
        }
        Set<Integer> codes = new LinkedHashSet<>();
        codes.add(MucNs.CONFIG_CHANGED);
        for (RoomFeature f : features) f.configCodes(this, before, codes);
        Element.Builder x = Element.builder("x", MucNs.USER);
        for (int code : codes) x.child(status(code));
        announce(x.build());
        changed();
    }

    /** Tells features that persistent state changed (they store it). */
    public void changed() {
        for (RoomFeature f : features) f.changed(this);
    }

    // ---- the end of a room ----

    /** §10.9: every occupant is told (with the alternate venue and reason), then the room is gone. */
    public void destroy(Jid alternate, String reason, String password) {
        Element.Builder d = Element.builder("destroy", MucNs.USER).attr("jid", alternate == null ? null : alternate.toString());
        if (password != null) d.textChild("password", password);
        if (reason != null) d.textChild("reason", reason);
        Element destroy = d.build();
        for (Occupant o : occupants.values()) {
            // Each occupant gets its own presence, so it carries 110 like any other self-presence.
            Element x = Element.builder("x", MucNs.USER).child(item(Affiliation.NONE, Role.NONE, null, null)).child(destroy)
                    .child(status(MucNs.SELF)).build();
            send(Stanza.of(Element.builder("presence", Ns.CLIENT).attr("from", occupantJid(o).toString())
                    .attr("to", o.realJid().toString()).attr("type", "unavailable").child(x).build()));
        }
        for (Occupant o : occupants()) removeOccupant(o);
        for (RoomFeature f : features) f.destroyed(this);
        close();
    }

    /** The service stops: occupants leave with status 332; stored state is kept. */
    public void shutdown() {
        for (Occupant o : occupants()) removeWithCode(o, MucNs.SHUTDOWN, new ItemExtras(null, null, null));
        close();
    }

    private void close() {
        if (closed) return;
        closed = true;
        host.closed(this);
    }

    // ---- presence building ----

    /**
     * Sends the occupant's presence to everyone in the room, and to {@code alsoTo} (occupants just
     * removed). The occupant itself gets {@code selfCodes} and 110 on top of {@code codes}.
     */
    private void broadcastPresence(Occupant about, String type, Set<Integer> codes, Set<Integer> selfCodes,
                                   ItemExtras extras, List<Occupant> alsoTo) {
        broadcastPresence(about, type, codes, selfCodes, extras, alsoTo, null);
    }

    /** As above; {@code selfId} is the id of the user's presence, echoed in its own reflected presence. */
    private void broadcastPresence(Occupant about, String type, Set<Integer> codes, Set<Integer> selfCodes,
                                   ItemExtras extras, List<Occupant> alsoTo, String selfId) {
        List<Occupant> recipients = new ArrayList<>(occupants.values());
        if (alsoTo != null) recipients.addAll(alsoTo);
        for (Occupant to : recipients) {
            Set<Integer> c = codes;
            if (to.realJid().equals(about.realJid())) {
                c = new LinkedHashSet<>(codes);
                c.add(MucNs.SELF);
                c.addAll(selfCodes);
            }
            Presence p = presenceOf(about, to, type, c, extras, null);
            if (selfId != null && to.realJid().equals(about.realJid())) {
                p = new Presence(p.element().withAttr("id", selfId), p.from(), p.to());
            }
            send(p);
        }
    }

    private Presence presenceOf(Occupant about, Occupant to, String type, Set<Integer> codes, ItemExtras extras,
                                Element extra) {
        boolean self = to.realJid().equals(about.realJid());
        Jid real = self || Permissions.seesRealJids(config.whois(), to.role()) ? about.realJid() : null;
        Element.Builder item = itemBuilder(affiliation(about.realJid()), about.role(), real,
                extras == null ? null : extras.nick());
        if (extras != null && extras.actorNick() != null) {
            item.child(Element.builder("actor", MucNs.USER).attr("nick", extras.actorNick()).build());
        }
        if (extras != null && extras.reason() != null) item.textChild("reason", extras.reason());
        Element.Builder x = Element.builder("x", MucNs.USER).child(item.build());
        if (extra != null) x.child(extra);
        for (int code : codes) x.child(status(code));
        Element.Builder p = Element.builder("presence", Ns.CLIENT).attr("from", occupantJid(about).toString())
                .attr("to", to.realJid().toString()).attr("type", type);
        p.children(about.presence());
        p.child(x.build());
        return (Presence) Stanza.of(p.build());
    }

    public static Element item(Affiliation aff, Role role, Jid real, String nick) {
        return itemBuilder(aff, role, real, nick).build();
    }

    private static Element.Builder itemBuilder(Affiliation aff, Role role, Jid real, String nick) {
        return Element.builder("item", MucNs.USER).attr("affiliation", aff.xml()).attr("role", role.xml())
                .attr("jid", real == null ? null : real.toString()).attr("nick", nick);
    }

    public static Element status(int code) {
        return Element.builder("status", MucNs.USER).attr("code", Integer.toString(code)).build();
    }
}
