package dev.meerkat.mod.muc.store.jdbc;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.mod.muc.store.StoredRoom;
import dev.meerkat.storage.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JdbcRoomStore} on one backend (save, replace, list per service, delete); each backend is a
 * subclass naming its {@link TestDatabase}.
 */
abstract class JdbcRoomStoreBackendTest {
    private static final RoomConfig DEFAULTS = RoomConfig.defaults(0, 20);

    @RegisterExtension
    final TestDatabase db;

    private JdbcRoomStore store;

    JdbcRoomStoreBackendTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void open() {
        store = new JdbcRoomStore(db.database());
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

    @Test
    void namesThatDifferOnlyByAccentOrCaseAreDifferentRooms() {
        // room names are nodeprepped (lower case), but accents stay, and JIDs of other servers keep their case
        store.save(new StoredRoom(Jid.parse("café@muc.a"), DEFAULTS.withPersistent(true), Map.of(Jid.parse("zoë@a"), Affiliation.OWNER), "", null));
        store.save(new StoredRoom(Jid.parse("cafe@muc.a"), DEFAULTS.withPersistent(true), Map.of(Jid.parse("zoe@a"), Affiliation.OWNER), "", null));
        Map<String, Map<Jid, Affiliation>> byName = new HashMap<>();
        store.rooms("muc.a", DEFAULTS).forEach(r -> byName.put(r.jid().local(), r.affiliations()));
        assertThat(byName).isEqualTo(Map.of("café", Map.of(Jid.parse("zoë@a"), Affiliation.OWNER),
                "cafe", Map.of(Jid.parse("zoe@a"), Affiliation.OWNER)));

        store.delete(Jid.parse("cafe@muc.a"));
        assertThat(store.rooms("muc.a", DEFAULTS)).extracting(r -> r.jid().local()).containsExactly("café");
    }

    @Test
    void unicodeAndLongTextSurviveTheRoundTrip() {
        String subject = "☕ ".repeat(1_900) + "𝄞 end";  // beyond the BMP and near the column's 4000 characters
        RoomConfig config = new RoomConfig("Salle des fêtes 🎉", "line one\nline two = still two", true, false, true, true,
                "pässwörd", 30, DEFAULTS.whois(), 7, true, true, DEFAULTS.allowPm(), !DEFAULTS.archiving());
        Jid room = Jid.parse("fête@muc.a");
        Map<Jid, Affiliation> affs = new HashMap<>();
        for (int i = 0; i < 200; i++) affs.put(Jid.parse("member" + i + "@a"), Affiliation.MEMBER);
        affs.put(Jid.parse("owner@a"), Affiliation.OWNER);
        store.save(new StoredRoom(room, config, affs, subject, "Zoë 🐱"));

        assertThat(store.rooms("muc.a", DEFAULTS)).singleElement().satisfies(r -> {
            assertThat(r.config()).isEqualTo(config);
            assertThat(r.subject()).isEqualTo(subject);
            assertThat(r.subjectNick()).isEqualTo("Zoë 🐱");
            assertThat(r.affiliations()).isEqualTo(affs);
        });
    }
}
