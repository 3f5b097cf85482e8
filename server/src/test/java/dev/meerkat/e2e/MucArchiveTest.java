package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.sid.element.StanzaIdElement;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;

import static dev.meerkat.e2e.MucTest.codes;
import static dev.meerkat.e2e.MucTest.errorOf;
import static dev.meerkat.e2e.MucTest.instantRoom;
import static dev.meerkat.e2e.MucTest.messages;
import static dev.meerkat.e2e.MucTest.muc;
import static dev.meerkat.e2e.MucTest.newRoom;
import static dev.meerkat.e2e.MucTest.next;
import static dev.meerkat.e2e.MucTest.nick;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Room archives (XEP-0313 for XEP-0045 rooms) through Smack's MultiUserChatManager and
 * MamManager.getInstanceFor(muc): mod_muc with mod_mam, the archive switched on per room.
 */
class MucArchiveTest {
    private static final String ARCHIVING = "muc#roomconfig_enablearchiving";
    private static ServerFixture fx;
    private static XMPPTCPConnection alice;
    private static XMPPTCPConnection bob;
    private static XMPPTCPConnection carol;
    private static XMPPTCPConnection dave;

    @BeforeAll
    static void start() throws Exception {
        // mod_muc starts before mod_mam: the archive is found at use, not at start
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES + """
                [modules.mod_muc]
                  archive_by_default = false
                [modules.mod_mam]
                """));
        for (String u : List.of("alice", "bob", "carol", "dave")) fx.createUser(u, "pw-" + u);
        alice = fx.login("alice", "pw-alice", "a");
        bob = fx.login("bob", "pw-bob", "b");
        carol = fx.login("carol", "pw-carol", "c");
        dave = fx.login("dave", "pw-dave", "d");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static void configure(MultiUserChat room, boolean archiving, boolean membersOnly) throws Exception {
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer(ARCHIVING, archiving);
        form.setAnswer("muc#roomconfig_membersonly", membersOnly);
        room.sendConfigurationForm(form);
    }

    static MamManager mam(XMPPTCPConnection c, EntityBareJid room) throws Exception {
        MamManager m = MamManager.getInstanceFor(c, room);
        assertThat(m.isSupported()).isTrue();
        return m;
    }

    private static List<String> features(XMPPTCPConnection c, EntityBareJid room) throws Exception {
        return ServiceDiscoveryManager.getInstanceFor(c).discoverInfo(room).getFeatures().stream().map(f -> f.getVar()).toList();
    }

    private static List<String> bodies(List<Message> ms) {
        return ms.stream().map(Message::getBody).toList();
    }

    private static List<String> numbered(String prefix, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) out.add(prefix + i);
        return out;
    }

    /** Sends the bodies, then waits until {@code watcher} has them all: the room archived them in this order. */
    static List<Message> say(MultiUserChat from, List<String> bodies, BlockingQueue<Message> watcher) throws Exception {
        for (String b : bodies) from.sendMessage(b);
        List<Message> seen = new ArrayList<>();
        for (String b : bodies) seen.add(next(watcher, m -> b.equals(m.getBody())));
        return seen;
    }

    @Test
    void archivingSwitchedOnInTheFormIsAdvertisedAndAnnouncedWith170() throws Exception {
        EntityBareJid jid = newRoom();
        MultiUserChat a = instantRoom(alice, jid, "alice");
        assertThat(features(bob, jid)).doesNotContain("urn:xmpp:mam:2", "urn:xmpp:sid:0");
        assertThat(a.getConfigurationForm().getField(ARCHIVING)).isNotNull();
        BlockingQueue<Message> toBob = messages(bob, jid);
        Presence bobSelf = muc(bob, jid).join(nick("bob"));
        assertThat(codes(bobSelf)).contains(110).doesNotContain(170);

        configure(a, true, false);
        Message changed = next(toBob, m -> codes(m).contains(104));
        assertThat(codes(changed)).contains(170);
        assertThat(features(bob, jid)).contains("urn:xmpp:mam:2", "urn:xmpp:mam:2#extended", "urn:xmpp:sid:0");
        MamManager bobMam = mam(bob, jid);
        Presence carolSelf = muc(carol, jid).join(nick("carol"));
        assertThat(codes(carolSelf)).contains(110, 170);

        configure(a, false, false);
        assertThat(codes(next(toBob, m -> codes(m).contains(104)))).contains(171).doesNotContain(170);
        assertThat(features(bob, jid)).doesNotContain("urn:xmpp:mam:2");
        assertThat(errorOf(() -> bobMam.queryArchive(MamManager.MamQueryArgs.builder().build())))
                .isEqualTo(StanzaError.Condition.service_unavailable);

        // Smack's "public logging" is the same switch
        a.getConfigFormManager().enablePublicLogging().submitConfigurationForm();
        assertThat(codes(next(toBob, m -> codes(m).contains(104)))).contains(170);
        assertThat(codes(muc(dave, jid).join(nick("dave")))).contains(110, 170);
    }

    @Test
    void lateJoinerPagesThroughTheWholeHistoryFiltersByNickAndCatchesUp() throws Exception {
        EntityBareJid jid = newRoom();
        MultiUserChat a = instantRoom(alice, jid, "alice");
        configure(a, true, false);
        BlockingQueue<Message> toAlice = messages(alice, jid);
        BlockingQueue<Message> toBob = messages(bob, jid);
        MultiUserChat b = muc(bob, jid);
        b.join(nick("bob"));

        List<Message> fromAlice = say(a, numbered("a", 15), toBob);
        say(b, numbered("b", 10), toAlice);
        // the broadcast copies carry the room's stanza id
        StanzaIdElement lastOfAlice = StanzaIdElement.getStanzaId(fromAlice.get(14));
        assertThat(lastOfAlice).isNotNull();
        assertThat(lastOfAlice.getBy()).isEqualTo(jid.toString());
        List<String> all = new ArrayList<>(numbered("a", 15));
        all.addAll(numbered("b", 10));

        MultiUserChat c = muc(carol, jid);
        c.join(nick("carol"));
        MamManager carolMam = MamManager.getInstanceFor(c);
        assertThat(carolMam.isSupported()).isTrue();
        MamManager.MamQuery q = carolMam.queryArchive(MamManager.MamQueryArgs.builder().queryLastPage().setResultPageSize(10).build());
        assertThat(bodies(q.getMessages())).isEqualTo(numbered("b", 10));
        List<String> seen = new ArrayList<>(bodies(q.getMessages()));
        while (!q.isComplete()) {
            List<Message> previous = q.pagePrevious(10);
            assertThat(previous).isNotEmpty();
            seen.addAll(0, bodies(previous));
        }
        assertThat(seen).isEqualTo(all);
        assertThat(new HashSet<>(seen)).hasSize(25);
        assertThat(q.getPage().getMamFinIq().getRSMSet().getCount()).isEqualTo(25);

        // results come from the occupant JID; a semi-anonymous room hides the real JID from a participant
        Message first = q.getPage().getMessages().get(0);
        assertThat((Object) first.getFrom()).isEqualTo(JidCreate.from(jid + "/alice"));
        MUCUser hidden = MUCUser.from(first);
        assertThat(hidden == null || hidden.getItem() == null || hidden.getItem().getJid() == null).isTrue();
        // the owner sees it
        MamManager.MamQuery asOwner = mam(alice, jid).queryArchive(MamManager.MamQueryArgs.builder()
                .setResultPageSize(1).build());
        assertThat((Object) MUCUser.from(asOwner.getMessages().get(0)).getItem().getJid().asBareJid())
                .isEqualTo(alice.getUser().asBareJid());

        // with = an occupant JID selects one nick
        Jid bobInRoom = JidCreate.from(jid + "/bob");
        MamManager.MamQuery byBob = carolMam.queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(bobInRoom).setResultPageSize(50).build());
        assertThat(bodies(byBob.getMessages())).isEqualTo(numbered("b", 10));
        assertThat(byBob.isComplete()).isTrue();

        // catch-up from the last stanza id bob saw before he went quiet
        MamManager.MamQuery after = mam(bob, jid).queryArchive(MamManager.MamQueryArgs.builder()
                .afterUid(lastOfAlice.getId()).setResultPageSize(50).build());
        assertThat(bodies(after.getMessages())).isEqualTo(numbered("b", 10));
        assertThat(after.getMamResultExtensions().get(0).getId()).isNotEqualTo(lastOfAlice.getId());
    }

    @Test
    void aForgedStanzaIdByTheRoomIsStrippedAndOnlyTheRoomsRemains() throws Exception {
        EntityBareJid jid = newRoom();
        MultiUserChat a = instantRoom(alice, jid, "alice");
        configure(a, true, false);
        BlockingQueue<Message> toAlice = messages(alice, jid);
        MultiUserChat b = muc(bob, jid);
        b.join(nick("bob"));
        b.sendMessage(b.buildMessage().setBody("forged").addExtension(new StanzaIdElement("forged-id", jid.toString())));
        Message got = next(toAlice, m -> "forged".equals(m.getBody()));
        List<String> ids = got.getExtensions(StanzaIdElement.class).stream()
                .filter(s -> jid.toString().equals(s.getBy())).map(StanzaIdElement::getId).toList();
        assertThat(ids).hasSize(1).doesNotContain("forged-id");
    }

    @Test
    void membersOnlyRoomRefusesOutsidersAndBannedUsersAreRefusedEverywhere() throws Exception {
        EntityBareJid closed = newRoom();
        MultiUserChat a = instantRoom(alice, closed, "alice");
        configure(a, true, true);
        a.grantMembership(bob.getUser().asBareJid());
        BlockingQueue<Message> toAlice = messages(alice, closed);
        MultiUserChat b = muc(bob, closed);
        b.join(nick("bob"));
        say(b, List.of("secret"), toAlice);
        b.leave();

        // a member who is not inside may read; an outsider may not
        assertThat(bodies(mam(bob, closed).queryArchive(MamManager.MamQueryArgs.builder().build()).getMessages()))
                .containsExactly("secret");
        assertThat(errorOf(() -> mam(dave, closed).queryArchive(MamManager.MamQueryArgs.builder().build())))
                .isEqualTo(StanzaError.Condition.forbidden);

        EntityBareJid open = newRoom();
        MultiUserChat o = instantRoom(alice, open, "alice");
        configure(o, true, false);
        BlockingQueue<Message> toAliceOpen = messages(alice, open);
        say(o, List.of("hello all"), toAliceOpen);
        // an open room's history is readable by anyone who could enter
        assertThat(bodies(mam(carol, open).queryArchive(MamManager.MamQueryArgs.builder().build()).getMessages()))
                .containsExactly("hello all");
        o.banUser(dave.getUser().asBareJid(), "no");
        assertThat(errorOf(() -> mam(dave, open).queryArchive(MamManager.MamQueryArgs.builder().build())))
                .isEqualTo(StanzaError.Condition.forbidden);
    }

    @Test
    void destroyingARoomRemovesItsArchive() throws Exception {
        EntityBareJid jid = newRoom();
        MultiUserChat a = instantRoom(alice, jid, "alice");
        configure(a, true, false);
        BlockingQueue<Message> toAlice = messages(alice, jid);
        say(a, numbered("old", 3), toAlice);
        assertThat(mam(alice, jid).queryArchive(MamManager.MamQueryArgs.builder().build()).getMessageCount()).isEqualTo(3);
        a.destroy("done", null);

        MultiUserChat again = instantRoom(alice, jid, "alice");
        configure(again, true, false);
        assertThat(mam(alice, jid).queryArchive(MamManager.MamQueryArgs.builder().build()).getMessageCount()).isZero();
    }
}
