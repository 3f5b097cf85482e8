package dev.meerkat.mod.muc.store;

import dev.meerkat.mod.muc.room.RoomConfig;

import java.util.List;

/** Persistent rooms of a MUC service. Methods block on storage: call them off the event loops. */
public interface RoomStore {
    /** Every stored room of the service domain; {@code defaults} fills configuration keys a stored room lacks. */
    List<StoredRoom> rooms(String service, RoomConfig defaults);

    /** Stores the room, replacing what was stored for it. */
    void save(StoredRoom room);

    /** Forgets the room; nothing happens if it was not stored. */
    void delete(dev.meerkat.jid.Jid room);
}
