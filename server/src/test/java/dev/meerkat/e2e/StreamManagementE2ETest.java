package dev.meerkat.e2e;

import dev.meerkat.jid.Jid;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** XEP-0198 with Smack: acks, resumption after a dead socket, and what happens to a session nobody resumes. */
class StreamManagementE2ETest {
    private static ServerFixture fx;       // resume_timeout 600 s
    private static ServerFixture shortFx;  // resume_timeout 1 s, with offline storage

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + "[modules.mod_stream_management]\n"));
        shortFx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + "[modules.mod_offline]\n[modules.mod_stream_management]\n  resume_timeout = 1\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
        shortFx.close();
    }

    private static XMPPTCPConnection smClient(ServerFixture f, String user, String resource) throws Exception {
        XMPPTCPConnection c = RosterClients.unconnected(f, user, resource);
        c.setUseStreamManagement(true);
        c.setUseStreamManagementResumption(true);
        return c;
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    private static Message chat(XMPPTCPConnection from, String to, String body) throws Exception {
        return from.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat).setBody(body).build();
    }

    @Test
    void serverAcknowledgesWhatTheClientSends() throws Exception {
        String a = RosterClients.newUser(fx, "smack");
        String b = RosterClients.newUser(fx, "smackb");
        XMPPTCPConnection alice = smClient(fx, a, "phone");
        BlockingQueue<Stanza> acked = new LinkedBlockingQueue<>();
        alice.addStanzaAcknowledgedListener(acked::add);
        alice.connect().login();
        await().atMost(Duration.ofSeconds(10)).until(alice::isSmEnabled);
        alice.sendStanza(chat(alice, b + "@localhost", "count me"));
        alice.requestSmAcknowledgement();
        await().atMost(Duration.ofSeconds(10)).until(() -> acked.stream().anyMatch(s -> s instanceof Message m && "count me".equals(m.getBody())));
    }

    @Test
    void resumedSessionReceivesMessagesSentWhileDisconnected() throws Exception {
        String a = RosterClients.newUser(fx, "smres");
        String b = RosterClients.newUser(fx, "smresb");
        XMPPTCPConnection alice = smClient(fx, a, "phone");
        BlockingQueue<Message> in = inbox(alice);
        alice.connect().login();
        await().atMost(Duration.ofSeconds(10)).until(alice::isSmResumptionPossible);
        alice.instantShutdown();   // the socket dies; no </stream:stream>, the session stays

        XMPPTCPConnection bob = fx.login(b, "pw-" + b, "pc");
        bob.sendStanza(chat(bob, a + "@localhost/phone", "while you were away"));
        assertThat(PingManager.getInstanceFor(bob).pingMyServer()).isTrue();

        alice.connect().login();
        assertThat(alice.streamWasResumed()).isTrue();
        Message m = in.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("while you were away");
        // and the resumed stream works both ways
        alice.sendStanza(chat(alice, b + "@localhost/pc", "back"));
        bob.sendStanza(chat(bob, a + "@localhost/phone", "welcome back"));
        Message next = in.poll(10, TimeUnit.SECONDS);
        assertThat(next).isNotNull();
        assertThat(next.getBody()).isEqualTo("welcome back");
    }

    @Test
    void unacknowledgedMessagesGoToOfflineStorageWhenNobodyResumes() throws Exception {
        String a = RosterClients.newUser(shortFx, "smoff");
        String b = RosterClients.newUser(shortFx, "smoffb");
        XMPPTCPConnection alice = smClient(shortFx, a, "phone");
        alice.connect().login();
        await().atMost(Duration.ofSeconds(10)).until(alice::isSmResumptionPossible);
        // Smack acknowledges only when asked; the server asks after every batch, but the socket dies first.
        alice.instantShutdown();

        XMPPTCPConnection bob = shortFx.login(b, "pw-" + b, "pc");
        bob.sendStanza(chat(bob, a + "@localhost/phone", "do not lose me"));
        assertThat(PingManager.getInstanceFor(bob).pingMyServer()).isTrue();

        Jid full = Jid.parse(a + "@localhost/phone");
        await().atMost(Duration.ofSeconds(20)).until(() -> shortFx.server.services().sessions().directory().find(full).isEmpty());

        XMPPTCPConnection again = RosterClients.unconnected(shortFx, a, "laptop");
        BlockingQueue<Message> in = inbox(again);
        again.connect().login();
        Message m = in.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("do not lose me");
        assertThat(DelayInformation.from(m)).isNotNull();
    }
}
