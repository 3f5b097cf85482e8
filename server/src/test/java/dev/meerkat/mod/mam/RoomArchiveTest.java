package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RoomArchiveTest {
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final Jid ROOM = Jid.parse("tea@muc.example.org");
    private static final Jid OCCUPANT = Jid.parse("tea@muc.example.org/alice");
    private static final Jid REAL = Jid.parse("alice@example.org/phone");

    private static Element groupchat(String body, Element... extra) {
        Element.Builder b = Element.builder("message", Ns.CLIENT).attr("from", OCCUPANT.toString()).attr("type", "groupchat");
        if (body != null) b.textChild("body", body);
        for (Element e : extra) b.child(e);
        return b.build();
    }

    @Test
    void keepsMessagesWithContentUnderTheRoomWithTheOccupantAndOnlyTheRoomsOwnRealJid() {
        RecordingArchiveStore store = new RecordingArchiveStore();
        ArchiveService service = store.service();
        RoomArchive archive = new RoomArchive(service);
        Element forgedId = ArchivePolicy.stanzaId(1, ROOM.toString());
        Element forgedItem = Element.builder("x", MUC_USER)
                .child(Element.builder("item", MUC_USER).attr("jid", "mallory@evil.org").build()).build();

        assertThat(archive.append(ROOM, OCCUPANT, REAL, groupchat(null, Element.builder("subject", Ns.CLIENT).text("s").build()))).isEmpty();
        assertThat(archive.append(ROOM, OCCUPANT, REAL, groupchat("hi", Element.of("no-store", MamNs.HINTS)))).isEmpty();
        assertThat(archive.append(ROOM, OCCUPANT, REAL, groupchat("hi", forgedId, forgedItem))).isPresent();
        service.close();

        assertThat(store.appended).hasSize(1);
        ArchiveStore.Entry e = store.appended.get(0);
        assertThat(e.owner()).isEqualTo(ROOM);
        assertThat(e.with()).isEqualTo(OCCUPANT);
        assertThat(e.body()).isEqualTo("hi");
        assertThat(e.message().child("stanza-id", MamNs.SID)).isEmpty();
        List<Element> items = e.message().children("x", MUC_USER);
        assertThat(items).hasSize(1);
        assertThat(items.get(0).child("item", MUC_USER).orElseThrow().attr("jid")).isEqualTo("alice@example.org");
    }

    @Test
    void resultsForRequestersWhoMayNotSeeRealJidsLoseTheItem() {
        Element stored = groupchat("hi", Element.builder("x", MUC_USER)
                .child(Element.builder("item", MUC_USER).attr("jid", "alice@example.org").build()).build());
        Message result = ArchiveService.result(new ArchiveStore.Entry(ROOM, 42, OCCUPANT, false, "hi", stored), "q1",
                Jid.parse("bob@example.org/pc"), ROOM);
        Stanza hidden = RoomArchive.withoutRealJid(result);
        assertThat(hidden.element().toXml()).doesNotContain("alice@example.org").contains("<body>hi</body>").contains("queryid=\"q1\"");
        assertThat(result.element().toXml()).contains("alice@example.org");
    }
}
