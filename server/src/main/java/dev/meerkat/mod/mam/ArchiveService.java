package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The archive machinery shared by account archives ({@link MamModule}) and room archives
 * ({@link RoomArchive}): appending through the {@link ArchiveWriter}, answering queries with result
 * messages and a {@code <fin/>}, the query form and the metadata. Permission checks are the
 * caller's.
 */
public final class ArchiveService implements AutoCloseable {
    private final ArchiveStore store;
    private final ArchiveWriter writer;
    private final ArchiveIds ids;
    private final ArchivePager pager;
    private final int defaultPageSize;
    private final int maxPageSize;

    public ArchiveService(ArchiveStore store, ArchiveWriter writer, ArchiveIds ids, int defaultPageSize, int maxPageSize) {
        this.store = store;
        this.writer = writer;
        this.ids = ids;
        this.pager = new ArchivePager(store);
        this.defaultPageSize = defaultPageSize;
        this.maxPageSize = maxPageSize;
    }

    public ArchiveStore store() { return store; }

    public ArchiveWriter writer() { return writer; }

    /**
     * Queues the message for the owner's archive and returns its id. The message is stored as
     * given: strip what should not be kept before.
     */
    public long append(Jid owner, Jid with, boolean outgoing, Message message) {
        long id = ids.next();
        String body = message.body();
        writer.submit(new ArchiveStore.Entry(owner.bare(), id, with, outgoing, body == null || body.isEmpty() ? null : body, message.element()));
        return id;
    }

    /**
     * Answers a query IQ (type set, payload {@code <query xmlns='urn:xmpp:mam:2'/>}) on the owner's
     * archive: the results go to {@code send}, addressed to the requester, before the returned
     * IQ result (or error) is sent.
     *
     * @param archiveJid the 'from' of the result messages and IQ reply (the owner, or the room)
     */
    public Iq answerQuery(Iq iq, Jid owner, Jid archiveJid, Consumer<Stanza> send) throws InterruptedException {
        Element payload = iq.payload().orElseThrow();
        MamQuery q;
        ArchivePager.Page page;
        try {
            q = MamQuery.parse(payload, defaultPageSize, maxPageSize);
            // everything delivered to the querier before this query is in the archive it reads
            writer.awaitOwner(owner.bare());
            page = pager.page(owner.bare(), q);
        } catch (MamQuery.BadQuery e) {
            return reply(StanzaError.BAD_REQUEST.replyTo(iq.withTo(archiveJid), e.getMessage()), archiveJid);
        } catch (MamQuery.UnknownId e) {
            return reply(StanzaError.ITEM_NOT_FOUND.replyTo(iq.withTo(archiveJid), e.getMessage()), archiveJid);
        }
        for (ArchiveStore.Entry entry : page.entries()) send.accept(result(entry, q.queryId(), iq.from(), archiveJid));
        return reply(iq.result(fin(page, q)), archiveJid);
    }

    private static Iq reply(Iq reply, Jid from) {
        return reply.withFrom(from);
    }

    static Message result(ArchiveStore.Entry entry, String queryId, Jid to, Jid from) {
        Element delay = Element.builder("delay", MamNs.DELAY)
                .attr("stamp", ArchiveIds.timestamp(entry.id()).truncatedTo(ChronoUnit.MILLIS).toString()).build();
        Element forwarded = Element.builder("forwarded", MamNs.FORWARD).child(delay).child(asClient(entry.message())).build();
        Element result = Element.builder("result", MamNs.MAM).attr("queryid", queryId).attr("id", ArchiveIds.format(entry.id()))
                .child(forwarded).build();
        Element m = Element.builder("message", Ns.CLIENT).attr("from", from.toString()).attr("to", to.toString())
                .attr("id", UUID.randomUUID().toString()).child(result).build();
        return new Message(m, from, to);
    }

    /** Stored messages are jabber:client already; this only guards against a jabber:server one. */
    private static Element asClient(Element message) {
        if (Ns.CLIENT.equals(message.namespace())) return message;
        Element.Builder b = Element.builder("message", Ns.CLIENT);
        message.attributes().forEach(b::attr);
        return b.children(message.children()).build();
    }

    static Element fin(ArchivePager.Page page, MamQuery q) {
        Element.Builder set = Element.builder("set", MamNs.RSM);
        if (!page.entries().isEmpty()) {
            ArchiveStore.Entry first = page.entries().get(0);
            ArchiveStore.Entry last = page.entries().get(page.entries().size() - 1);
            Element.Builder firstEl = Element.builder("first", MamNs.RSM).text(ArchiveIds.format(first.id()));
            // the index is the position of the first item sent; flipped, that is the page's newest
            long index = q.flip() ? page.index() + page.entries().size() - 1 : page.index();
            firstEl.attr("index", Long.toString(index));
            set.child(firstEl.build()).textChild("last", ArchiveIds.format(last.id()));
        }
        set.textChild("count", Long.toString(page.count()));
        Element.Builder fin = Element.builder("fin", MamNs.MAM);
        if (page.complete()) fin.attr("complete", "true");
        return fin.child(set.build()).build();
    }

    /** The answer to a get of {@code <query/>}: the search form (XEP-0313 §4.1.1, extended fields). */
    public static Element form() {
        Element.Builder x = Element.builder("x", MamNs.DATA).attr("type", "form");
        x.child(field("FORM_TYPE", "hidden", null).child(Element.builder("value", MamNs.DATA).text(MamNs.MAM).build()).build());
        x.child(field("with", "jid-single", "With").build());
        x.child(field("start", "text-single", "Start").build());
        x.child(field("end", "text-single", "End").build());
        x.child(field("before-id", "text-single", "Before ID").build());
        x.child(field("after-id", "text-single", "After ID").build());
        x.child(field("ids", "text-multi", "IDs").build());
        x.child(field("{" + MamNs.FULLTEXT + "}fulltext", "text-single", "Search in body (case-insensitive substring)").build());
        return Element.builder("query", MamNs.MAM).child(x.build()).build();
    }

    private static Element.Builder field(String var, String type, String label) {
        Element.Builder b = Element.builder("field", MamNs.DATA).attr("var", var).attr("type", type);
        if (label != null) b.attr("label", label);
        return b;
    }

    /** {@code <metadata/>} (XEP-0313, {@code urn:xmpp:mam:2#extended}): the oldest and newest entries, nothing for an empty archive. */
    public Element metadata(Jid owner) throws InterruptedException {
        writer.awaitOwner(owner.bare());
        Element.Builder b = Element.builder("metadata", MamNs.MAM);
        Optional<long[]> bounds = store.bounds(owner.bare());
        if (bounds.isPresent()) {
            b.child(bound("start", bounds.get()[0])).child(bound("end", bounds.get()[1]));
        }
        return b.build();
    }

    private static Element bound(String name, long id) {
        return Element.builder(name, MamNs.MAM).attr("id", ArchiveIds.format(id))
                .attr("timestamp", ArchiveIds.timestamp(id).truncatedTo(ChronoUnit.MILLIS).toString()).build();
    }

    /** Deletes the owner's archive and preferences, after any queued writes for it. */
    public void removeArchive(Jid owner) throws InterruptedException {
        writer.awaitOwner(owner.bare());
        store.removeArchive(owner.bare());
    }

    /** Writes everything queued and stops the writer. */
    @Override
    public void close() {
        writer.close();
    }
}
