package dev.meerkat.mod.muc.feature;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.MamNs;
import dev.meerkat.mod.mam.RoomArchive;
import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Permissions;
import dev.meerkat.mod.muc.room.Role;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Room archives (XEP-0313 for XEP-0045 rooms): a room with {@code muc#roomconfig_enablearchiving}
 * on keeps its groupchat messages in the archive mod_mam offers, stamps the broadcast copies with
 * its stanza id, answers archive queries and says so (status 170, disco features). The archive is
 * looked up at each use, so mod_muc runs the same with or without mod_mam, in either start order;
 * without it no room archives and nothing is advertised.
 */
public final class Archiving implements RoomFeature {
    private static final Logger log = LoggerFactory.getLogger(Archiving.class);

    private final Supplier<Optional<RoomArchive>> archives;
    private final Executor readers;

    /**
     * @param archives the archive service, looked up at each use
     * @param readers  runs archive queries (blocking storage reads)
     */
    public Archiving(Supplier<Optional<RoomArchive>> archives, Executor readers) {
        this.archives = archives;
        this.readers = readers;
    }

    /** The archive, if the server offers one and the room has archiving switched on. */
    private Optional<RoomArchive> archiveOf(Room room) {
        return room.config().archiving() ? archives.get() : Optional.empty();
    }

    @Override
    public Element reflecting(Room room, Occupant sender, Element message) {
        // XEP-0359 §4: a stanza-id claiming to be the room's is the room's to give, never a client's
        Element clean = RoomArchive.withoutForgedStanzaIds(room.jid(), message);
        RoomArchive archive = archiveOf(room).orElse(null);
        if (archive == null) return clean;
        OptionalLong id = archive.append(room.jid(), room.occupantJid(sender), sender.realJid(), clean);
        return id.isPresent() ? clean.withChild(RoomArchive.stanzaId(room.jid(), id.getAsLong())) : clean;
    }

    @Override
    public void discoFeatures(Room room, Consumer<String> features) {
        if (archiveOf(room).isEmpty()) return;
        features.accept(MamNs.MAM);
        features.accept(MamNs.EXTENDED);
        features.accept(MamNs.SID);
    }

    @Override
    public void joinCodes(Room room, Set<Integer> codes) {
        if (archiveOf(room).isPresent()) codes.add(MucNs.LOGGING_ON);
    }

    @Override
    public void configCodes(Room room, RoomConfig before, Set<Integer> codes) {
        if (archives.get().isEmpty() || before.archiving() == room.config().archiving()) return;
        codes.add(room.config().archiving() ? MucNs.LOGGING_ON : MucNs.LOGGING_OFF);
    }

    /**
     * Archive queries and metadata: who may read is decided here, on the room's executor; the
     * storage reads run on {@code readers}, so a long query holds up neither the room nor its
     * other occupants. Results and the reply go out through the router, in that order.
     */
    @Override
    public boolean iqLater(Room room, Iq iq) {
        Element payload = iq.payload().orElse(null);
        if (payload == null || !MamNs.MAM.equals(payload.namespace())) return false;
        boolean query = payload.name().equals("query");
        if (!query && !payload.name().equals("metadata")) return false;
        RoomArchive archive = archiveOf(room).orElse(null);
        if (archive == null) return false;
        StanzaError refusal = mayRead(room, iq.from());
        if (refusal != null) {
            room.send(refusal.replyTo(iq, "you may not read this room's archive"));
        } else if (query && iq.type() == Iq.Type.GET) {
            room.send(iq.result(archive.form()));
        } else if (!query && iq.type() != Iq.Type.GET) {
            room.send(StanzaError.BAD_REQUEST.replyTo(iq, "metadata is read with type='get'"));
        } else {
            Jid jid = room.jid();
            boolean reveal = seesRealJids(room, iq.from());
            readers.execute(() -> room.send(read(archive, iq, jid, query, reveal, room::send)));
        }
        return true;
    }

    private static Iq read(RoomArchive archive, Iq iq, Jid room, boolean query, boolean reveal, Consumer<Stanza> send) {
        try {
            return query ? archive.query(iq, room, reveal, send) : iq.result(archive.metadata(room));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return StanzaError.INTERNAL_SERVER_ERROR.replyTo(iq);
        } catch (RuntimeException e) {
            log.error("archive query to room {} failed", room, e);
            return StanzaError.INTERNAL_SERVER_ERROR.replyTo(iq);
        }
    }

    /**
     * Who may read a room's history: not outcasts; in a members-only room only members (and
     * admins, owners); in a password-protected room members or those inside (they knew the
     * password); anyone otherwise. Null when allowed.
     */
    static StanzaError mayRead(Room room, Jid requester) {
        Affiliation aff = room.affiliation(requester);
        if (aff == Affiliation.OUTCAST) return StanzaError.FORBIDDEN;
        boolean member = aff.atLeast(Affiliation.MEMBER);
        if (room.config().membersOnly() && !member) return StanzaError.FORBIDDEN;
        if (room.config().passwordProtected() && !member && room.occupantByRealJid(requester).isEmpty()) {
            return StanzaError.FORBIDDEN;
        }
        return null;
    }

    /** Real JIDs in the results: as in the room's presence (non-anonymous room, or a moderator), and for admins and owners. */
    static boolean seesRealJids(Room room, Jid requester) {
        if (room.affiliation(requester).isAdminOrOwner()) return true;
        Role role = room.occupantByRealJid(requester).map(Occupant::role).orElse(Role.NONE);
        return Permissions.seesRealJids(room.config().whois(), role);
    }

    @Override
    public void destroyed(Room room) {
        RoomArchive archive = archives.get().orElse(null);
        if (archive == null) return;
        try {
            archive.remove(room.jid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // the room is gone either way; its rows stay until retention removes them
            log.error("could not remove the archive of room {}", room.jid(), e);
        }
    }
}
