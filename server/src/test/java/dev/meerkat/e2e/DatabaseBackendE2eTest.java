package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.muc.Affiliate;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.RoomInfo;
import org.jivesoftware.smackx.privacy.PrivacyListManager;
import org.jivesoftware.smackx.privacy.packet.PrivacyItem;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.jxmpp.jid.EntityBareJid;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.MamTest.bodies;
import static dev.meerkat.e2e.MamTest.numbered;
import static dev.meerkat.e2e.RosterClients.jid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A node whose every store lives in one database (embedded H2, or a real PostgreSQL or MariaDB
 * server), driven end to end through Smack: accounts, roster, offline messages, vCards, private
 * XML, privacy and blocking lists, last activity, the MAM archive (1:1 and rooms), persistent
 * rooms and PubSub/PEP. Where persistence is the point, the test writes, restarts the node (a
 * new pool, nothing cached in memory) and reads back.
 *
 * <p>One node for the whole class, on a database cleaned once before it ({@link TestDatabase#perClass()}):
 * each test uses fresh accounts and rooms, so tests do not see each other's data. One subclass
 * per database; one test per store keeps CI fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseBackendE2eTest {
    private static final String MODULES = ServerFixture.Settings.DEFAULT_MODULES + RosterClients.MODULES + """
            [modules.mod_offline]
            [modules.mod_vcard]
            [modules.mod_private]
            [modules.mod_privacy]
            [modules.mod_blocking]
            [modules.mod_last]
            [modules.mod_muc]
              archive_by_default = false
            [modules.mod_mam]
            [modules.mod_pubsub]
            """;
    private static final String NICK = "http://jabber.org/protocol/nick";

    private ServerFixture fx;

    /** The subclass's database, registered on a static field with {@code perClass()}. */
    abstract TestDatabase db();

    @BeforeAll
    void start() throws Exception {
        // presences carry the avatar hash of mod_vcard: see RawExtension
        RawExtension.register("x", "vcard-temp:x:update");
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(MODULES).extra(db().toml()));
    }

    @AfterAll
    void stop() throws Exception {
        if (fx != null) fx.close();
    }

    private String newUser(String prefix) {
        return RosterClients.newUser(fx, prefix);
    }

    private XMPPTCPConnection login(String user, String resource) throws Exception {
        return fx.login(user, "pw-" + user, resource);
    }

    /** A stop and start on the same database: whatever is read afterwards came from it. */
    private void restart() throws Exception {
        fx = fx.restart();
    }

    @Test
    void theServerRunsOnThisDatabase() {
        assertThat(fx.server.services().database().dialect().name()).isEqualTo(db().backend().name());
    }

    @Test
    void usersLogInAndAWrongPasswordIsRefused() throws Exception {
        String alice = newUser("la");
        XMPPTCPConnection c = fx.login(alice, "pw-" + alice, "x", b -> b.addEnabledSaslMechanism("SCRAM-SHA-1"));
        assertThat(c.isAuthenticated()).isTrue();
        assertThatThrownBy(() -> fx.login(alice, "wrong", "y", b -> b.addEnabledSaslMechanism("PLAIN")))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.not_authorized));
    }

    @Test
    void aMessageGetsThrough() throws Exception {
        XMPPTCPConnection alice = login(newUser("ca"), "x");
        XMPPTCPConnection bob = login(newUser("cb"), "y");
        BlockingQueue<Message> received = MucTest.messages(bob);

        // to the full JID: a bare-JID message could overtake Bob's initial presence and find no resource
        alice.sendStanza(chat(alice, bob.getUser(), "hello over " + db().backend()));

        Message m = received.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("hello over " + db().backend());
    }

    @Test
    void theRosterIsStoredAndSurvivesARestart() throws Exception {
        String alice = newUser("ra");
        String bob = newUser("rb");
        Roster roster = RosterClients.loggedIn(login(alice, "x"));
        roster.createItem(jid(bob), "Bobby ☃", new String[] {"Friends"});
        await().atMost(Duration.ofSeconds(10)).until(() -> roster.getEntry(jid(bob)) != null);

        restart();

        Roster again = RosterClients.loggedIn(login(alice, "x2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> again.getEntry(jid(bob)) != null);
        assertThat(again.getEntry(jid(bob)).getName()).isEqualTo("Bobby ☃");
        assertThat(again.getEntry(jid(bob)).getGroups()).extracting(g -> g.getName()).containsExactly("Friends");
    }

    @Test
    void anOfflineMessageIsDeliveredAtTheNextLoginAfterARestart() throws Exception {
        String alice = newUser("oa");
        String bob = newUser("ob");
        XMPPTCPConnection a = login(alice, "a");
        MamTest.send(a, jid(bob), List.of("while you were out ☃", "and another"));

        restart();

        XMPPTCPConnection b = RosterClients.unconnected(fx, bob, "b");
        BlockingQueue<Message> in = MucTest.messages(b);   // before login: the messages come with the initial presence
        b.connect().login();
        Message first = in.poll(10, TimeUnit.SECONDS);
        Message second = in.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(List.of(first.getBody(), second.getBody())).containsExactly("while you were out ☃", "and another");
        assertThat(first.getFrom().toString()).isEqualTo(alice + "@localhost/a");
        assertThat(DelayInformation.from(first)).isNotNull();
    }

    @Test
    void aVcardIsKeptAcrossARestart() throws Exception {
        String alice = newUser("va");
        String bob = newUser("vb");
        byte[] image = new byte[3000];
        for (int i = 0; i < image.length; i++) image[i] = (byte) (i * 7);
        VCard mine = new VCard();
        mine.setFirstName("Alice ☃");
        mine.setAvatar(image, "image/png");
        VCardManager.getInstanceFor(login(alice, "a")).saveVCard(mine);

        restart();

        VCard seen = VCardManager.getInstanceFor(login(bob, "b")).loadVCard(jid(alice));
        assertThat(seen.getFirstName()).isEqualTo("Alice ☃");
        assertThat(seen.getAvatar()).isEqualTo(image);
    }

    @Test
    void privateXmlIsKeptAcrossARestart() throws Exception {
        String alice = newUser("pa");
        DefaultPrivateData notes = new DefaultPrivateData("notes", "urn:example:notes");
        notes.setValue("text", "secret ☃");
        PrivateDataManager.getInstanceFor(login(alice, "a")).setPrivateData(notes);

        restart();

        PrivateDataManager again = PrivateDataManager.getInstanceFor(login(alice, "a2"));
        assertThat(((DefaultPrivateData) again.getPrivateData("notes", "urn:example:notes")).getValue("text"))
                .isEqualTo("secret ☃");
    }

    @Test
    void theBlockListAndAPrivacyListSurviveARestartAndAreEnforced() throws Exception {
        String alice = newUser("ba");
        String bob = newUser("bb");
        String carol = newUser("bc");
        XMPPTCPConnection a = login(alice, "a");
        BlockingCommandManager.getInstanceFor(a).blockContacts(List.of(jid(bob)));
        PrivacyListManager.getInstanceFor(a).createPrivacyList("no-carol",
                List.of(PrivacyBlockingTest.denyJid(jid(carol), 1, true)));

        restart();

        XMPPTCPConnection a2 = login(alice, "a2");
        assertThat(BlockingCommandManager.getInstanceFor(a2).getBlockList()).containsExactly(jid(bob));
        List<PrivacyItem> items = PrivacyListManager.getInstanceFor(a2).getPrivacyList("no-carol").getItems();
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.getValue()).isEqualTo(jid(carol).toString());
            assertThat(i.isAllow()).isFalse();
            assertThat(i.isFilterMessage()).isTrue();
        });
        Message bounced = PrivacyBlockingTest.sendExpectingError(login(bob, "b"), a2.getUser(), "let me in");
        assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
    }

    @Test
    void theLastActivityOfAnOfflineContactIsKeptAcrossARestart() throws Exception {
        String alice = newUser("aa");
        String bob = newUser("ab");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        RosterClients.loggedIn(a);
        RosterClients.loggedIn(b);
        PubSubTest.befriend(a, b);
        b.disconnect(PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).setStatus("gone fishing ☃").build());
        // the logout is recorded when the session closes, which the client does not wait for
        await().atMost(Duration.ofSeconds(10)).until(() ->
                "gone fishing ☃".equals(LastActivityManager.getInstanceFor(a).getLastActivity(jid(bob)).getStatusMessage()));

        restart();

        var last = LastActivityManager.getInstanceFor(login(alice, "a2")).getLastActivity(jid(bob));
        assertThat(last.getStatusMessage()).isEqualTo("gone fishing ☃");
        assertThat(last.getIdleTime()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void theArchiveIsPagedThroughAfterARestart() throws Exception {
        String alice = newUser("ma");
        String bob = newUser("mb");
        XMPPTCPConnection a = login(alice, "a");
        login(bob, "b");
        List<String> all = numbered("m ☃ ", 12);
        MamTest.send(a, jid(bob), all);

        restart();

        MamManager.MamQuery q = MamTest.mam(login(bob, "b2")).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(jid(alice)).queryLastPage().setResultPageSize(5).build());
        assertThat(bodies(q.getMessages())).isEqualTo(all.subList(7, 12));
        List<String> seen = new ArrayList<>(bodies(q.getMessages()));
        while (!q.isComplete()) seen.addAll(0, bodies(q.pagePrevious(5)));
        assertThat(seen).isEqualTo(all);
        assertThat(q.getPage().getMamFinIq().getRSMSet().getCount()).isEqualTo(12);
        // the sender's copy is there too
        assertThat(bodies(MamTest.mam(login(alice, "a2")).queryArchive(MamManager.MamQueryArgs.builder()
                .limitResultsToJid(jid(bob)).setResultPageSize(50).build()).getMessages())).isEqualTo(all);
    }

    @Test
    void aPersistentRoomKeepsItsConfigAffiliationsAndArchiveAcrossARestart() throws Exception {
        String alice = newUser("ua");
        String bob = newUser("ub");
        String carol = newUser("uc");
        EntityBareJid jid = MucTest.newRoom();
        XMPPTCPConnection a = login(alice, "a");
        MultiUserChat room = MucTest.muc(a, jid);
        room.create(MucTest.nick("alice")).getConfigFormManager().setRoomName("Kept ☃").makeMembersOnly()
                .submitConfigurationForm();
        FillableForm form = room.getConfigurationForm().getFillableForm();
        form.setAnswer("muc#roomconfig_persistentroom", true);
        form.setAnswer("muc#roomconfig_enablearchiving", true);
        room.sendConfigurationForm(form);
        room.grantMembership(jid(bob));
        room.grantAdmin(jid(carol));
        BlockingQueue<Message> toAlice = MucTest.messages(a, jid);
        List<String> said = numbered("r ☃ ", 6);
        MucArchiveTest.say(room, said, toAlice);

        restart();

        XMPPTCPConnection b = login(bob, "b");
        RoomInfo info = MultiUserChatManager.getInstanceFor(b).getRoomInfo(jid);
        assertThat(info.getName()).isEqualTo("Kept ☃");
        assertThat(info.isPersistent()).isTrue();
        assertThat(info.isMembersOnly()).isTrue();

        // Bob, a member outside the room, pages through its archive
        MamManager.MamQuery q = MucArchiveTest.mam(b, jid).queryArchive(MamManager.MamQueryArgs.builder()
                .setResultPageSize(4).build());
        List<String> seen = new ArrayList<>(bodies(q.getMessages()));
        assertThat(seen).isEqualTo(said.subList(0, 4));
        while (!q.isComplete()) seen.addAll(bodies(q.pageNext(4)));
        assertThat(seen).isEqualTo(said);

        MultiUserChat again = MucTest.muc(login(alice, "a2"), jid);
        again.join(MucTest.nick("alice"));
        assertThat(again.getOwners()).extracting(Affiliate::getJid).containsExactly(jid(alice));
        assertThat(again.getAdmins()).extracting(Affiliate::getJid).containsExactly(jid(carol));
        assertThat(again.getMembers()).extracting(Affiliate::getJid).containsExactly(jid(bob));
    }

    @Test
    void pepAndServiceItemsAndSubscriptionsAreKeptAcrossARestart() throws Exception {
        String alice = newUser("sa");
        String bob = newUser("sb");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        RosterClients.loggedIn(a);
        RosterClients.loggedIn(b);
        PubSubTest.befriend(a, b);
        // PEP: the default access model (presence) lets Bob read it
        PubSubTest.pubsub(a, IQ.Type.set, PubSubTest.PUBSUB, "<publish node='" + NICK + "'><item id='current'>"
                + "<nick xmlns='" + NICK + "'>Ally ☃</nick></item></publish>");
        // the pubsub service: an open node, an item, Bob's subscription
        LeafNode node = (LeafNode) PubSubManager.getInstanceFor(a).createNode("news-" + alice);
        node.publish(new PayloadItem<>("i1", new SimplePayload("<entry xmlns='urn:example:news'>story ☃</entry>")));
        PubSubManager.getInstanceFor(b).getLeafNode("news-" + alice).subscribe(b.getUser().asBareJid());

        restart();

        XMPPTCPConnection b2 = login(bob, "b2");
        assertThat(PubSubTest.pubsubTo(b2, alice + "@localhost", IQ.Type.get, PubSubTest.PUBSUB,
                "<items node='" + NICK + "'/>").toXML().toString()).contains("Ally ☃");
        PubSubManager bm = PubSubManager.getInstanceFor(b2);
        List<PayloadItem<SimplePayload>> items = bm.getLeafNode("news-" + alice).getItems();
        assertThat(items).singleElement().satisfies(i -> {
            assertThat(i.getId()).isEqualTo("i1");
            assertThat(i.getPayload().toXML().toString()).contains("story ☃");
        });
        assertThat(bm.getSubscriptions()).singleElement().satisfies(s -> {
            assertThat(s.getNode()).isEqualTo("news-" + alice);
            assertThat(s.getState()).isEqualTo(Subscription.State.subscribed);
        });
    }

    private static Message chat(XMPPTCPConnection from, org.jxmpp.jid.Jid to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }
}
