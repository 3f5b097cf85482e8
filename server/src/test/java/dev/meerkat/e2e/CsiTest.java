package dev.meerkat.e2e;

import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.ping.PingManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** XEP-0352 with Smack: presence held and coalesced while inactive, content goes through in order. */
class CsiTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_csi]\n"));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    /** {@code <active/>} or {@code <inactive/>}. */
    private record CsiState(String name) implements Nonza {
        @Override public String getNamespace() { return "urn:xmpp:csi:0"; }

        @Override public String getElementName() { return name; }

        @Override public CharSequence toXML(XmlEnvironment env) { return "<" + name + " xmlns='urn:xmpp:csi:0'/>"; }
    }

    private static BlockingQueue<Stanza> inbox(XMPPTCPConnection c) {
        BlockingQueue<Stanza> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(q::add, s -> s instanceof Message || s instanceof Presence);
        return q;
    }

    private static Presence presence(XMPPTCPConnection from, String to, String status) throws Exception {
        return from.getStanzaFactory().buildPresenceStanza().to(JidCreate.from(to)).setStatus(status).build();
    }

    @Test
    void presenceIsHeldAndCoalescedWhileInactiveAndMessagesGoThroughAfterIt() throws Exception {
        String a = RosterClients.newUser(fx, "csia");
        String b = RosterClients.newUser(fx, "csib");
        XMPPTCPConnection alice = RosterClients.unconnected(fx, a, "phone");
        BlockingQueue<Stanza> in = inbox(alice);
        alice.connect().login();
        alice.sendNonza(new CsiState("inactive"));
        assertThat(PingManager.getInstanceFor(alice).pingMyServer()).isTrue();  // <inactive/> has been handled

        XMPPTCPConnection bob = fx.login(b, "pw-" + b, "pc");
        String to = a + "@localhost/phone";
        bob.sendStanza(presence(bob, to, "one"));
        bob.sendStanza(presence(bob, to, "two"));
        bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().to(JidCreate.from(to)).ofType(Message.Type.chat).setBody("hi").build());

        // the first presence was replaced while held; the rest arrives in order, held presence first
        Stanza first = in.poll(10, TimeUnit.SECONDS);
        Stanza second = in.poll(10, TimeUnit.SECONDS);
        assertThat(first).isInstanceOf(Presence.class);
        assertThat(((Presence) first).getStatus()).isEqualTo("two");
        assertThat(second).isInstanceOf(Message.class);
        assertThat(((Message) second).getBody()).isEqualTo("hi");
    }

    @Test
    void heldPresenceIsFlushedWhenTheClientBecomesActive() throws Exception {
        String a = RosterClients.newUser(fx, "csic");
        String b = RosterClients.newUser(fx, "csid");
        XMPPTCPConnection alice = RosterClients.unconnected(fx, a, "phone");
        BlockingQueue<Stanza> in = inbox(alice);
        alice.connect().login();
        alice.sendNonza(new CsiState("inactive"));
        assertThat(PingManager.getInstanceFor(alice).pingMyServer()).isTrue();

        XMPPTCPConnection bob = fx.login(b, "pw-" + b, "pc");
        bob.sendStanza(presence(bob, a + "@localhost/phone", "away for now"));
        assertThat(PingManager.getInstanceFor(bob).pingMyServer()).isTrue();
        alice.sendNonza(new CsiState("active"));

        Stanza p = in.poll(10, TimeUnit.SECONDS);
        assertThat(p).isInstanceOf(Presence.class);
        assertThat(((Presence) p).getStatus()).isEqualTo("away for now");
    }
}
