package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqlast.packet.LastActivity;
import org.jivesoftware.smackx.iqprivate.PrivateDataManager;
import org.jivesoftware.smackx.iqprivate.packet.DefaultPrivateData;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** mod_carboncopy, mod_last, mod_vcard and mod_private end to end with Smack. */
class ImModulesTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        RawExtension.register("received", "urn:xmpp:carbons:2");
        RawExtension.register("sent", "urn:xmpp:carbons:2");
        RawExtension.register("x", "vcard-temp:x:update");
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + """
                [modules.mod_carboncopy]
                [modules.mod_last]
                [modules.mod_vcard]
                  max_vcard_size = 4096
                [modules.mod_private]
                """));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static XMPPTCPConnection login(String user, String resource) throws Exception {
        return fx.login(user, "pw-" + user, resource);
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    private static void enableCarbons(XMPPTCPConnection c) throws Exception {
        c.sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, "enable", "urn:xmpp:carbons:2", ""));
    }

    private static Message chat(XMPPTCPConnection from, org.jxmpp.jid.Jid to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    // ---- carbons ----

    @Test
    void carbonsCopyReachesSecondResourceReceivedAndSent() throws Exception {
        String bob = RosterClients.newUser(fx, "cbob");
        String alice = RosterClients.newUser(fx, "calice");
        XMPPTCPConnection b1 = login(bob, "one");
        XMPPTCPConnection b2 = login(bob, "two");
        XMPPTCPConnection a = login(alice, "a");
        enableCarbons(b1);
        enableCarbons(b2);
        BlockingQueue<Message> in1 = inbox(b1), in2 = inbox(b2), aIn = inbox(a);

        a.sendStanza(chat(a, b1.getUser(), "to one"));
        Message original = in1.poll(10, TimeUnit.SECONDS);
        assertThat(original).isNotNull().extracting(Message::getBody).isEqualTo("to one");
        Message copy = in2.poll(10, TimeUnit.SECONDS);
        assertThat(copy).isNotNull();
        assertThat(copy.getFrom().toString()).isEqualTo(bob + "@localhost");
        RawExtension received = RawExtension.of(copy, "received", "urn:xmpp:carbons:2");
        assertThat(received).isNotNull();
        assertThat(received.xml()).contains("urn:xmpp:forward:0").contains("to one").contains(alice + "@localhost/a");

        b1.sendStanza(chat(b1, a.getUser(), "reply"));
        assertThat(aIn.poll(10, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("reply");
        Message sentCopy = in2.poll(10, TimeUnit.SECONDS);
        assertThat(sentCopy).isNotNull();
        assertThat(RawExtension.of(sentCopy, "sent", "urn:xmpp:carbons:2").xml()).contains("reply");

        // the sender and the target got no copies: the next thing b1 sees is a fresh message
        a.sendStanza(chat(a, b2.getUser(), "to two"));
        assertThat(in2.poll(10, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("to two");
        Message copyAtOne = in1.poll(10, TimeUnit.SECONDS);
        assertThat(copyAtOne).isNotNull();
        assertThat(RawExtension.of(copyAtOne, "received", "urn:xmpp:carbons:2").xml()).contains("to two");
    }

    @Test
    void privateAndNoCopyHintsPreventCopiesAndDisabledResourcesGetNone() throws Exception {
        String bob = RosterClients.newUser(fx, "pbob");
        String alice = RosterClients.newUser(fx, "palice");
        XMPPTCPConnection b1 = login(bob, "one");
        XMPPTCPConnection b2 = login(bob, "two");
        XMPPTCPConnection b3 = login(bob, "three");
        XMPPTCPConnection a = login(alice, "a");
        enableCarbons(b1);
        enableCarbons(b2);
        enableCarbons(b3);
        b3.sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, "disable", "urn:xmpp:carbons:2", ""));
        BlockingQueue<Message> in2 = inbox(b2), in3 = inbox(b3);

        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(b1.getUser()).ofType(Message.Type.chat).setBody("private")
                .addExtension(StandardExtensionElement.builder("private", "urn:xmpp:carbons:2").build()).build());
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(b1.getUser()).ofType(Message.Type.chat).setBody("no-copy")
                .addExtension(StandardExtensionElement.builder("no-copy", "urn:xmpp:hints").build()).build());
        a.sendStanza(chat(a, b1.getUser(), "copied"));
        Message copy = in2.poll(10, TimeUnit.SECONDS);
        assertThat(copy).isNotNull();
        assertThat(RawExtension.of(copy, "received", "urn:xmpp:carbons:2").xml()).contains("copied").doesNotContain("private");
        a.sendStanza(chat(a, b3.getUser(), "direct"));
        assertThat(in3.poll(10, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("direct");
    }

    // ---- last activity ----

    @Test
    void lastActivityOfAnOfflineContactForbiddenForOthersAndUptime() throws Exception {
        String bob = RosterClients.newUser(fx, "lbob");
        String alice = RosterClients.newUser(fx, "lalice");
        String carol = RosterClients.newUser(fx, "lcarol");
        XMPPTCPConnection b = login(bob, "b");
        Roster.getInstanceFor(b).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        XMPPTCPConnection a = login(alice, "a");
        Roster aRoster = RosterClients.loggedIn(a);
        aRoster.createItemAndRequestSubscription(RosterClients.jid(bob), "Bob", null);
        RosterClients.awaitAvailable(aRoster, RosterClients.jid(bob), true);

        LastActivityManager aLast = LastActivityManager.getInstanceFor(a);
        assertThat(aLast.getLastActivity(RosterClients.jid(bob)).getIdleTime()).isZero();

        b.disconnect(PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).setStatus("gone fishing").build());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            LastActivity last = aLast.getLastActivity(RosterClients.jid(bob));
            assertThat(last.getStatusMessage()).isEqualTo("gone fishing");
            assertThat(last.getIdleTime()).isGreaterThanOrEqualTo(0);
        });

        XMPPTCPConnection c = login(carol, "c");
        assertThatThrownBy(() -> LastActivityManager.getInstanceFor(c).getLastActivity(RosterClients.jid(bob)))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        assertThat(LastActivityManager.getInstanceFor(c).getLastActivity(JidCreate.domainBareFrom("localhost")).getIdleTime())
                .isGreaterThanOrEqualTo(0);
    }

    // ---- vCard ----

    @Test
    void vcardSetGetSizeLimitAndAvatarHashInPresence() throws Exception {
        String alice = RosterClients.newUser(fx, "valice");
        String bob = RosterClients.newUser(fx, "vbob");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        byte[] image = new byte[600];
        for (int i = 0; i < image.length; i++) image[i] = (byte) (i * 7);
        VCard mine = new VCard();
        mine.setFirstName("Alice ☃");
        mine.setAvatar(image, "image/png");
        VCardManager.getInstanceFor(a).saveVCard(mine);

        assertThat(VCardManager.getInstanceFor(a).loadVCard().getFirstName()).isEqualTo("Alice ☃");
        VCard seen = VCardManager.getInstanceFor(b).loadVCard(RosterClients.jid(alice));
        assertThat(seen.getFirstName()).isEqualTo("Alice ☃");
        assertThat(seen.getAvatar()).isEqualTo(image);
        assertThat(VCardManager.getInstanceFor(b).loadVCard(RosterClients.jid(RosterClients.newUser(fx, "vnone"))).getFirstName()).isNull();

        VCard huge = new VCard();
        huge.setFirstName("x".repeat(5000));
        assertThatThrownBy(() -> VCardManager.getInstanceFor(a).saveVCard(huge))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
        assertThatThrownBy(() -> b.sendIqRequestAndWaitForResponse(withTo(new RawIq(IQ.Type.set, "vCard", "vcard-temp", "<FN>evil</FN>"), alice)))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));

        BlockingQueue<Presence> bPresence = new LinkedBlockingQueue<>();
        b.addSyncStanzaListener(s -> bPresence.add((Presence) s), StanzaTypeFilter.PRESENCE);
        a.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.available).to(b.getUser()).build());
        Presence got = bPresence.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(image));
        assertThat(RawExtension.of(got, "x", "vcard-temp:x:update").xml()).contains(">" + expected + "</photo>");
    }

    private static IQ withTo(IQ iq, String user) throws Exception {
        iq.setTo(RosterClients.jid(user));
        return iq;
    }

    // ---- private storage ----

    @Test
    void privateStorageGetSetAndErrors() throws Exception {
        String alice = RosterClients.newUser(fx, "ralice");
        String bob = RosterClients.newUser(fx, "rbob");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        PrivateDataManager pdm = PrivateDataManager.getInstanceFor(a);
        DefaultPrivateData notes = new DefaultPrivateData("notes", "urn:example:notes");
        notes.setValue("text", "secret ☃");
        pdm.setPrivateData(notes);
        DefaultPrivateData back = (DefaultPrivateData) pdm.getPrivateData("notes", "urn:example:notes");
        assertThat(back.getValue("text")).isEqualTo("secret ☃");
        DefaultPrivateData empty = (DefaultPrivateData) pdm.getPrivateData("other", "urn:example:other");
        assertThat(empty.getNames()).isEmpty();

        assertThatThrownBy(() -> a.sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.get, "query", "jabber:iq:private",
                "<x xmlns='jabber:client'/>")))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.not_acceptable));
        assertThatThrownBy(() -> b.sendIqRequestAndWaitForResponse(withTo(new RawIq(IQ.Type.get, "query", "jabber:iq:private",
                "<notes xmlns='urn:example:notes'/>"), alice)))
                .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class,
                        e -> assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
        assertThat(PingManager.getInstanceFor(a).pingMyServer()).isTrue();
    }
}
