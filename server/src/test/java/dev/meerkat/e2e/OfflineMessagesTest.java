package dev.meerkat.e2e;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.EntityBareJid;

import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** mod_offline end to end: storage while offline, delivery with a delay stamp at login, quota, hints. */
class OfflineMessagesTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        RawExtension.register("no-store", "urn:xmpp:hints");
        RawExtension.register("store", "urn:xmpp:hints");
        RawExtension.register("x", "urn:example:payload");
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + "[modules.mod_offline]\n  max_user_offline_messages = 3\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static BlockingQueue<Message> inbox(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        // synchronous: called in arrival order, which the tests check
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    private static Message chat(XMPPTCPConnection from, EntityBareJid to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    /** Logs in with a listener in place before the initial presence, so nothing delivered at login is missed. */
    private static BlockingQueue<Message> loginCollecting(String user, String resource) throws Exception {
        return loginCollecting(RosterClients.unconnected(fx, user, resource));
    }

    private static BlockingQueue<Message> loginCollecting(XMPPTCPConnection c) throws Exception {
        BlockingQueue<Message> q = inbox(c);
        c.connect().login();
        return q;
    }

    @Test
    void offlineMessageIsDeliveredAtNextLoginWithDelayStampOldestFirst() throws Exception {
        String sender = RosterClients.newUser(fx, "osend");
        String rcpt = RosterClients.newUser(fx, "orcpt");
        XMPPTCPConnection a = fx.login(sender, "pw-" + sender, "a");
        BlockingQueue<Message> aIn = inbox(a);
        Instant before = Instant.now().minusSeconds(1);
        a.sendStanza(chat(a, RosterClients.jid(rcpt), "first"));
        a.sendStanza(chat(a, RosterClients.jid(rcpt), "second"));
        // a ping round trip after the messages proves the server has processed them
        assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(a).pingMyServer()).isTrue();

        BlockingQueue<Message> in = loginCollecting(rcpt, "phone");
        Message first = in.poll(10, TimeUnit.SECONDS);
        Message second = in.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(first.getBody()).isEqualTo("first");
        assertThat(second.getBody()).isEqualTo("second");
        assertThat(first.getFrom().toString()).isEqualTo(sender + "@localhost/a");
        DelayInformation delay = DelayInformation.from(first);
        assertThat(delay).isNotNull();
        assertThat(delay.getFrom()).isEqualTo("localhost");
        assertThat(delay.getStamp().toInstant()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(aIn).isEmpty();

        // delivered once: at the next login only a fresh message arrives
        XMPPTCPConnection tablet = RosterClients.unconnected(fx, rcpt, "tablet");
        BlockingQueue<Message> again = loginCollecting(tablet);
        a.sendStanza(a.getStanzaFactory().buildMessageStanza().to(tablet.getUser()).ofType(Message.Type.chat).setBody("fresh").build());
        Message next = again.poll(10, TimeUnit.SECONDS);
        assertThat(next).isNotNull().extracting(Message::getBody).isEqualTo("fresh");
        assertThat(DelayInformation.from(next)).isNull();
    }

    @Test
    void overQuotaTheSenderGetsResourceConstraint() throws Exception {
        String sender = RosterClients.newUser(fx, "qsend");
        String rcpt = RosterClients.newUser(fx, "qrcpt");
        XMPPTCPConnection a = fx.login(sender, "pw-" + sender, "a");
        BlockingQueue<Message> aIn = inbox(a);
        for (int i = 1; i <= 4; i++) a.sendStanza(chat(a, RosterClients.jid(rcpt), "m" + i));

        Message bounced = aIn.poll(10, TimeUnit.SECONDS);
        assertThat(bounced).isNotNull();
        assertThat(bounced.getType()).isEqualTo(Message.Type.error);
        assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
        assertThat(bounced.getError().getType()).isEqualTo(StanzaError.Type.WAIT);
        assertThat(bounced.getBody()).isEqualTo("m4");

        BlockingQueue<Message> in = loginCollecting(rcpt, "r");
        for (int i = 1; i <= 3; i++) assertThat(in.poll(10, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("m" + i);
    }

    @Test
    void noStoreHintIsBouncedAndStoreHintKeepsABodilessMessage() throws Exception {
        String sender = RosterClients.newUser(fx, "hsend");
        String rcpt = RosterClients.newUser(fx, "hrcpt");
        XMPPTCPConnection a = fx.login(sender, "pw-" + sender, "a");
        BlockingQueue<Message> aIn = inbox(a);
        Message noStore = a.getStanzaFactory().buildMessageStanza().to(RosterClients.jid(rcpt)).ofType(Message.Type.chat)
                .setBody("not kept").addExtension(StandardExtensionElement.builder("no-store", "urn:xmpp:hints").build()).build();
        a.sendStanza(noStore);
        Message bounced = aIn.poll(10, TimeUnit.SECONDS);
        assertThat(bounced).isNotNull();
        assertThat(bounced.getError().getCondition()).isEqualTo(StanzaError.Condition.service_unavailable);

        Message chatStateOnly = a.getStanzaFactory().buildMessageStanza().to(RosterClients.jid(rcpt)).ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("composing", "http://jabber.org/protocol/chatstates").build()).build();
        a.sendStanza(chatStateOnly);
        Message hinted = a.getStanzaFactory().buildMessageStanza().to(RosterClients.jid(rcpt)).ofType(Message.Type.chat)
                .addExtension(StandardExtensionElement.builder("store", "urn:xmpp:hints").build())
                .addExtension(StandardExtensionElement.builder("x", "urn:example:payload").build()).build();
        a.sendStanza(hinted);
        a.sendStanza(chat(a, RosterClients.jid(rcpt), "last"));
        assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(a).pingMyServer()).isTrue();

        BlockingQueue<Message> in = loginCollecting(rcpt, "r");
        Message first = in.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(first.getBody()).isNull();
        assertThat(first.hasExtension("x", "urn:example:payload")).isTrue();
        assertThat(in.poll(10, TimeUnit.SECONDS)).isNotNull().extracting(Message::getBody).isEqualTo("last");
        // the chat state was dropped silently: no error came back
        assertThat(aIn).isEmpty();
    }
}
