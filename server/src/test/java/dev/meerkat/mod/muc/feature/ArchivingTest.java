package dev.meerkat.mod.muc.feature;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.ArchiveIds;
import dev.meerkat.mod.mam.ArchiveService;
import dev.meerkat.mod.mam.MamNs;
import dev.meerkat.mod.mam.RecordingArchiveStore;
import dev.meerkat.mod.mam.RoomArchive;
import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The Archiving room feature on a real room: what is stamped, announced and who may read. */
class ArchivingTest {
    private static final Jid ROOM = Jid.parse("tea@muc.example.org");
    private static final Jid ALICE = Jid.parse("alice@example.org/a");
    private static final Jid BOB = Jid.parse("bob@example.org/b");

    private final List<Stanza> sent = new ArrayList<>();
    private final RecordingArchiveStore store = new RecordingArchiveStore();
    private final ArchiveService service = store.service();

    @AfterEach
    void close() {
        service.close();
    }

    private Room room(boolean archiving, Optional<RoomArchive> archive) {
        Room.Host host = new Room.Host() {
            @Override public void send(Stanza s) { sent.add(s); }

            @Override public Instant now() { return Instant.EPOCH; }

            @Override public void closed(Room room) {}
        };
        RoomConfig config = RoomConfig.defaults(0, 5, archiving);
        return new Room(ROOM, config, host, List.of(new Archiving(() -> archive, Runnable::run)));
    }

    private static Stanza join(Jid who, String nick) {
        return Stanza.of(Element.builder("presence", Ns.CLIENT).attr("from", who.toString())
                .attr("to", ROOM.withResource(nick).toString()).child(Element.of("x", MucNs.MUC)).build());
    }

    private static Stanza say(Jid who, String body, Element... extra) {
        Element.Builder m = Element.builder("message", Ns.CLIENT).attr("from", who.toString()).attr("to", ROOM.toString())
                .attr("type", "groupchat").textChild("body", body);
        for (Element e : extra) m.child(e);
        return Stanza.of(m.build());
    }

    private List<String> statusCodesTo(Jid who) {
        return sent.stream().filter(s -> s.to().equals(who) && s.name().equals("presence"))
                .flatMap(s -> s.element().child("x", MucNs.USER).stream())
                .flatMap(x -> x.children("status", MucNs.USER).stream()).map(e -> e.attr("code")).toList();
    }

    private List<Element> stanzaIdsTo(Jid who) {
        return sent.stream().filter(s -> s.to().equals(who) && s.name().equals("message"))
                .flatMap(s -> s.element().children("stanza-id", MamNs.SID).stream()).toList();
    }

    @Test
    void anArchivingRoomArchivesStampsAndAnnounces() {
        Room room = room(true, Optional.of(new RoomArchive(service)));
        room.handle(join(ALICE, "alice"));
        assertThat(statusCodesTo(ALICE)).contains("110", "170");
        room.handle(say(ALICE, "hi", RoomArchive.stanzaId(ROOM, 7)));
        List<Element> ids = stanzaIdsTo(ALICE);
        assertThat(ids).hasSize(1);
        assertThat(ids.get(0).attr("by")).isEqualTo(ROOM.toString());
        assertThat(ids.get(0).attr("id")).isNotEqualTo(ArchiveIds.format(7));
        service.close();
        assertThat(store.appended).hasSize(1);
        assertThat(store.appended.get(0).with()).isEqualTo(ROOM.withResource("alice"));
    }

    @Test
    void withArchivingOffOrNoArchiveNothingIsKeptButForgedIdsStillGo() {
        for (Room room : List.of(room(false, Optional.of(new RoomArchive(service))), room(true, Optional.empty()))) {
            sent.clear();
            room.handle(join(ALICE, "alice"));
            assertThat(statusCodesTo(ALICE)).contains("110").doesNotContain("170");
            room.handle(say(ALICE, "hi", RoomArchive.stanzaId(ROOM, 7)));
            assertThat(stanzaIdsTo(ALICE)).isEmpty();
        }
        service.close();
        assertThat(store.appended).isEmpty();
    }

    @Test
    void readersFollowTheRoomsMembershipRules() {
        Room open = room(true, Optional.empty());
        assertThat(Archiving.mayRead(open, BOB)).isNull();
        open.restore(Map.of(BOB.bare(), Affiliation.OUTCAST), null, null);
        assertThat(Archiving.mayRead(open, BOB)).isEqualTo(StanzaError.FORBIDDEN);

        Room membersOnly = room(true, Optional.empty());
        membersOnly.configure(membersOnly.config().withMembersOnly(true));
        assertThat(Archiving.mayRead(membersOnly, BOB)).isEqualTo(StanzaError.FORBIDDEN);
        membersOnly.restore(Map.of(BOB.bare(), Affiliation.MEMBER), null, null);
        assertThat(Archiving.mayRead(membersOnly, BOB)).isNull();

        Room secret = room(true, Optional.empty());
        secret.configure(secret.config().withPassword("pw"));
        assertThat(Archiving.mayRead(secret, BOB)).isEqualTo(StanzaError.FORBIDDEN);
        secret.handle(Stanza.of(join(BOB, "bob").element().withChildren(List.of(Element.builder("x", MucNs.MUC)
                .textChild("password", "pw").build()))));
        assertThat(Archiving.mayRead(secret, BOB)).isNull();
        assertThat(Archiving.seesRealJids(secret, BOB)).isFalse();
    }

    @Test
    void destroyingTheRoomRemovesItsArchive() throws Exception {
        Room room = room(true, Optional.of(new RoomArchive(service)));
        room.handle(join(ALICE, "alice"));
        room.destroy(null, null, null);
        assertThat(store.removed).containsExactly(ROOM);
    }
}
