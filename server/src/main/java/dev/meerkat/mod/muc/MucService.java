package dev.meerkat.mod.muc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.RoomArchive;
import dev.meerkat.mod.muc.feature.AdminItems;
import dev.meerkat.mod.muc.feature.Archiving;
import dev.meerkat.mod.muc.feature.Bans;
import dev.meerkat.mod.muc.feature.Destroy;
import dev.meerkat.mod.muc.feature.HistoryReplay;
import dev.meerkat.mod.muc.feature.Invitations;
import dev.meerkat.mod.muc.feature.LockedRoom;
import dev.meerkat.mod.muc.feature.MaxUsers;
import dev.meerkat.mod.muc.feature.MembersOnly;
import dev.meerkat.mod.muc.feature.OwnerConfig;
import dev.meerkat.mod.muc.feature.Password;
import dev.meerkat.mod.muc.feature.Persistence;
import dev.meerkat.mod.muc.feature.PrivateMessages;
import dev.meerkat.mod.muc.feature.RoomDisco;
import dev.meerkat.mod.muc.feature.Subject;
import dev.meerkat.mod.muc.feature.VoiceRequests;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.mod.muc.store.RoomStore;
import dev.meerkat.mod.muc.store.StoredRoom;
import dev.meerkat.routing.Router;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.util.SerialExecutor;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One MUC service domain: its rooms, each with its own serial executor so that a room's state
 * changes one stanza at a time while rooms run in parallel and senders never wait for a room.
 * Stanzas to the domain itself (disco, ping) are answered here.
 */
public final class MucService {
    private record Slot(Room room, SerialExecutor executor) {}

    private final MucOptions options;
    private final Router router;
    private final Executor executor;
    private final Clock clock;
    private final Predicate<Jid> isAdmin;
    private final RoomStore store;
    private final Persistence persistence;
    private final OwnerConfig ownerConfig;
    private final List<RoomFeature> features;
    private final Map<String, Slot> rooms = new ConcurrentHashMap<>();
    /** The rooms each session is in, so that a closed session leaves them without a look at every room. */
    private final Map<Jid, Set<String>> roomsOf = new ConcurrentHashMap<>();
    private final Room.Host host = new RoomHost();

    /** @param archives the room archive service (mod_mam), looked up at each use; empty without one */
    public MucService(MucOptions options, Router router, Executor executor, Clock clock, Predicate<Jid> isAdmin, RoomStore store,
                      Supplier<Optional<RoomArchive>> archives) {
        this.options = options;
        this.router = router;
        this.executor = executor;
        this.clock = clock;
        this.isAdmin = isAdmin;
        this.store = store;
        this.persistence = new Persistence(store);
        this.ownerConfig = new OwnerConfig(options.maxUsers(), options.maxHistorySize(), () -> archives.get().isPresent());
        this.features = List.of(new LockedRoom(), new Bans(), new MembersOnly(), new Password(),
                new MaxUsers(options.maxUsers()), new HistoryReplay(), new Subject(), new PrivateMessages(),
                new Invitations(), new VoiceRequests(), new AdminItems(),
                ownerConfig, new Destroy(),
                new RoomDisco(), new Archiving(archives, executor), persistence);
    }

    public String domain() { return options.domain(); }

    private RoomConfig defaults() { return RoomConfig.defaults(0, options.historySize(), options.archiveByDefault()); }

    /** Brings back the persistent rooms (blocking). */
    public void load() {
        for (StoredRoom s : store.rooms(options.domain(), defaults())) {
            Room room = new Room(s.jid(), s.config(), host, features);
            room.restore(s.affiliations(), s.subject(), s.subjectNick());
            persistence.loaded(s.jid());
            rooms.put(s.jid().local(), slot(room));
        }
    }

    private Slot slot(Room room) { return new Slot(room, new SerialExecutor(executor, () -> { })); }

    /** The router's handler: runs on the sender's thread, so it only looks up and enqueues. */
    public void accept(Stanza s) {
        if (s.from() == null) return;
        if (!s.to().hasLocal()) {
            serviceStanza(s);
            return;
        }
        Slot slot = rooms.get(s.to().local());
        if (slot == null) {
            if (!(s instanceof Presence p && p.isAvailable() && s.to().hasResource())) {
                refuseMissingRoom(s);
                return;
            }
            if (!mayCreate(s.from())) {
                // As for refusals by a room: the join payload is not echoed (some clients choke on it).
                Presence bare = new Presence(p.element().withChildren(List.of()), p.from(), p.to());
                router.route(StanzaError.NOT_ALLOWED.replyTo(bare, "you may not create rooms here"));
                return;
            }
            slot = rooms.computeIfAbsent(s.to().local(),
                    n -> slot(Room.create(s.to().bare(), s.from(), defaults(), host, features)));
        }
        Slot target = slot;
        target.executor().execute(() -> {
            // The room closed while this stanza waited: it goes to whatever room has the name now.
            if (target.room().isClosed()) accept(s); else target.room().handle(s);
        });
    }

    private void refuseMissingRoom(Stanza s) {
        if (s.isError() || s instanceof Presence) return;
        if (s instanceof Iq iq && !iq.isRequest()) return;
        router.route(StanzaError.ITEM_NOT_FOUND.replyTo(s, "no such room"));
    }

    private boolean mayCreate(Jid user) {
        if (!options.mayCreate(user, isAdmin)) return false;
        if (isAdmin.test(user)) return true;
        long owned = rooms.values().stream().filter(sl -> sl.room().affiliation(user) == Affiliation.OWNER).count();
        return owned < options.maxRoomsPerUser();
    }

    // ---- the service domain itself (§6.1–6.3) ----

    private void serviceStanza(Stanza s) {
        if (!(s instanceof Iq iq) || !iq.isRequest()) return;
        Element q = iq.payload().orElse(null);
        Iq reply;
        if (q != null && iq.type() == Iq.Type.GET && q.is("query", Ns.DISCO_INFO) && q.attr("node") == null) {
            reply = iq.result(serviceInfo());
        } else if (q != null && iq.type() == Iq.Type.GET && q.is("query", Ns.DISCO_ITEMS) && q.attr("node") == null) {
            reply = iq.result(publicRooms());
        } else if (q != null && iq.type() == Iq.Type.GET && q.is("ping", MucNs.PING)) {
            reply = iq.result();
        } else {
            reply = StanzaError.SERVICE_UNAVAILABLE.replyTo(iq);
        }
        router.route(reply);
    }

    private static Element serviceInfo() {
        Element.Builder q = Element.builder("query", Ns.DISCO_INFO)
                .child(Element.builder("identity", Ns.DISCO_INFO).attr("category", "conference").attr("type", "text")
                        .attr("name", "Chatrooms").build());
        for (String f : List.of(MucNs.MUC, MucNs.STABLE_ID, Ns.DISCO_INFO, Ns.DISCO_ITEMS, MucNs.PING)) {
            q.child(Element.builder("feature", Ns.DISCO_INFO).attr("var", f).build());
        }
        return q.build();
    }

    /** §6.3: public rooms that are open for business (not locked). */
    private Element publicRooms() {
        Element.Builder q = Element.builder("query", Ns.DISCO_ITEMS);
        rooms.values().stream().map(Slot::room).filter(r -> r.config().publicRoom() && !r.locked() && !r.isClosed())
                .sorted(java.util.Comparator.comparing(r -> r.jid().toString()))
                .forEach(r -> q.child(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", r.jid().toString())
                        .attr("name", r.config().name().isEmpty() ? r.jid().local() : r.config().name()).build()));
        return q.build();
    }

    // ---- sessions and shutdown ----

    /** A user's session ended: it leaves every room it was in. */
    public void sessionClosed(Jid fullJid) {
        Set<String> names = roomsOf.remove(fullJid);
        if (names == null) return;
        for (String name : names) {
            Element p = Element.builder("presence", Ns.CLIENT).attr("from", fullJid.toString())
                    .attr("to", Jid.of(name, options.domain(), null).toString()).attr("type", "unavailable").build();
            Slot slot = rooms.get(name);
            if (slot != null) slot.executor().execute(() -> slot.room().handle(Stanza.of(p)));
        }
    }

    /** The module stops: every occupant is told (332), rooms are dropped from memory. */
    public void shutdown() {
        for (Slot slot : List.copyOf(rooms.values())) slot.executor().execute(slot.room()::shutdown);
    }

    /** Names of the rooms in memory (for tests and admin tools). */
    public Set<String> roomNames() { return Set.copyOf(rooms.keySet()); }

    // ---- admin tools (the admin API) ----

    /**
     * Creates a room as an operator would: unlocked with the default configuration made persistent
     * (it has nobody in it, and a temporary room would close at once), owned by {@code owner}.
     * Completes with false when the name is taken.
     */
    public CompletableFuture<Boolean> createRoom(String name, Jid owner) {
        Room room = new Room(Jid.of(name, options.domain(), null), defaults().withPersistent(true), host, features);
        room.restore(Map.of(owner.bare(), Affiliation.OWNER), "", null);
        Slot fresh = slot(room);
        if (rooms.putIfAbsent(name, fresh) != null) return CompletableFuture.completedFuture(false);
        return run(fresh, r -> {
            r.changed();
            return true;
        });
    }

    /**
     * Runs {@code operation} on the room's own executor, between its stanzas; empty when there is
     * no such room. The future fails with {@link java.util.NoSuchElementException} if the room
     * closed before the operation ran.
     */
    public <T> java.util.Optional<CompletableFuture<T>> inRoom(String name, Function<Room, T> operation) {
        Slot slot = rooms.get(name);
        return slot == null ? java.util.Optional.empty() : java.util.Optional.of(run(slot, operation));
    }

    /**
     * The vars of the configuration form the room's owners get now (whether the archiving switch
     * is there depends on mod_mam). Call on the room's executor, inside {@link #inRoom}.
     */
    public Set<String> configFields(Room room) { return ownerConfig.fields(room); }

    /**
     * Applies configuration form values exactly as an owner's submission does (status 104 to the
     * occupants, stored if persistent) and returns the new configuration. Call on the room's
     * executor, inside {@link #inRoom}.
     *
     * @throws dev.meerkat.stanza.StanzaException not-acceptable, for a value out of range
     */
    public RoomConfig submitConfig(Room room, Map<String, List<String>> values) { return ownerConfig.submit(room, values); }

    private <T> CompletableFuture<T> run(Slot slot, Function<Room, T> operation) {
        CompletableFuture<T> result = new CompletableFuture<>();
        slot.executor().execute(() -> {
            Room room = slot.room();
            if (room.isClosed()) {
                result.completeExceptionally(new java.util.NoSuchElementException("no such room"));
                return;
            }
            try {
                result.complete(operation.apply(room));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
            // As after a stanza: a temporary room left empty (its last occupant kicked) goes away.
            if (!room.isClosed() && room.occupants().isEmpty() && !room.config().persistent()) room.shutdown();
        });
        return result;
    }

    private final class RoomHost implements Room.Host {
        @Override public void send(Stanza stanza) { router.route(stanza); }

        @Override public Instant now() { return clock.instant(); }

        @Override
        public void closed(Room room) {
            rooms.computeIfPresent(room.jid().local(), (k, v) -> v.room() == room ? null : v);
        }

        @Override
        public void entered(Room room, Jid realJid) {
            roomsOf.computeIfAbsent(realJid, k -> ConcurrentHashMap.newKeySet()).add(room.jid().local());
        }

        @Override
        public void left(Room room, Jid realJid) {
            roomsOf.computeIfPresent(realJid, (k, set) -> {
                set.remove(room.jid().local());
                return set.isEmpty() ? null : set;
            });
        }
    }
}
