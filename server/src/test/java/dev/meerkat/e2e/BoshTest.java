package dev.meerkat.e2e;

import dev.meerkat.e2e.BoshSupport.RawSession;
import org.jivesoftware.smack.bosh.XMPPBOSHConnection;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.meerkat.e2e.BoshSupport.attr;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * BOSH (XEP-0124, XEP-0206) against a real server: Smack over BOSH, and hand-written bodies over
 * the JDK HTTP client. Two HTTP listeners: {@code port} as configured by default (no PLAIN without
 * TLS), {@code plainPort} with PLAIN allowed (so raw sessions can log in) and a 1 s inactivity.
 */
class BoshTest {
    private static ServerFixture fx;
    private static int port;
    private static int plainPort;

    @BeforeAll
    static void start() throws Exception {
        port = WebSocketSupport.freePort();
        plainPort = WebSocketSupport.freePort();
        String listeners = """

                [[listen.http]]
                  port = %d
                  ip_address = "127.0.0.1"
                  handlers.websocket = {}
                  handlers.bosh.path = "/http-bind"

                [[listen.http]]
                  port = %d
                  ip_address = "127.0.0.1"
                  allow_plain_without_tls = true
                  handlers.bosh.path = "/http-bind"
                  handlers.bosh.inactivity = 1
                  handlers.bosh.max_pause = 5
                """.formatted(port, plainPort);
        fx = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + RosterClients.MODULES).extra(listeners));
        fx.createUser("alice", "a-pass");
        fx.createUser("bob", "b-pass");
        fx.createUser("erin", "e-pass");
        fx.createUser("dave", "d-pass");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    /** After every test: the endpoint still creates sessions, whatever the test did to it. */
    @AfterEach
    void serverStillServes() throws Exception {
        RawSession s = new RawSession(port).create();
        assertThat(s.sid).isNotBlank();
        assertThat(s.creation).contains("<stream:features");
    }

    private static <T> BlockingQueue<T> inbox(org.jivesoftware.smack.XMPPConnection c, Class<T> type) {
        BlockingQueue<T> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add(type.cast(s)), s -> type.isInstance(s));  // sync: in arrival order
        return q;
    }

    /** Presence whose sender starts with {@code fromPrefix}. */
    private static BlockingQueue<Presence> presencesFrom(org.jivesoftware.smack.XMPPConnection c, String fromPrefix) {
        BlockingQueue<Presence> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Presence) s),
                s -> s instanceof Presence && s.getFrom() != null && s.getFrom().toString().startsWith(fromPrefix));
        return q;
    }

    @Test
    void smackLogsInWithScramOverBoshAndChatsWithATcpUser() throws Exception {
        XMPPBOSHConnection bosh = BoshSupport.smackLogin(port, "alice", "a-pass", "web");
        try {
            XMPPTCPConnection tcp = fx.login("bob", "b-pass", "desk");
            // PLAIN is not offered on plain HTTP, so Smack must have used SCRAM.
            assertThat(bosh.getUsedSaslMechansism()).startsWith("SCRAM-");
            assertThat(bosh.getUser().toString()).isEqualTo("alice@localhost/web");
            BlockingQueue<Message> boshIn = inbox(bosh, Message.class), tcpIn = inbox(tcp, Message.class);

            bosh.sendStanza(bosh.getStanzaFactory().buildMessageStanza().to(JidCreate.from("bob@localhost/desk"))
                    .ofType(Message.Type.chat).setBody("hello over BOSH").build());
            Message atTcp = tcpIn.poll(10, TimeUnit.SECONDS);
            assertThat(atTcp).isNotNull();
            assertThat(atTcp.getBody()).isEqualTo("hello over BOSH");
            assertThat(atTcp.getFrom().toString()).isEqualTo("alice@localhost/web");

            for (int i = 1; i <= 3; i++) {
                tcp.sendStanza(tcp.getStanzaFactory().buildMessageStanza().to(atTcp.getFrom())
                        .ofType(Message.Type.chat).setBody("reply " + i + " <&> ☃").build());
            }
            for (int i = 1; i <= 3; i++) {
                Message atBosh = boshIn.poll(10, TimeUnit.SECONDS);
                assertThat(atBosh).isNotNull();
                assertThat(atBosh.getBody()).isEqualTo("reply " + i + " <&> ☃");
                assertThat(atBosh.getFrom().toString()).isEqualTo("bob@localhost/desk");
            }
        } finally {
            bosh.disconnect();
        }
    }

    @Test
    void sessionCreationGrantsTheNegotiatedValuesAndOffersFeatures() throws Exception {
        RawSession s = new RawSession(port);
        HttpResponse<String> r = s.post("<body xmlns='" + BoshSupport.HTTPBIND + "' xmlns:xmpp='" + BoshSupport.XBOSH
                + "' rid='" + s.rid + "' to='localhost' xml:lang='en' wait='600' hold='5' ver='1.6' ack='1' xmpp:version='1.0'/>");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml; charset=utf-8");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        String body = r.body();
        assertThat(attr(body, "sid")).matches("[0-9a-f]{32}");
        assertThat(attr(body, "wait")).isEqualTo("60");      // capped by max_wait
        assertThat(attr(body, "hold")).isEqualTo("1");       // capped by max_hold
        assertThat(attr(body, "requests")).isEqualTo("2");
        assertThat(attr(body, "inactivity")).isEqualTo("30");
        assertThat(attr(body, "maxpause")).isEqualTo("120");
        assertThat(attr(body, "polling")).isNotNull();
        assertThat(attr(body, "ver")).isEqualTo("1.6");      // the client's, being older
        assertThat(attr(body, "ack")).isEqualTo(Long.toString(s.rid));
        assertThat(attr(body, "from")).isEqualTo("localhost");
        assertThat(attr(body, "authid")).isNotBlank();
        assertThat(attr(body, "xmpp:version")).isEqualTo("1.0");
        assertThat(attr(body, "xmpp:restartlogic")).isEqualTo("true");
        assertThat(body).contains("xmlns:xmpp='urn:xmpp:xbosh'", "<stream:features>", "<mechanism>SCRAM-SHA-1</mechanism>")
                .doesNotContain("<mechanism>PLAIN</mechanism>");
    }

    @Test
    void aRidOutsideTheWindowTerminatesTheSession() throws Exception {
        RawSession s = new RawSession(port).create();
        HttpResponse<String> r = s.resend(s.rid + 5, "", "");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("type='terminate'", "condition='item-not-found'");
        // The session is gone: the next rid in order is refused too.
        HttpResponse<String> next = s.send("");
        assertThat(next.statusCode()).isEqualTo(404);
        assertThat(next.body()).contains("condition='item-not-found'");
    }

    @Test
    void anEarlyRidIsProcessedOnceTheMissingOneArrives() throws Exception {
        RawSession s = new RawSession(port).create();
        long first = s.rid + 1;
        CompletableFuture<HttpResponse<String>> early = CompletableFuture.supplyAsync(() -> {
            try {
                return s.resend(first + 1, "", "<iq xmlns='jabber:client' type='get' id='early'><query xmlns='jabber:iq:register'/></iq>");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        HttpResponse<String> missing = s.resend(first, "", "");
        assertThat(missing.statusCode()).isEqualTo(200);
        String all = missing.body() + early.get(30, TimeUnit.SECONDS).body();
        assertThat(early.get().statusCode()).isEqualTo(200);
        s.rid = first + 1;
        // Both were processed: the next rid in order is accepted (it would wait forever otherwise).
        HttpResponse<String> next = s.send("");
        assertThat(next.statusCode()).isEqualTo(200);
        all += next.body();
        assertThat(all).contains("id=\"early\"").doesNotContain("terminate");
    }

    @Test
    void aRepeatedRidGetsTheSameResponseAgain() throws Exception {
        RawSession s = new RawSession(port).create();
        HttpResponse<String> again = s.resend(s.rid, "", "");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(s.creation);
        // The session goes on normally afterwards.
        HttpResponse<String> next = s.send("");
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(next.body()).doesNotContain("terminate");
    }

    @Test
    void anUnknownSidIsItemNotFound() throws Exception {
        RawSession s = new RawSession(port);
        s.sid = "0123456789abcdef0123456789abcdef";
        HttpResponse<String> r = s.send("");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("<body xmlns='" + BoshSupport.HTTPBIND
                + "' xmlns:stream='http://etherx.jabber.org/streams' type='terminate' condition='item-not-found'/>");
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void malformedBodiesAreBadRequests() throws Exception {
        RawSession s = new RawSession(port);
        for (String bad : new String[] {
                "<body xmlns='" + BoshSupport.HTTPBIND + "' rid='1'><message>",     // not well-formed
                "<bodyx xmlns='" + BoshSupport.HTTPBIND + "' rid='1'/>",           // not a body
                "<body xmlns='" + BoshSupport.HTTPBIND + "' rid='one'/>",          // rid not a number
                "<body xmlns='" + BoshSupport.HTTPBIND + "' rid='1'/><body/>",     // two elements
                "" }) {
            HttpResponse<String> r = s.post(bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).contains("type='terminate'", "condition='bad-request'");
        }
        // A live session that gets a malformed request ends (bad-request is a terminal condition).
        RawSession live = new RawSession(port).create();
        HttpResponse<String> r = live.post("<body xmlns='" + BoshSupport.HTTPBIND + "' sid='" + live.sid + "'/>");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(live.send("").statusCode()).isEqualTo(404);
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(BoshSupport.uri(port))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "https://chat.example.com")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(r.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
        assertThat(r.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase()).contains("content-type");
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(BoshSupport.uri(port)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
    }

    @Test
    void aStreamErrorTravelsInsideRemoteStreamError() throws Exception {
        RawSession s = new RawSession(port).create();
        // A stanza before authentication: the stream ends with not-authorized.
        HttpResponse<String> r = s.send("<message xmlns='jabber:client' to='bob@localhost'><body>hi</body></message>");
        String all = r.body();
        if (!all.contains("terminate")) all += s.send("").body();
        assertThat(all).contains("type='terminate'", "condition='remote-stream-error'", "<stream:error>",
                "<not-authorized xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>");

        HttpResponse<String> unknown = new RawSession(port).post("<body xmlns='" + BoshSupport.HTTPBIND + "' xmlns:xmpp='"
                + BoshSupport.XBOSH + "' rid='10' to='elsewhere.example' wait='1' hold='1' xmpp:version='1.0'/>");
        assertThat(unknown.body()).contains("type='terminate'", "condition='host-unknown'");
    }

    @Test
    void inactivityEndsTheSessionLikeADroppedConnection() throws Exception {
        XMPPTCPConnection dave = fx.login("dave", "d-pass", "desk");
        BlockingQueue<Presence> presences = presencesFrom(dave, "erin@localhost/idle");
        RawSession erin = new RawSession(plainPort).login("erin", "e-pass", "idle");
        erin.send("<presence xmlns='jabber:client' to='dave@localhost/desk'><status>here</status></presence>");
        Presence available = presences.poll(10, TimeUnit.SECONDS);
        assertThat(available).isNotNull();
        assertThat(available.getType()).isEqualTo(Presence.Type.available);
        assertThat(available.getFrom().toString()).isEqualTo("erin@localhost/idle");

        // No more requests: after inactivity (1 s) the session ends and directed presence is undone.
        Presence gone = presences.poll(15, TimeUnit.SECONDS);
        assertThat(gone).isNotNull();
        assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(gone.getFrom().toString()).isEqualTo("erin@localhost/idle");
        HttpResponse<String> late = erin.send("");
        assertThat(late.statusCode()).isEqualTo(404);
        assertThat(late.body()).contains("condition='item-not-found'");
        dave.disconnect();
    }

    @Test
    void clientTerminateDeliversItsFinalPresence() throws Exception {
        XMPPTCPConnection dave = fx.login("dave", "d-pass", "desk2");
        BlockingQueue<Presence> presences = presencesFrom(dave, "erin@localhost/leaving");
        RawSession erin = new RawSession(plainPort).login("erin", "e-pass", "leaving");
        erin.send("<presence xmlns='jabber:client' to='dave@localhost/desk2'/>");
        assertThat(presences.poll(10, TimeUnit.SECONDS)).isNotNull();

        HttpResponse<String> end = erin.send("type='terminate'",
                "<presence xmlns='jabber:client' type='unavailable'><status>bye</status></presence>");
        assertThat(end.statusCode()).isEqualTo(200);
        assertThat(end.body()).contains("type='terminate'").doesNotContain("condition=");
        Presence gone = presences.poll(10, TimeUnit.SECONDS);
        assertThat(gone).isNotNull();
        assertThat(gone.getType()).isEqualTo(Presence.Type.unavailable);
        assertThat(gone.getStatus()).isEqualTo("bye");
        assertThat(erin.send("").statusCode()).isEqualTo(404);
        dave.disconnect();
    }

    @Test
    void pauseAnswersAtOnceAndTheSessionResumes() throws Exception {
        RawSession erin = new RawSession(plainPort).login("erin", "e-pass", "pausing");
        HttpResponse<String> tooLong = new RawSession(plainPort).create().send("pause='500'", "");
        assertThat(tooLong.body()).contains("condition='policy-violation'");

        HttpResponse<String> paused = erin.send("pause='3'", "");
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(paused.body()).doesNotContain("terminate");
        // Longer than inactivity (1 s) but within the pause: the session is still there.
        Thread.sleep(1500);
        HttpResponse<String> back = erin.send("<iq xmlns='jabber:client' type='get' id='p1'><ping xmlns='urn:xmpp:ping'/></iq>");
        String all = back.body();
        if (!all.contains("id=\"p1\"")) all += erin.send("").body();
        assertThat(all).contains("type=\"result\"", "id=\"p1\"");
    }
}
