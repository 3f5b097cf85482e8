package dev.meerkat.mod.muc.store.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.store.RoomStore;
import dev.meerkat.mod.muc.store.StoredRoom;
import dev.meerkat.storage.Database;
import dev.meerkat.storage.Jdbc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link RoomStore} on the {@code muc_rooms} and {@code muc_affiliations} tables (V20__muc.sql). */
public final class JdbcRoomStore implements RoomStore {
    private final Jdbc jdbc;

    public JdbcRoomStore(Database database) {
        this.jdbc = database.jdbc();
    }

    @Override
    public List<StoredRoom> rooms(String service, RoomConfig defaults) {
        return jdbc.inTransaction("muc.rooms", tx -> {
            Map<String, Map<Jid, Affiliation>> affs = new HashMap<>();
            tx.query("muc.affiliations", "SELECT name, jid, affiliation FROM muc_affiliations WHERE service = ?",
                    Jdbc.Binder.of(service), row -> {
                        Jid jid = Jid.parseOrNull(row.getString(2));
                        Affiliation a = Affiliation.parse(row.getString(3));
                        if (jid != null && a != null) affs.computeIfAbsent(row.getString(1), k -> new HashMap<>()).put(jid, a);
                        return jid;
                    });
            return tx.query("muc.rooms", "SELECT name, config, subject, subject_nick FROM muc_rooms WHERE service = ?",
                    Jdbc.Binder.of(service), row -> new StoredRoom(Jid.of(row.getString(1), service, null),
                            RoomConfig.decode(row.getString(2), defaults), affs.getOrDefault(row.getString(1), Map.of()),
                            row.getString(3), row.getString(4)));
        });
    }

    @Override
    public void save(StoredRoom room) {
        String service = room.jid().domain();
        String name = room.jid().local();
        jdbc.inTransaction("muc.save", tx -> {
            deleteRoom(tx, service, name);
            tx.update("muc.insert_room", "INSERT INTO muc_rooms (service, name, config, subject, subject_nick) VALUES (?, ?, ?, ?, ?)",
                    Jdbc.Binder.of(service, name, room.config().encode(), room.subject(), room.subjectNick()));
            for (Map.Entry<Jid, Affiliation> e : room.affiliations().entrySet()) {
                tx.update("muc.insert_affiliation", "INSERT INTO muc_affiliations (service, name, jid, affiliation) VALUES (?, ?, ?, ?)",
                        Jdbc.Binder.of(service, name, e.getKey().toString(), e.getValue().xml()));
            }
            return null;
        });
    }

    @Override
    public void delete(Jid room) {
        jdbc.inTransaction("muc.delete", tx -> {
            deleteRoom(tx, room.domain(), room.local());
            return null;
        });
    }

    private static void deleteRoom(Jdbc tx, String service, String name) {
        tx.update("muc.delete_affiliations", "DELETE FROM muc_affiliations WHERE service = ? AND name = ?", Jdbc.Binder.of(service, name));
        tx.update("muc.delete_room", "DELETE FROM muc_rooms WHERE service = ? AND name = ?", Jdbc.Binder.of(service, name));
    }
}
