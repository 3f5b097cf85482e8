package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.pep.PepManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.RosterClients.jid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** mod_pubsub end to end: PEP (avatars, bookmarks 2, OMEMO device lists, access models) and the pubsub service. */
class PubSubTest {
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String OWNER = PUBSUB + "#owner";
    static final String ERRORS = PUBSUB + "#errors";
    static final String AVATAR_META = "urn:xmpp:avatar:metadata";

    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        RawExtension.register("metadata", AVATAR_META);
        // Smack's generic parser asserts on these (tests run with -ea), see RawExtension
        for (String condition : List.of("precondition-not-met", "closed-node", "presence-subscription-required", "invalid-jid",
                "not-subscribed", "item-forbidden", "nodeid-required")) {
            RawExtension.register(condition, ERRORS);
        }
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + "[modules.mod_pubsub]\n  max_items = 50\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static XMPPTCPConnection login(String user, String resource) throws Exception {
        XMPPTCPConnection c = fx.login(user, "pw-" + user, resource);
        RosterClients.loggedIn(c);
        return c;
    }

    /** Both users subscribe to each other's presence ('both' on each side). */
    static void befriend(XMPPTCPConnection a, XMPPTCPConnection b) throws Exception {
        Roster ra = Roster.getInstanceFor(a);
        Roster rb = Roster.getInstanceFor(b);
        ra.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        rb.setSubscriptionMode(Roster.SubscriptionMode.accept_all);
        ra.createItemAndRequestSubscription(b.getUser().asEntityBareJid(), null, null);
        RosterClients.awaitType(ra, b.getUser().asBareJid(), RosterPacket.ItemType.to);
        rb.createItemAndRequestSubscription(a.getUser().asEntityBareJid(), null, null);
        RosterClients.awaitType(ra, b.getUser().asBareJid(), RosterPacket.ItemType.both);
        RosterClients.awaitType(rb, a.getUser().asBareJid(), RosterPacket.ItemType.both);
    }

    static IQ pubsub(XMPPTCPConnection c, IQ.Type type, String ns, String body) throws Exception {
        return c.sendIqRequestAndWaitForResponse(new RawIq(type, "pubsub", ns, body));
    }

    static IQ pubsubTo(XMPPTCPConnection c, String to, IQ.Type type, String ns, String body) throws Exception {
        RawIq iq = new RawIq(type, "pubsub", ns, body);
        iq.setTo(JidCreate.from(to));
        return c.sendIqRequestAndWaitForResponse(iq);
    }

    static String form(String formType, String... fieldsAndValues) {
        StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>")
                .append(formType).append("</value></field>");
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            x.append("<field var='").append(fieldsAndValues[i]).append("'><value>").append(fieldsAndValues[i + 1]).append("</value></field>");
        }
        return x.append("</x>").toString();
    }

    static StanzaError errorOf(ThrowingCall call) {
        try {
            call.run();
        } catch (XMPPException.XMPPErrorException e) {
            return e.getStanzaError();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected an error reply");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    static void assertPubSubError(StanzaError e, StanzaError.Condition condition, String appCondition) {
        assertThat(e.getCondition()).isEqualTo(condition);
        if (appCondition != null) assertThat((Object) e.getExtension(appCondition, ERRORS)).as(e.toXML().toString()).isNotNull();
    }

    static BlockingQueue<Message> events(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> {
            if (s.hasExtension("event", PUBSUB + "#event")) q.add((Message) s);
        }, StanzaTypeFilter.MESSAGE);
        return q;
    }

    private static String avatarItem(String id) {
        return "<publish node='" + AVATAR_META + "'><item id='" + id + "'><metadata xmlns='" + AVATAR_META + "'><info bytes='12' id='"
                + id + "' type='image/png' height='64' width='64'/></metadata></item></publish>";
    }

    // ---- PEP ----

    @Test
    void accountAdvertisesPep() throws Exception {
        String alice = RosterClients.newUser(fx, "pa");
        XMPPTCPConnection a = login(alice, "a");
        assertThat(PepManager.getInstanceFor(a).isSupported()).isTrue();
    }

    @Test
    void avatarMetadataReachesContactsThatAskedForIt() throws Exception {
        String alice = RosterClients.newUser(fx, "aa");
        String bob = RosterClients.newUser(fx, "ab");
        String carol = RosterClients.newUser(fx, "ac");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        XMPPTCPConnection c = login(carol, "c");
        befriend(a, b);
        befriend(a, c);
        BlockingQueue<RawExtension> bobGot = new LinkedBlockingQueue<>();
        var aliceJid = jid(alice);
        // adds urn:xmpp:avatar:metadata+notify to Bob's caps; the server learns it by disco#info
        PepManager.getInstanceFor(b).addPepEventListener(AVATAR_META, RawExtension.class, (from, ext, id, m) -> {
            if (from.equals(aliceJid)) bobGot.add(ext);
        });
        BlockingQueue<Message> carolGot = events(c);

        // Bob's new caps may reach the server after the first publish: publish until he hears one
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            pubsub(a, IQ.Type.set, PUBSUB, avatarItem("0123456789abcdef"));
            return bobGot.poll(200, TimeUnit.MILLISECONDS) != null;
        });
        pubsub(a, IQ.Type.set, PUBSUB, avatarItem("fedcba9876543210"));
        RawExtension latest = bobGot.poll(10, TimeUnit.SECONDS);
        while (latest != null && !latest.xml().contains("fedcba9876543210")) latest = bobGot.poll(10, TimeUnit.SECONDS);
        assertThat(latest).isNotNull();

        // notifications are queued to Carol before Alice's publish is answered: a ping after it comes after them
        PingManager.getInstanceFor(c).pingMyServer();
        assertThat(carolGot).isEmpty();

        // a new resource of Bob gets the last item when it comes online (send_last_published_item)
        XMPPTCPConnection b2 = RosterClients.unconnected(fx, bob, "b2");
        BlockingQueue<RawExtension> b2Got = new LinkedBlockingQueue<>();
        PepManager.getInstanceFor(b2).addPepEventListener(AVATAR_META, RawExtension.class, (from, ext, id, m) -> b2Got.add(ext));
        b2.connect().login();
        RawExtension onPresence = b2Got.poll(10, TimeUnit.SECONDS);
        assertThat(onPresence).isNotNull();
        assertThat(onPresence.xml()).contains("fedcba9876543210");
    }

    @Test
    void bookmarksArePrivateWithPublishOptions() throws Exception {
        String alice = RosterClients.newUser(fx, "ba");
        String bob = RosterClients.newUser(fx, "bb");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        befriend(a, b);
        String options = "<publish-options>" + form(PUBSUB + "#publish-options", "pubsub#persist_items", "true",
                "pubsub#access_model", "whitelist", "pubsub#max_items", "max", "pubsub#send_last_published_item", "never")
                + "</publish-options>";
        for (String room : List.of("room1", "room2", "room1")) {
            pubsub(a, IQ.Type.set, PUBSUB, "<publish node='urn:xmpp:bookmarks:1'><item id='" + room
                    + "@muc.localhost'><conference xmlns='urn:xmpp:bookmarks:1' name='" + room + "' autojoin='true'/></item></publish>" + options);
        }
        String items = pubsub(a, IQ.Type.get, PUBSUB, "<items node='urn:xmpp:bookmarks:1'/>").toXML().toString();
        assertThat(items).contains("room1@muc.localhost", "room2@muc.localhost");
        assertThat(items.indexOf("room1@muc.localhost")).isLessThan(items.indexOf("room2@muc.localhost"));
        String one = pubsub(a, IQ.Type.get, PUBSUB, "<items node='urn:xmpp:bookmarks:1' max_items='1'/>").toXML().toString();
        assertThat(one).contains("room1@muc.localhost").doesNotContain("room2@muc.localhost");

        String config = pubsub(a, IQ.Type.get, OWNER, "<configure node='urn:xmpp:bookmarks:1'/>").toXML().toString();
        assertThat(config).contains("whitelist");

        StanzaError e = errorOf(() -> pubsubTo(b, alice + "@localhost", IQ.Type.get, PUBSUB, "<items node='urn:xmpp:bookmarks:1'/>"));
        assertPubSubError(e, StanzaError.Condition.not_allowed, "closed-node");
    }

    @Test
    void deviceListPublishWithAFailingPreconditionIsRefused() throws Exception {
        String alice = RosterClients.newUser(fx, "oa");
        XMPPTCPConnection a = login(alice, "a");
        String node = "eu.siacs.conversations.axolotl.devicelist";
        String open = "<publish-options>" + form(PUBSUB + "#publish-options", "pubsub#access_model", "open") + "</publish-options>";
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + node + "'><item id='current'><list xmlns='eu.siacs.conversations.axolotl'>"
                + "<device id='1'/></list></item></publish>" + open);

        String whitelist = "<publish-options>" + form(PUBSUB + "#publish-options", "pubsub#access_model", "whitelist") + "</publish-options>";
        StanzaError e = errorOf(() -> pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + node + "'><item id='current'>"
                + "<list xmlns='eu.siacs.conversations.axolotl'><device id='2'/></list></item></publish>" + whitelist));
        assertPubSubError(e, StanzaError.Condition.conflict, "precondition-not-met");
        assertThat(pubsub(a, IQ.Type.get, PUBSUB, "<items node='" + node + "'/>").toXML().toString())
                .contains("id='1'").doesNotContain("id='2'");

        // anyone may read the open device list, even without a presence subscription
        String dave = RosterClients.newUser(fx, "od");
        XMPPTCPConnection d = login(dave, "d");
        assertThat(pubsubTo(d, alice + "@localhost", IQ.Type.get, PUBSUB, "<items node='" + node + "'/>").toXML().toString())
                .contains("id='1'");
    }

    @Test
    void presenceAccessNodesAreHiddenFromStrangersAndConfigChangesApply() throws Exception {
        String alice = RosterClients.newUser(fx, "ma");
        String bob = RosterClients.newUser(fx, "mb");
        String dave = RosterClients.newUser(fx, "md");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        XMPPTCPConnection d = login(dave, "d");
        befriend(a, b);
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='http://jabber.org/protocol/mood'><item id='current'>"
                + "<mood xmlns='http://jabber.org/protocol/mood'><happy/></mood></item></publish>");
        String owner = alice + "@localhost";
        assertThat(pubsubTo(b, owner, IQ.Type.get, PUBSUB, "<items node='http://jabber.org/protocol/mood'/>").toXML().toString())
                .contains("happy");
        StanzaError e = errorOf(() -> pubsubTo(d, owner, IQ.Type.get, PUBSUB, "<items node='http://jabber.org/protocol/mood'/>"));
        assertPubSubError(e, StanzaError.Condition.not_authorized, "presence-subscription-required");

        // the owner opens the node: now Dave may read it; a stranger may not configure it
        pubsub(a, IQ.Type.set, OWNER, "<configure node='http://jabber.org/protocol/mood'>"
                + form(PUBSUB + "#node_config", "pubsub#access_model", "open") + "</configure>");
        assertThat(pubsubTo(d, owner, IQ.Type.get, PUBSUB, "<items node='http://jabber.org/protocol/mood'/>").toXML().toString())
                .contains("happy");
        assertPubSubError(errorOf(() -> pubsubTo(d, owner, IQ.Type.get, OWNER, "<configure node='http://jabber.org/protocol/mood'/>")),
                StanzaError.Condition.forbidden, null);
        assertPubSubError(errorOf(() -> pubsub(a, IQ.Type.set, OWNER, "<configure node='http://jabber.org/protocol/mood'>"
                + form(PUBSUB + "#node_config", "pubsub#access_model", "authorize-by-magic") + "</configure>")),
                StanzaError.Condition.not_acceptable, null);
        // strangers cannot publish into someone's PEP; retract and delete work for the owner
        assertPubSubError(errorOf(() -> pubsubTo(d, owner, IQ.Type.set, PUBSUB, "<publish node='http://jabber.org/protocol/mood'>"
                + "<item><mood xmlns='http://jabber.org/protocol/mood'><sad/></mood></item></publish>")), StanzaError.Condition.forbidden, null);
        pubsub(a, IQ.Type.set, PUBSUB, "<retract node='http://jabber.org/protocol/mood'><item id='current'/></retract>");
        assertThat(pubsub(a, IQ.Type.get, PUBSUB, "<items node='http://jabber.org/protocol/mood'/>").toXML().toString()).doesNotContain("happy");
        pubsub(a, IQ.Type.set, OWNER, "<delete node='http://jabber.org/protocol/mood'/>");
        assertPubSubError(errorOf(() -> pubsub(a, IQ.Type.get, PUBSUB, "<items node='http://jabber.org/protocol/mood'/>")),
                StanzaError.Condition.item_not_found, null);
    }

    // ---- pubsub service ----

    @Test
    void serviceNodesCanBeCreatedSubscribedAndPublishedTo() throws Exception {
        String alice = RosterClients.newUser(fx, "sa");
        String bob = RosterClients.newUser(fx, "sb");
        XMPPTCPConnection a = login(alice, "a");
        XMPPTCPConnection b = login(bob, "b");
        PubSubManager am = PubSubManager.getInstanceFor(a);
        assertThat(am.getServiceJid().toString()).isEqualTo("pubsub.localhost");
        FillableConfigureForm config = am.getDefaultConfiguration().getFillableForm();
        config.setMaxItems(2);
        LeafNode aNode = (LeafNode) am.createNode("news-" + alice, config);
        assertPubSubError(errorOf(() -> am.createNode("news-" + alice)), StanzaError.Condition.conflict, null);

        PubSubManager bm = PubSubManager.getInstanceFor(b);
        LeafNode bNode = bm.getLeafNode("news-" + alice);
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        bNode.addItemEventListener((ItemEventListener<PayloadItem<SimplePayload>>) ev ->
                ev.getItems().forEach(i -> got.add(i.getPayload().toXML().toString())));
        Subscription sub = bNode.subscribe(b.getUser().asBareJid());
        assertThat(sub.getState()).isEqualTo(Subscription.State.subscribed);
        assertThat(aNode.getSubscriptionsAsOwner()).extracting(s -> s.getJid().toString()).containsExactly(bob + "@localhost");

        for (int i = 1; i <= 3; i++) {
            aNode.publish(new PayloadItem<>("i" + i, new SimplePayload("<entry xmlns='urn:example:news'>story " + i + "</entry>")));
        }
        for (int i = 1; i <= 3; i++) assertThat(got.poll(10, TimeUnit.SECONDS)).contains("story " + i);
        List<PayloadItem<SimplePayload>> kept = bNode.getItems();
        assertThat(kept).extracting(PayloadItem::getId).containsExactly("i3", "i2");

        // only the owner deletes; another user's JID cannot be subscribed; unknown nodes are item-not-found
        assertPubSubError(errorOf(() -> bm.deleteNode("news-" + alice)), StanzaError.Condition.forbidden, null);
        assertPubSubError(errorOf(() -> bNode.subscribe(JidCreate.bareFrom(alice + "@localhost"))),
                StanzaError.Condition.bad_request, "invalid-jid");
        assertPubSubError(errorOf(() -> pubsubTo(b, "pubsub.localhost", IQ.Type.get, PUBSUB, "<items node='no-such-node'/>")),
                StanzaError.Condition.item_not_found, null);
        assertPubSubError(errorOf(() -> bNode.publish(new PayloadItem<>("x", new SimplePayload("<a xmlns='urn:x'/>")))),
                StanzaError.Condition.forbidden, null);

        bNode.unsubscribe(b.getUser().asBareJid().toString());
        assertThat(aNode.getSubscriptionsAsOwner()).isEmpty();
        assertPubSubError(errorOf(() -> bNode.unsubscribe(b.getUser().asBareJid().toString())),
                StanzaError.Condition.unexpected_request, "not-subscribed");
        assertThat(am.deleteNode("news-" + alice)).isTrue();
        assertPubSubError(errorOf(() -> pubsubTo(b, "pubsub.localhost", IQ.Type.get, PUBSUB, "<items node='news-" + alice + "'/>")),
                StanzaError.Condition.item_not_found, null);
    }
}
