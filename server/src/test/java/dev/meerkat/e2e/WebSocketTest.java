package dev.meerkat.e2e;

import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.WebSocketSupport.FRAMING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XMPP over WebSocket (RFC 7395) against a real server: Smack clients and hand-written frames. */
class WebSocketTest {
    private static final int MAX_FRAME = 4096;
    private static final String OPEN = "<open xmlns='" + FRAMING + "' to='localhost' version='1.0'/>";

    private static ServerFixture fx;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        port = WebSocketSupport.freePort();
        fx = new ServerFixture(WebSocketSupport.httpListener(port, "  handlers.websocket.max_frame_size = " + MAX_FRAME));
        fx.createUser("alice", "a-pass");
        fx.createUser("bob", "b-pass");
        fx.createUser("carol", "c-pass");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static BlockingQueue<Message> inbox(org.jivesoftware.smack.XMPPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), StanzaTypeFilter.MESSAGE);
        return q;
    }

    @Test
    void smackLogsInWithScramOverWebSocketAndChatsWithATcpUser() throws Exception {
        ModularXmppClientToServerConnection ws = WebSocketSupport.smackLogin(port, "alice", "a-pass", "browser");
        try {
            XMPPTCPConnection tcp = fx.login("bob", "b-pass", "desk");
            assertThat(ws.getUsedSaslMechansism()).startsWith("SCRAM-");
            assertThat(ws.getUser().toString()).isEqualTo("alice@localhost/browser");
            BlockingQueue<Message> wsIn = inbox(ws), tcpIn = inbox(tcp);

            ws.sendStanza(ws.getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost/desk")) // full JID: bob's initial presence may still be on its way
                    .ofType(Message.Type.chat).setBody("hello over WebSocket").build());
            Message atTcp = tcpIn.poll(10, TimeUnit.SECONDS);
            assertThat(atTcp).isNotNull();
            assertThat(atTcp.getBody()).isEqualTo("hello over WebSocket");
            assertThat(atTcp.getFrom().toString()).isEqualTo("alice@localhost/browser");

            tcp.sendStanza(tcp.getStanzaFactory().buildMessageStanza().to(atTcp.getFrom())
                    .ofType(Message.Type.chat).setBody("hello over TCP <&> ☃").build());
            Message atWs = wsIn.poll(10, TimeUnit.SECONDS);
            assertThat(atWs).isNotNull();
            assertThat(atWs.getBody()).isEqualTo("hello over TCP <&> ☃");
            assertThat(atWs.getFrom().toString()).isEqualTo("bob@localhost/desk");
        } finally {
            ws.disconnect();
        }
    }

    @Test
    void openIsAnsweredWithFramedOpenAndSelfContainedFeatures() throws Exception {
        try (var c = new WebSocketSupport.RawClient(port, "xmpp")) {
            assertThat(c.socket.getSubprotocol()).isEqualTo("xmpp");
            c.send(OPEN);
            String open = c.next();
            assertThat(open).startsWith("<open xmlns='" + FRAMING + "'").contains("from='localhost'", "version='1.0'")
                    .endsWith("/>");
            String features = c.next();
            assertThat(features).startsWith("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>")
                    .contains("<mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">", "SCRAM-SHA-256")
                    .doesNotContain(">PLAIN<", "starttls"); // ws:// is not encrypted; no STARTTLS inside WebSocket

            // Pre-auth registration form: a stanza in its own frame with an explicit jabber:client namespace.
            c.send("<iq xmlns='jabber:client' type='get' id='reg1'><query xmlns='jabber:iq:register'/></iq>");
            assertThat(c.next()).startsWith("<iq xmlns=\"jabber:client\"").contains("id=\"reg1\"", "type=\"result\"");

            c.send("<close xmlns='" + FRAMING + "'/>");
            assertThat(c.next()).isEqualTo("<close xmlns='" + FRAMING + "'/>");
            assertThat(c.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        }
    }

    @Test
    void malformedMessageEndsTheStreamWithNotWellFormedAndOthersCarryOn() throws Exception {
        try (var c = new WebSocketSupport.RawClient(port, "xmpp")) {
            c.send(OPEN);
            c.next();
            c.next();
            c.send("<message to='bob@localhost'><body>unclosed</message>");
            String error = c.next();
            assertThat(error).startsWith("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>")
                    .contains("<not-well-formed xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
            assertThat(c.next()).isEqualTo("<close xmlns='" + FRAMING + "'/>");
            c.closed.get(10, TimeUnit.SECONDS);
        }
        assertOthersAreServed("carol", "c-pass");
    }

    @Test
    void halfAnElementInOneMessageIsNotWellFormed() throws Exception {
        try (var c = new WebSocketSupport.RawClient(port, "xmpp")) {
            c.send(OPEN);
            c.next();
            c.next();
            c.send("<iq xmlns='jabber:client' type='get' id='reg2'><query xmlns='jabber:iq:register'/></iq><message");
            assertThat(c.next()).contains("id=\"reg2\""); // the complete element is still handled
            assertThat(c.next()).contains("<not-well-formed");
            c.closed.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void oversizedFrameEndsTheStreamWithPolicyViolationAndOthersCarryOn() throws Exception {
        try (var c = new WebSocketSupport.RawClient(port, "xmpp")) {
            c.send(OPEN);
            c.next();
            c.next();
            c.send("<message to='bob@localhost'><body>" + "x".repeat(MAX_FRAME) + "</body></message>");
            String error = c.next();
            assertThat(error).startsWith("<stream:error xmlns:stream='http://etherx.jabber.org/streams'>")
                    .contains("<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");
            assertThat(c.next()).isEqualTo("<close xmlns='" + FRAMING + "'/>");
            c.closed.get(10, TimeUnit.SECONDS);
        }
        assertOthersAreServed("carol", "c-pass");
    }

    @Test
    void upgradeWithoutTheXmppSubprotocolIsRefused() {
        assertThatThrownBy(() -> new WebSocketSupport.RawClient(port))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> new WebSocketSupport.RawClient(port, "chat"))
                .cause().isInstanceOf(WebSocketHandshakeException.class);
    }

    @Test
    void otherPathsAre404AndPlainGetIsAskedToUpgrade() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/nope")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ws-xmpp")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(426);
    }

    private static void assertOthersAreServed(String user, String password) throws Exception {
        ModularXmppClientToServerConnection c = WebSocketSupport.smackLogin(port, user, password, "again");
        try {
            assertThat(c.isAuthenticated()).isTrue();
        } finally {
            c.disconnect();
        }
    }
}
