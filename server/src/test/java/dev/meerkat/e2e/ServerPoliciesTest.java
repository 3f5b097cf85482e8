package dev.meerkat.e2e;

import org.jivesoftware.smack.ConnectionListener;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Behaviour set by configuration: virtual hosts, session and connection limits, registration access, shutdown. */
class ServerPoliciesTest {

    private static CompletableFuture<Exception> closedOnError(XMPPTCPConnection c) {
        CompletableFuture<Exception> f = new CompletableFuture<>();
        c.addConnectionListener(new ConnectionListener() {
            @Override public void connectionClosedOnError(Exception e) { f.complete(e); }
        });
        return f;
    }

    private static StreamError.Condition condition(Exception e) {
        assertThat(e).isInstanceOf(XMPPException.StreamErrorException.class);
        return ((XMPPException.StreamErrorException) e).getStreamError().getCondition();
    }

    @Test
    void twoVirtualHostsAreServedAndTalkToEachOther() throws Exception {
        try (ServerFixture fx = new ServerFixture(ServerFixture.Settings.defaults().hosts("localhost", "example.test"))) {
            fx.createUser("alice", "localhost", "pw");
            fx.createUser("bob", "example.test", "pw");
            XMPPTCPConnection alice = fx.login("alice", "pw", "a");
            XMPPTCPConnection bob = fx.track(new XMPPTCPConnection(fx.starttls("example.test")
                    .setUsernameAndPassword("bob", "pw").setResource("b").build()));
            bob.connect().login();
            assertThat(bob.getUser().toString()).isEqualTo("bob@example.test/b");
            BlockingQueue<Message> in = new LinkedBlockingQueue<>();
            bob.addSyncStanzaListener(s -> in.add((Message) s), StanzaTypeFilter.MESSAGE);
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(bob.getUser()).setBody("cross-domain").build());
            Message m = in.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            assertThat(m.getBody()).isEqualTo("cross-domain");
            assertThat(m.getFrom().toString()).isEqualTo("alice@localhost/a");
            // an account of one host does not exist on the other
            assertThatThrownBy(() -> fx.track(new XMPPTCPConnection(fx.starttls("example.test")
                    .setUsernameAndPassword("alice", "pw").build())).connect().login())
                    .isInstanceOf(org.jivesoftware.smack.sasl.SASLErrorException.class);
        }
    }

    @Test
    void pastMaxUserSessionsTheOldestSessionIsReplaced() throws Exception {
        try (ServerFixture fx = new ServerFixture(ServerFixture.Settings.defaults().general("max_user_sessions = 2"))) {
            fx.createUser("carol", "pw");
            XMPPTCPConnection first = fx.login("carol", "pw", "one");
            CompletableFuture<Exception> firstClosed = closedOnError(first);
            fx.login("carol", "pw", "two");
            fx.login("carol", "pw", "three");
            assertThat(condition(firstClosed.get(5, TimeUnit.SECONDS))).isEqualTo(StreamError.Condition.conflict);
        }
    }

    @Test
    void connectionsPastTheListenerLimitAreRefused() throws Exception {
        try (ServerFixture fx = new ServerFixture(ServerFixture.Settings.defaults().listener("max_connections = 2"))) {
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), fx.starttlsPort);
                    held.add(s);
                    // wait for the server's answer so this connection is counted before the next one
                    s.setSoTimeout(5000);
                    s.getOutputStream().write(("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                            + " to='localhost' version='1.0'>").getBytes(StandardCharsets.UTF_8));
                    assertThat(s.getInputStream().read(new byte[256])).isPositive();
                }
                try (Socket third = new Socket(InetAddress.getLoopbackAddress(), fx.starttlsPort)) {
                    third.setSoTimeout(5000);
                    InputStream in = third.getInputStream();
                    String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    assertThat(answer).contains("<resource-constraint").endsWith("</stream:stream>");
                }
            } finally {
                for (Socket s : held) s.close();
            }
        }
    }

    @Test
    void registrationFromADeniedAddressIsNotAllowed() throws Exception {
        String modules = ServerFixture.Settings.DEFAULT_MODULES.replace("[modules.mod_register]",
                "[modules.mod_register]\n  ip_access = [{address = \"0.0.0.0/0\", policy = \"deny\"}, {address = \"::/0\", policy = \"deny\"}]");
        try (ServerFixture fx = new ServerFixture(ServerFixture.Settings.defaults().modules(modules))) {
            XMPPTCPConnection c = fx.track(new XMPPTCPConnection(fx.starttls().build()));
            c.connect();
            assertThatThrownBy(() -> AccountManager.getInstance(c).createAccount(Localpart.from("intruder"), "pw"))
                    .isInstanceOf(XMPPException.XMPPErrorException.class)
                    .satisfies(e -> assertThat(((XMPPException.XMPPErrorException) e).getStanzaError().getCondition())
                            .isEqualTo(StanzaError.Condition.not_allowed));
        }
    }

    @Test
    void stoppingTheServerSendsSystemShutdown() throws Exception {
        ServerFixture fx = new ServerFixture();
        try {
            fx.createUser("dave", "pw");
            XMPPTCPConnection c = fx.login("dave", "pw", "x");
            CompletableFuture<Exception> closed = closedOnError(c);
            fx.stopServer();
            assertThat(condition(closed.get(5, TimeUnit.SECONDS))).isEqualTo(StreamError.Condition.system_shutdown);
        } finally {
            fx.close();
        }
    }

    @Test
    void accountsSurviveARestart() throws Exception {
        ServerFixture fx = new ServerFixture();
        fx.createUser("erin", "persisted");
        fx.stopServer();
        ServerFixture again = fx.restart();
        try {
            XMPPTCPConnection c = again.login("erin", "persisted", "x");
            assertThat(c.isAuthenticated()).isTrue();
        } finally {
            again.close();
        }
    }

    @Test
    void messageToUnknownDomainJidIsRejectedNotCrashing() throws Exception {
        try (ServerFixture fx = new ServerFixture()) {
            fx.createUser("frank", "pw");
            XMPPTCPConnection c = fx.login("frank", "pw", "x");
            BlockingQueue<Message> in = new LinkedBlockingQueue<>();
            c.addSyncStanzaListener(s -> in.add((Message) s), StanzaTypeFilter.MESSAGE);
            c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(JidCreate.from("muc.localhost")).setBody("x").build());
            c.sendStanza(c.getStanzaFactory().buildMessageStanza().to(JidCreate.from("frank@localhost/x")).setBody("echo").build());
            Message m = in.poll(5, TimeUnit.SECONDS);
            assertThat(m).isNotNull();
            if (m.getType() == Message.Type.error) {
                assertThat(m.getError().getCondition()).isEqualTo(StanzaError.Condition.remote_server_not_found);
                m = in.poll(5, TimeUnit.SECONDS);
            }
            assertThat(m.getBody()).isEqualTo("echo");
        }
    }
}
