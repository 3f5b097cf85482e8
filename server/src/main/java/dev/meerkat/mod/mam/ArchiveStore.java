package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Optional;

/**
 * Message archives (XEP-0313) and their preferences (XEP-0441). An archive belongs to a bare JID:
 * a local account, or a chat room (see {@link RoomArchive}). Methods block on storage.
 */
public interface ArchiveStore {
    /** Longest owner or correspondent JID part the store keeps (characters). */
    int MAX_JID_LENGTH = 250;

    /**
     * One archived message.
     *
     * @param owner    the archive's bare JID
     * @param id       see {@link ArchiveIds}; unique within the owner's archive
     * @param with     the other party (full or bare JID): the sender of an incoming message, the
     *                 recipient of an outgoing one, the occupant JID in a room archive
     * @param outgoing true if the owner sent it
     * @param body     the body text used by full-text search, null if none
     * @param message  the whole {@code <message/>}
     */
    record Entry(Jid owner, long id, Jid with, boolean outgoing, String body, Element message) {}

    /**
     * What a query selects, before paging. Bounds are inclusive ids; use {@code Long.MIN_VALUE} /
     * {@code Long.MAX_VALUE} for none.
     *
     * @param with     a bare JID matches every resource of it, a full JID only itself (XEP-0313 §4.1.1); null for all
     * @param ids      when not empty, only these ids
     * @param fulltext when not null, only messages whose body contains it, ignoring case
     */
    record Filter(Jid with, long minId, long maxId, List<Long> ids, String fulltext) {
        public Filter {
            ids = List.copyOf(ids);
        }

        public static Filter all() {
            return new Filter(null, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), null);
        }

        public Filter withBounds(long newMin, long newMax) {
            return new Filter(with, newMin, newMax, ids, fulltext);
        }
    }

    /** Stores the entries (one batch; in one transaction where the database allows). */
    void append(List<Entry> entries);

    /**
     * Up to {@code limit} entries of the owner that match, oldest first; with {@code newestFirst}
     * the newest {@code limit} ones, newest first.
     */
    List<Entry> find(Jid owner, Filter filter, boolean newestFirst, int limit);

    /** How many entries of the owner match. */
    long count(Jid owner, Filter filter);

    /** True if the owner's archive holds the id. */
    boolean contains(Jid owner, long id);

    /** The ids of the owner's oldest and newest entries; empty for an empty archive. */
    Optional<long[]> bounds(Jid owner);

    /** Deletes the whole archive and the preferences of the owner. */
    void removeArchive(Jid owner);

    /** Deletes every entry of every archive with an id below {@code id} (retention); returns how many. */
    int removeBefore(long id);

    Optional<ArchivePrefs> prefs(Jid owner);

    void setPrefs(Jid owner, ArchivePrefs prefs);
}
