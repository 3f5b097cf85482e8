package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Node;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Archives of chat rooms (XEP-0313 with XEP-0045), offered by mod_mam to the MUC module through the
 * host's service registry ({@code ModuleContext.provide(RoomArchive.class, …)}): the same store,
 * writer and query code as account archives, with the room's bare JID as the owner and the
 * occupant JID ({@code room@service/nick}) as the other party. The MUC module decides which rooms
 * archive and who may read; this class decides which messages are worth keeping, stores them and
 * answers queries.
 *
 * <p>The sender's real bare JID is kept inside the stored message as a muc#user
 * {@code <x><item jid='…'/></x>}; {@link #query} leaves it in the results only for requesters
 * allowed to see real JIDs.
 */
public final class RoomArchive {
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";

    private final ArchiveService service;

    public RoomArchive(ArchiveService service) {
        this.service = service;
    }

    /**
     * Queues a reflected groupchat message (from the occupant JID, without 'to') for the room's
     * archive if it is worth keeping, and returns its id; empty if it was not archived.
     *
     * @param occupant the sender's occupant JID (room@service/nick)
     * @param realJid  the sender's real JID (kept as a bare JID), or null
     */
    public OptionalLong append(Jid room, Jid occupant, Jid realJid, Element message) {
        if (!ArchivePolicy.archivableGroupchat(message)) return OptionalLong.empty();
        Jid owner = room.bare();
        // anything a client put in these places could pass for the room's own data in the results
        Element kept = withoutMucUser(ArchivePolicy.withoutStanzaIdsBy(message, owner.toString()));
        if (realJid != null) {
            kept = kept.withChild(Element.builder("x", MUC_USER)
                    .child(Element.builder("item", MUC_USER).attr("jid", realJid.bare().toString()).build()).build());
        }
        return OptionalLong.of(service.append(owner, occupant, false, new Message(kept, occupant, null)));
    }

    /** The XEP-0359 element to add to the broadcast copies of an archived message. */
    public static Element stanzaId(Jid room, long id) {
        return ArchivePolicy.stanzaId(id, room.bare().toString());
    }

    /** The message without any {@code <stanza-id/>} claiming to be by the room (XEP-0359 §4). */
    public static Element withoutForgedStanzaIds(Jid room, Element message) {
        return ArchivePolicy.withoutStanzaIdsBy(message, room.bare().toString());
    }

    /**
     * Answers a query IQ set to the room; result messages go to {@code send} first, the returned
     * IQ is the reply. The caller has checked the requester may read the room's history.
     *
     * @param revealRealJids whether the requester may see the senders' real JIDs (non-anonymous
     *                       room, or a moderator)
     */
    public Iq query(Iq iq, Jid room, boolean revealRealJids, Consumer<Stanza> send) throws InterruptedException {
        Consumer<Stanza> out = revealRealJids ? send : s -> send.accept(withoutRealJid(s));
        return service.answerQuery(iq, room.bare(), room.bare(), out);
    }

    /** The answer to a get of the query: the search form. */
    public Element form() {
        return ArchiveService.form();
    }

    public Element metadata(Jid room) throws InterruptedException {
        return service.metadata(room.bare());
    }

    /**
     * One archived room message as operators see it.
     *
     * @param nick    the sender's nick when it was sent
     * @param realJid the sender's bare JID, or null if the room did not know it
     * @param body    the text, or null for a message without one
     */
    public record Archived(String id, Instant timestamp, String nick, Jid realJid, String body) {}

    /**
     * A page of a room's archive, oldest first.
     *
     * @param more whether older messages are left (page on with the first message's id)
     */
    public record Recent(List<Archived> messages, boolean more) {}

    /**
     * The newest {@code limit} messages of the room's archive that are older than {@code beforeId}
     * (the newest of all when null), oldest first: what an operator pages back through. Operators
     * may read every room and see real JIDs, so nothing is checked or hidden here. Blocks on storage.
     *
     * @throws IllegalArgumentException if {@code beforeId} is not an archive id
     * @throws NoSuchElementException   if the room's archive has no message with that id
     */
    public Recent recent(Jid room, String beforeId, int limit) throws InterruptedException {
        if (limit < 1) throw new IllegalArgumentException("limit must be at least 1");
        Jid owner = room.bare();
        // messages reflected before this call are in what it reads
        service.writer().awaitOwner(owner);
        ArchiveStore store = service.store();
        long below = Long.MAX_VALUE;
        if (beforeId != null) {
            long before = ArchiveIds.parse(beforeId);
            if (!store.contains(owner, before)) throw new NoSuchElementException("no message with id " + beforeId + " in the archive of " + owner);
            below = before - 1;
        }
        List<ArchiveStore.Entry> found = store.find(owner, ArchiveStore.Filter.all().withBounds(Long.MIN_VALUE, below), true, limit + 1);
        boolean more = found.size() > limit;
        List<Archived> page = new ArrayList<>();
        for (ArchiveStore.Entry e : more ? found.subList(0, limit) : found) page.add(archived(e));
        Collections.reverse(page);
        return new Recent(List.copyOf(page), more);
    }

    private static Archived archived(ArchiveStore.Entry e) {
        Jid real = e.message().child("x", MUC_USER).flatMap(x -> x.child("item", MUC_USER))
                .map(i -> Jid.parseOrNull(i.attr("jid") == null ? "" : i.attr("jid"))).orElse(null);
        String body = e.body() != null ? e.body() : e.message().childText("body", e.message().namespace()).orElse(null);
        return new Archived(ArchiveIds.format(e.id()), ArchiveIds.timestamp(e.id()).truncatedTo(ChronoUnit.MILLIS),
                e.with() == null ? null : e.with().resource(), real, body);
    }

    /** The room was destroyed: its archive goes, after any writes still queued for it. */
    public void remove(Jid room) throws InterruptedException {
        service.removeArchive(room.bare());
    }

    private static Element withoutMucUser(Element message) {
        if (message.child("x", MUC_USER).isEmpty()) return message;
        List<Node> kept = message.children().stream().filter(n -> !(n instanceof Element e && e.is("x", MUC_USER))).toList();
        return message.withChildren(kept);
    }

    /** A result message with the muc#user element of the forwarded message removed. */
    static Stanza withoutRealJid(Stanza resultMessage) {
        Element m = resultMessage.element();
        Element result = m.child("result", MamNs.MAM).orElse(null);
        Element forwarded = result == null ? null : result.child("forwarded", MamNs.FORWARD).orElse(null);
        Element inner = forwarded == null ? null : forwarded.elements().stream()
                .filter(e -> e.name().equals("message")).findFirst().orElse(null);
        if (inner == null || inner.child("x", MUC_USER).isEmpty()) return resultMessage;
        Element stripped = withoutMucUser(inner);
        Element newForwarded = forwarded.withChildren(forwarded.children().stream()
                .map(n -> n == inner ? stripped : n).toList());
        Element newResult = result.withChildren(List.of(newForwarded));
        return new Message(m.withChildren(m.children().stream().map(n -> n == result ? newResult : n).toList()),
                resultMessage.from(), resultMessage.to());
    }
}
