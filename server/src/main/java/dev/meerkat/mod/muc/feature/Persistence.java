package dev.meerkat.mod.muc.feature;

import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomFeature;
import dev.meerkat.mod.muc.store.RoomStore;
import dev.meerkat.mod.muc.store.StoredRoom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps persistent rooms in the {@link RoomStore}: saved on every change of configuration,
 * affiliations or subject, removed when destroyed or made temporary. Runs on the room's executor
 * (a virtual thread), so the blocking store call holds up only this room.
 */
public final class Persistence implements RoomFeature {
    private static final Logger log = LoggerFactory.getLogger(Persistence.class);

    private final RoomStore store;
    /** Rooms known to be in the store, so that changes of temporary rooms cost no storage call. */
    private final java.util.Set<dev.meerkat.jid.Jid> stored = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Persistence(RoomStore store) {
        this.store = store;
    }

    /** A room loaded from the store at start. */
    public void loaded(dev.meerkat.jid.Jid room) { stored.add(room); }

    @Override
    public void changed(Room room) {
        try {
            if (room.config().persistent()) {
                store.save(new StoredRoom(room.jid(), room.config(), room.affiliations(), room.subject(), room.subjectNick()));
                stored.add(room.jid());
            } else if (stored.remove(room.jid())) {
                store.delete(room.jid());
            }
        } catch (RuntimeException e) {
            // The room goes on in memory; the next change tries again.
            log.error("could not store room {}", room.jid(), e);
        }
    }

    @Override
    public void destroyed(Room room) {
        try {
            if (stored.remove(room.jid())) store.delete(room.jid());
        } catch (RuntimeException e) {
            log.error("could not remove stored room {}", room.jid(), e);
        }
    }
}
