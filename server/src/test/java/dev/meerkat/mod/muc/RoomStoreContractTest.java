package dev.meerkat.mod.muc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.store.StoredRoom;
import dev.meerkat.mod.muc.store.jdbc.JdbcRoomStore;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDBC room store on embedded H2: save, replace, list per service, delete. */
class RoomStoreContractTest {
    private static final RoomConfig DEFAULTS = RoomConfig.defaults(0, 20);
    @TempDir Path dir;
    private Database db;
    private JdbcRoomStore store;

    @BeforeEach
    void open() {
        db = new Database(null, dir);
        store = new JdbcRoomStore(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void savedRoomsComeBackPerServiceAndReplacePreviousState() {
        Jid room = Jid.parse("tea@muc.a");
        store.save(new StoredRoom(room, DEFAULTS.withPersistent(true).withPassword("pw"),
                Map.of(Jid.parse("alice@a"), Affiliation.OWNER, Jid.parse("bob@a"), Affiliation.OUTCAST), "topic", "Alice"));
        store.save(new StoredRoom(Jid.parse("other@muc.b"), DEFAULTS, Map.of(), "", null));
        store.save(new StoredRoom(room, DEFAULTS.withPersistent(true).withPassword("pw2"),
                Map.of(Jid.parse("alice@a"), Affiliation.OWNER), "topic 2", null));

        assertThat(store.rooms("muc.a", DEFAULTS)).singleElement().satisfies(r -> {
            assertThat(r.jid()).isEqualTo(room);
            assertThat(r.config().password()).isEqualTo("pw2");
            assertThat(r.affiliations()).isEqualTo(Map.of(Jid.parse("alice@a"), Affiliation.OWNER));
            assertThat(r.subject()).isEqualTo("topic 2");
            assertThat(r.subjectNick()).isNull();
        });
        store.delete(room);
        assertThat(store.rooms("muc.a", DEFAULTS)).isEmpty();
        assertThat(store.rooms("muc.b", DEFAULTS)).hasSize(1);
    }
}
