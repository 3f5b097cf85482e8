package dev.meerkat.e2e;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.SubState;
import dev.meerkat.mod.roster.Subscription;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.SubscribeForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.PubSubTest.ERRORS;
import static dev.meerkat.e2e.PubSubTest.OWNER;
import static dev.meerkat.e2e.PubSubTest.PUBSUB;
import static dev.meerkat.e2e.PubSubTest.assertPubSubError;
import static dev.meerkat.e2e.PubSubTest.errorOf;
import static dev.meerkat.e2e.PubSubTest.events;
import static dev.meerkat.e2e.PubSubTest.form;
import static dev.meerkat.e2e.PubSubTest.pubsub;
import static dev.meerkat.e2e.PubSubTest.pubsubTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What XEP-0384 (OMEMO) and XEP-0373 (OpenPGP) clients need from mod_pubsub, as Smack asks for it:
 * PEP support said by the server domain, node discovery on a contact's bare JID, the whitelist
 * access model; and XEP-0060 §6.3 subscription options; and a roster contact on another domain.
 */
class PubSubClientNeedsTest {
    static final String DEVICES = "eu.siacs.conversations.axolotl.devicelist";
    static final String SECRET_KEY = "urn:xmpp:openpgp:0:secret-key";
    static final String SUB_OPTIONS = PUBSUB + "#subscribe_options";

    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        for (String condition : List.of("precondition-not-met", "closed-node", "not-subscribed", "invalid-options", "jid-required")) {
            RawExtension.register(condition, ERRORS);
        }
        // Smack has no parser of its own for §6.4 default subscription options; its generic one asserts
        RawExtension.register("default", PUBSUB);
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + "[modules.mod_pubsub]\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static XMPPTCPConnection login(String user) throws Exception {
        XMPPTCPConnection c = fx.login(user, "pw-" + user, "r");
        RosterClients.loggedIn(c);
        return c;
    }

    @Test
    void omemoDeviceListIsPublishedWithPreconditionsAndDiscoverableByStrangers() throws Exception {
        String alice = RosterClients.newUser(fx, "oma");
        String bob = RosterClients.newUser(fx, "omb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);

        // Smack's OmemoManager.serverSupportsOmemo and OpenPgpManager.serverSupportsSecretKeyBackups ask the domain
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(a);
        DiscoverInfo domain = disco.discoverInfo(a.getXMPPServiceDomain());
        assertThat(domain.containsFeature(PUBSUB)).isTrue();
        assertThat(domain.hasIdentity("pubsub", "pep")).isTrue();
        assertThat(disco.serverSupportsFeature(PUBSUB + "#access-whitelist")).isTrue();
        assertThat(disco.serverSupportsFeature(PUBSUB + "#subscription-options")).isTrue();
        assertThat(disco.discoverInfo(a.getUser().asBareJid()).containsFeature(PUBSUB + "#publish-options")).isTrue();
        // the pubsub component is still the one service Smack finds for plain pubsub
        assertThat(PubSubManager.getInstanceFor(a).getServiceJid().toString()).isEqualTo("pubsub.localhost");

        String open = "<publish-options>" + form(PUBSUB + "#publish-options", "pubsub#access_model", "open") + "</publish-options>";
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + DEVICES + "'><item id='current'><list xmlns='eu.siacs.conversations.axolotl'>"
                + "<device id='4223'/></list></item></publish>" + open);
        // a second publish with the same precondition holds; a different one does not
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + DEVICES + "'><item id='current'><list xmlns='eu.siacs.conversations.axolotl'>"
                + "<device id='4223'/><device id='31415'/></list></item></publish>" + open);
        String presence = "<publish-options>" + form(PUBSUB + "#publish-options", "pubsub#access_model", "presence") + "</publish-options>";
        assertPubSubError(errorOf(() -> pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + DEVICES + "'><item id='current'>"
                + "<list xmlns='eu.siacs.conversations.axolotl'/></item></publish>" + presence)),
                StanzaError.Condition.conflict, "precondition-not-met");

        // Bob, not in Alice's roster, discovers the node on her bare JID (XEP-0060 §5.3) and reads it
        var aliceJid = JidCreate.entityBareFrom(alice + "@localhost");
        ServiceDiscoveryManager bobDisco = ServiceDiscoveryManager.getInstanceFor(b);
        DiscoverInfo nodeInfo = bobDisco.discoverInfo(aliceJid, DEVICES);
        assertThat(nodeInfo.hasIdentity("pubsub", "leaf")).isTrue();
        assertThat(nodeInfo.toXML().toString()).contains(PUBSUB + "#meta-data").contains("open");
        DiscoverItems nodeItems = bobDisco.discoverItems(aliceJid, DEVICES);
        assertThat(nodeItems.getItems()).extracting(DiscoverItems.Item::getName).containsExactly("current");
        LeafNode node = PubSubManager.getInstanceFor(b, aliceJid).getLeafNode(DEVICES);
        List<PayloadItem<?>> items = node.getItems();
        assertThat(items).hasSize(1);
        assertThat(items.getFirst().toXML().toString()).contains("31415");

        // a whitelist node is not even named to Bob; Alice sees it in her own node list
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + SECRET_KEY + "'><item id='current'><secretkey xmlns='urn:xmpp:openpgp:0'>"
                + "c2VjcmV0</secretkey></item></publish><publish-options>"
                + form(PUBSUB + "#publish-options", "pubsub#access_model", "whitelist") + "</publish-options>");
        assertPubSubError(errorOf(() -> bobDisco.discoverInfo(aliceJid, SECRET_KEY)), StanzaError.Condition.item_not_found, null);
        assertThat(bobDisco.discoverItems(aliceJid).getItems()).extracting(DiscoverItems.Item::getNode).containsExactly(DEVICES);
        assertThat(ServiceDiscoveryManager.getInstanceFor(a).discoverItems(aliceJid).getItems())
                .extracting(DiscoverItems.Item::getNode).containsExactlyInAnyOrder(DEVICES, SECRET_KEY);
    }

    @Test
    void whitelistNodesAreReadByAffiliatesOnly() throws Exception {
        String alice = RosterClients.newUser(fx, "wla");
        String bob = RosterClients.newUser(fx, "wlb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        String owner = alice + "@localhost";
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='" + SECRET_KEY + "'><item id='current'><secretkey xmlns='urn:xmpp:openpgp:0'>"
                + "c2VjcmV0</secretkey></item></publish><publish-options>"
                + form(PUBSUB + "#publish-options", "pubsub#access_model", "whitelist") + "</publish-options>");
        assertPubSubError(errorOf(() -> pubsubTo(b, owner, IQ.Type.get, PUBSUB, "<items node='" + SECRET_KEY + "'/>")),
                StanzaError.Condition.not_allowed, "closed-node");

        pubsub(a, IQ.Type.set, OWNER, "<affiliations node='" + SECRET_KEY + "'><affiliation jid='" + bob
                + "@localhost' affiliation='member'/></affiliations>");
        assertThat(pubsubTo(b, owner, IQ.Type.get, PUBSUB, "<items node='" + SECRET_KEY + "'/>").toXML().toString()).contains("c2VjcmV0");

        pubsub(a, IQ.Type.set, OWNER, "<affiliations node='" + SECRET_KEY + "'><affiliation jid='" + bob
                + "@localhost' affiliation='none'/></affiliations>");
        assertPubSubError(errorOf(() -> pubsubTo(b, owner, IQ.Type.get, PUBSUB, "<items node='" + SECRET_KEY + "'/>")),
                StanzaError.Condition.not_allowed, "closed-node");
    }

    @Test
    void subscriptionOptionsPauseDeliveryAndRefuseWhatIsNotOffered() throws Exception {
        String alice = RosterClients.newUser(fx, "soa");
        String bob = RosterClients.newUser(fx, "sob");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        String nodeId = "feed-" + alice;
        LeafNode aNode = (LeafNode) PubSubManager.getInstanceFor(a).createNode(nodeId);
        LeafNode bNode = PubSubManager.getInstanceFor(b).getLeafNode(nodeId);
        String bobJid = bob + "@localhost";
        BlockingQueue<Message> bobGot = events(b);

        // §6.4 default options, then subscribe with delivery off (§6.3.7)
        String defaults = pubsubTo(b, "pubsub.localhost", IQ.Type.get, PUBSUB, "<default node='" + nodeId + "'/>").toXML().toString();
        assertThat(defaults).contains(SUB_OPTIONS).contains("pubsub#deliver");
        pubsubTo(b, "pubsub.localhost", IQ.Type.set, PUBSUB, "<subscribe node='" + nodeId + "' jid='" + bobJid + "'/><options>"
                + form(SUB_OPTIONS, "pubsub#deliver", "false") + "</options>");
        SubscribeForm options = bNode.getSubscriptionOptions(bobJid);
        assertThat(options.isDeliverOn()).isFalse();

        aNode.publish(new PayloadItem<>("i1", new SimplePayload("<entry xmlns='urn:example:feed'>one</entry>")));
        // notifications are routed before the publish is answered: a ping after it comes after any of them
        PingManager.getInstanceFor(b).pingMyServer();
        assertThat(bobGot).isEmpty();

        // §6.3.5 turn delivery back on ("1" is a boolean too)
        pubsubTo(b, "pubsub.localhost", IQ.Type.set, PUBSUB, "<options node='" + nodeId + "' jid='" + bobJid + "'>"
                + form(SUB_OPTIONS, "pubsub#deliver", "1") + "</options>");
        assertThat(bNode.getSubscriptionOptions(bobJid).isDeliverOn()).isTrue();
        aNode.publish(new PayloadItem<>("i2", new SimplePayload("<entry xmlns='urn:example:feed'>two</entry>")));
        Message got = bobGot.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.toXML().toString()).contains("two").doesNotContain(">one<");

        // §6.3.6 digests are not offered; §6.3.4 another JID, no subscription, no JID
        assertPubSubError(errorOf(() -> pubsubTo(b, "pubsub.localhost", IQ.Type.set, PUBSUB, "<options node='" + nodeId
                + "' jid='" + bobJid + "'>" + form(SUB_OPTIONS, "pubsub#digest", "true") + "</options>")),
                StanzaError.Condition.bad_request, "invalid-options");
        assertPubSubError(errorOf(() -> pubsubTo(b, "pubsub.localhost", IQ.Type.set, PUBSUB, "<options node='" + nodeId
                + "' jid='" + bobJid + "'>" + form(SUB_OPTIONS, "pubsub#no_such_option", "1") + "</options>")),
                StanzaError.Condition.bad_request, "invalid-options");
        assertPubSubError(errorOf(() -> pubsubTo(b, "pubsub.localhost", IQ.Type.get, PUBSUB, "<options node='" + nodeId
                + "' jid='" + alice + "@localhost'/>")), StanzaError.Condition.forbidden, null);
        assertPubSubError(errorOf(() -> pubsubTo(a, "pubsub.localhost", IQ.Type.get, PUBSUB, "<options node='" + nodeId
                + "' jid='" + alice + "@localhost'/>")), StanzaError.Condition.unexpected_request, "not-subscribed");
        assertPubSubError(errorOf(() -> pubsubTo(b, "pubsub.localhost", IQ.Type.get, PUBSUB, "<options node='" + nodeId + "'/>")),
                StanzaError.Condition.bad_request, "jid-required");
    }

    @Test
    void aRosterContactOnAnotherDomainDoesNotDisturbPep() throws Exception {
        String alice = RosterClients.newUser(fx, "rca");
        String bob = RosterClients.newUser(fx, "rcb");
        XMPPTCPConnection a = login(alice);
        XMPPTCPConnection b = login(bob);
        PubSubTest.befriend(a, b);
        // a mutual subscription with a contact elsewhere (as if made over s2s, which does not exist yet)
        Jid remote = Jid.parse("carol@elsewhere.example");
        new JdbcRosterStore(fx.server.services().database()).update(Jid.parse(alice + "@localhost"), remote,
                old -> Optional.of(RosterItem.of(remote).withState(new SubState(Subscription.BOTH, false, false, false))));
        BlockingQueue<Message> aliceGot = events(a);
        BlockingQueue<Message> bobGot = events(b);
        // Bob subscribes explicitly, so that he is notified whatever his caps say
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='http://jabber.org/protocol/mood'><item id='current'>"
                + "<mood xmlns='http://jabber.org/protocol/mood'><happy/></mood></item></publish>");
        pubsubTo(b, alice + "@localhost", IQ.Type.set, PUBSUB, "<subscribe node='http://jabber.org/protocol/mood' jid='" + bob + "@localhost'/>");
        // and a subscriber elsewhere, set by the owner: its notification cannot leave this server
        pubsub(a, IQ.Type.set, OWNER, "<subscriptions node='http://jabber.org/protocol/mood'>"
                + "<subscription jid='dave@elsewhere.example' subscription='subscribed'/></subscriptions>");
        pubsub(a, IQ.Type.set, PUBSUB, "<publish node='http://jabber.org/protocol/mood'><item id='current'>"
                + "<mood xmlns='http://jabber.org/protocol/mood'><sad/></mood></item></publish>");
        Message toBob = bobGot.poll(10, TimeUnit.SECONDS);
        while (toBob != null && !toBob.toXML().toString().contains("sad")) toBob = bobGot.poll(10, TimeUnit.SECONDS);
        assertThat(toBob).isNotNull();
        // nothing bounced back to Alice, and her next login with the remote contact in her roster works
        PingManager.getInstanceFor(a).pingMyServer();
        assertThat(aliceGot).allSatisfy(m -> assertThat(m.getType()).isNotEqualTo(Message.Type.error));
        XMPPTCPConnection a2 = fx.login(alice, "pw-" + alice, "r2");
        assertThat(PingManager.getInstanceFor(a2).pingMyServer()).isTrue();
    }
}
