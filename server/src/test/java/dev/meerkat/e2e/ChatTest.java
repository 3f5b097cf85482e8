package dev.meerkat.e2e;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.SimpleIQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.time.packet.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Two Smack users chatting through the server, IQs between them and to the server, and errors. */
class ChatTest {
    private static ServerFixture fx;
    private static EntityBareJid alice;
    private static EntityBareJid bob;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture();
        fx.createUser("alice", "a-pass");
        fx.createUser("bob", "b-pass");
        alice = JidCreate.entityBareFrom("alice@localhost");
        bob = JidCreate.entityBareFrom("bob@localhost");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    @Test
    void twoUsersExchangeMessagesBothWays() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "laptop");
        XMPPTCPConnection b = fx.login("bob", "b-pass", "phone");
        BlockingQueue<Message> aIn = inbox(a), bIn = inbox(b);

        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bob).ofType(Message.Type.chat).setBody("Hi Bob").build());
        Message got = bIn.poll(5, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.getBody()).isEqualTo("Hi Bob");
        assertThat(got.getFrom().toString()).isEqualTo("alice@localhost/laptop");

        b.sendStanza(b.getStanzaFactory().buildMessageStanza().to(got.getFrom()).ofType(Message.Type.chat).setBody("Hi Alice ☃").build());
        Message reply = aIn.poll(5, TimeUnit.SECONDS);
        assertThat(reply).isNotNull();
        assertThat(reply.getBody()).isEqualTo("Hi Alice ☃");
        assertThat(reply.getFrom().toString()).isEqualTo("bob@localhost/phone");
        a.disconnect();
        b.disconnect();
    }

    @Test
    void usersPingEachOtherByFullJid() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "ping-a");
        XMPPTCPConnection b = fx.login("bob", "b-pass", "ping-b");
        assertThat(PingManager.getInstanceFor(a).ping(b.getUser())).isTrue();
        assertThat(PingManager.getInstanceFor(b).ping(a.getUser())).isTrue();
        a.disconnect();
        b.disconnect();
    }

    @Test
    void bareJidMessageGoesToTheHighestPriorityResource() throws Exception {
        XMPPTCPConnection high = fx.login("bob", "b-pass", "high");
        XMPPTCPConnection low = fx.login("bob", "b-pass", "low");
        XMPPTCPConnection a = fx.login("alice", "a-pass", "sender");
        high.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setPriority(10).build());
        low.sendStanza(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setPriority(1).build());
        BlockingQueue<Message> highIn = inbox(high), lowIn = inbox(low);
        // presence is processed in order on each stream; a ping round trip proves it arrived
        assertThat(PingManager.getInstanceFor(high).pingMyServer()).isTrue();
        assertThat(PingManager.getInstanceFor(low).pingMyServer()).isTrue();

        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(bob).ofType(Message.Type.chat).setBody("to the best").build());
        assertThat(highIn.poll(5, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("to the best");
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(low.getUser()).ofType(Message.Type.chat).setBody("direct").build());
        Message direct = lowIn.poll(5, TimeUnit.SECONDS);
        assertThat(direct).isNotNull().extracting(Message::getBody).isEqualTo("direct");
        assertThat(highIn).isEmpty();
        high.disconnect();
        low.disconnect();
        a.disconnect();
    }

    @Test
    void messageToUnknownUserBouncesWithServiceUnavailable() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "bounce");
        BlockingQueue<Message> in = inbox(a);
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("nobody@localhost"))
                .ofType(Message.Type.chat).setBody("anyone?").build());
        Message error = in.poll(5, TimeUnit.SECONDS);
        assertThat(error).isNotNull();
        assertThat(error.getType()).isEqualTo(Message.Type.error);
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);
        assertThat(error.getFrom().toString()).isEqualTo("nobody@localhost");
        a.disconnect();
    }

    @Test
    void messageToAnotherDomainBouncesWithRemoteServerNotFound() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "remote");
        BlockingQueue<Message> in = inbox(a);
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("juliet@example.net"))
                .ofType(Message.Type.chat).setBody("far away").build());
        Message error = in.poll(5, TimeUnit.SECONDS);
        assertThat(error).isNotNull();
        assertThat(error.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
        a.disconnect();
    }

    @Test
    void serverAnswersPingDiscoVersionAndTime() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "services");
        assertThat(PingManager.getInstanceFor(a).pingMyServer()).isTrue();

        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(a.getXMPPServiceDomain());
        assertThat(info.getIdentities()).anySatisfy(i -> {
            assertThat(i.getCategory()).isEqualTo("server");
            assertThat(i.getType()).isEqualTo("im");
        });
        List<String> features = info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).toList();
        assertThat(features).contains("urn:xmpp:ping", "jabber:iq:version", "urn:xmpp:time", "jabber:iq:register",
                "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items");

        Version v = VersionManager.getInstanceFor(a).getVersion(a.getXMPPServiceDomain());
        assertThat(v.getName()).isEqualTo("Meerkat");
        assertThat(v.getVersion()).isNotBlank();

        Time t = EntityTimeManager.getInstanceFor(a).getTime(a.getXMPPServiceDomain());
        assertThat(Duration.between(t.getTime().toInstant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(1));
        a.disconnect();
    }

    @Test
    void accountDiscoAnswersForTheBareJid() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "disco");
        DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(a).discoverInfo(bob);
        assertThat(info.getIdentities()).anySatisfy(i -> assertThat(i.getCategory()).isEqualTo("account"));
        a.disconnect();
    }

    @Test
    void unknownIqNamespaceIsServiceUnavailable() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "unknown-iq");
        IQ request = new SimpleIQ("query", "urn:example:nothing") { };
        request.setType(IQ.Type.get);
        request.setTo(a.getXMPPServiceDomain());
        assertThatThrownBy(() -> a.sendIqRequestAndWaitForResponse(request))
                .isInstanceOf(XMPPException.XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPException.XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.service_unavailable));
        a.disconnect();
    }

    @Test
    void messageToFullJidOfGoneResourceFallsBackToTheAccount() throws Exception {
        XMPPTCPConnection b = fx.login("bob", "b-pass", "stays");
        XMPPTCPConnection a = fx.login("alice", "a-pass", "fallback");
        BlockingQueue<Message> bIn = inbox(b);
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost/gone"))
                .ofType(Message.Type.chat).setBody("are you there").build());
        assertThat(bIn.poll(5, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("are you there");
        a.disconnect();
        b.disconnect();
    }

    @Test
    void manyMessagesArriveInOrder() throws Exception {
        XMPPTCPConnection a = fx.login("alice", "a-pass", "burst-a");
        XMPPTCPConnection b = fx.login("bob", "b-pass", "burst-b");
        List<String> got = new CopyOnWriteArrayList<>();
        b.addSyncStanzaListener(s -> got.add(((Message) s).getBody()), StanzaTypeFilter.MESSAGE);  // sync: in order
        for (int i = 0; i < 500; i++) {
            a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(b.getUser()).ofType(Message.Type.chat).setBody("m" + i).build());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> got.size() == 500);
        assertThat(got).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 500).mapToObj(i -> "m" + i).toList());
        a.disconnect();
        b.disconnect();
    }
}
