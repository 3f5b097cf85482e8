package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.jdbc.JdbcArchiveStore;
import dev.meerkat.module.ServerServices;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;

import java.util.function.Consumer;

/**
 * Archives of chat rooms (XEP-0313 with XEP-0045): the same store as account archives, with the
 * room's bare JID as the owner and the occupant JID ({@code room@service/nick}) as the other party.
 * For a MUC module to use without mod_mam being involved: it decides which messages to archive
 * and who may read the archive; this class only stores and answers.
 *
 * <p>Typical use: {@code long id = archive.append(room, occupantJid, message)} before broadcasting,
 * then add {@link #stanzaId(Jid, long)} to the broadcast copies; answer a
 * {@code <query xmlns='urn:xmpp:mam:2'/>} IQ set to the room with {@link #query}, a get with
 * {@link ArchiveService#form()}; {@link #close} when the MUC module stops.
 */
public final class RoomArchive implements AutoCloseable {
    private final ArchiveService service;

    public RoomArchive(ArchiveService service) {
        this.service = service;
    }

    /** A room archive on the server's database, with its own writer thread; page sizes as mod_mam's defaults. */
    public static RoomArchive open(ServerServices services, String name) {
        ArchiveStore store = new JdbcArchiveStore(services.database());
        ArchiveWriter writer = new ArchiveWriter(store, MamModule.DEFAULT_QUEUE, MamModule.DEFAULT_BATCH, "mam-room-writer-" + name);
        return new RoomArchive(new ArchiveService(store, writer, new ArchiveIds(services.clock()), MamModule.DEFAULT_PAGE, MamModule.MAX_PAGE));
    }

    /**
     * Queues a groupchat message for the room's archive and returns its id.
     *
     * @param occupant the sender's occupant JID (room@service/nick)
     */
    public long append(Jid room, Jid occupant, Message message) {
        return service.append(room.bare(), occupant, false, message);
    }

    /** The XEP-0359 element to add to the broadcast copies of an archived message. */
    public static Element stanzaId(Jid room, long id) {
        return ArchivePolicy.stanzaId(id, room.bare().toString());
    }

    /**
     * Answers a query IQ set to the room; result messages go to {@code send} first.
     * The caller has checked the requester may read the room's history.
     */
    public Iq query(Iq iq, Jid room, Consumer<Stanza> send) throws InterruptedException {
        return service.answerQuery(iq, room.bare(), room.bare(), send);
    }

    public Element metadata(Jid room) throws InterruptedException {
        return service.metadata(room.bare());
    }

    /** The room was destroyed. */
    public void remove(Jid room) throws InterruptedException {
        service.removeArchive(room.bare());
    }

    /** Writes what is queued and stops the writer. */
    @Override
    public void close() {
        service.close();
    }
}
