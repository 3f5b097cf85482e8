package dev.meerkat.e2e;

import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.filter.StanzaFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.blocking.BlockingCommandManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The counters of carbons, privacy/blocking, CSI, stream management, BOSH and WebSocket move with
 * the client actions they count: /metrics is scraped before and after each action, and the
 * difference is what the action should have added.
 */
class FeatureMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})?) (\\S+)$");
    private static ServerFixture fx;
    private static int httpPort;

    @BeforeAll
    static void start() throws Exception {
        httpPort = WebSocketSupport.freePort();
        String listener = """

                [[listen.http]]
                  port = %d
                  ip_address = "127.0.0.1"
                  allow_plain_without_tls = true
                  handlers.websocket = {}
                  handlers.bosh.path = "/http-bind"
                """.formatted(httpPort);
        fx = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + RosterClients.MODULES + """
                [modules.mod_carboncopy]
                [modules.mod_csi]
                [modules.mod_privacy]
                [modules.mod_blocking]
                [modules.mod_stream_management]
                """).extra(listener));
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static Map<String, Double> scrape() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fx.server.metricsPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            Map<String, Double> samples = new HashMap<>();
            for (String line : r.body().lines().toList()) {
                Matcher m = SAMPLE.matcher(line);
                if (!line.startsWith("#") && m.matches()) samples.put(m.group(1), Double.parseDouble(m.group(3)));
            }
            return samples;
        }
    }

    /** The increase of {@code series} since {@code before} (a series not yet exported counts as 0). */
    private static double delta(Map<String, Double> before, String series) throws Exception {
        return scrape().getOrDefault(series, 0.0) - before.getOrDefault(series, 0.0);
    }

    /** The one series of a labelled family (the BOSH ones carry the listener's port). */
    private static String series(String family) throws Exception {
        var all = scrape().keySet();
        return all.stream().filter(k -> k.startsWith(family + "{")).findFirst()
                .orElseThrow(() -> new AssertionError("no series of " + family + " in "
                        + all.stream().filter(k -> k.contains("bosh")).toList()));
    }

    private static Message chat(XMPPTCPConnection from, Jid to, String body) {
        return from.getStanzaFactory().buildMessageStanza().to(to).ofType(Message.Type.chat).setBody(body).build();
    }

    private static BlockingQueue<Message> bodies(XMPPTCPConnection c) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s), s -> s instanceof Message m && (m.getBody() != null || m.hasExtension("urn:xmpp:carbons:2")));
        return q;
    }

    private static Message next(BlockingQueue<Message> q) throws InterruptedException {
        Message m = q.poll(10, TimeUnit.SECONDS);
        assertThat(m).as("expected a message").isNotNull();
        return m;
    }

    @Test
    void carbonCopiesAreCounted() throws Exception {
        String a = RosterClients.newUser(fx, "carbon"), b = RosterClients.newUser(fx, "peer");
        XMPPTCPConnection a1 = fx.login(a, "pw-" + a, "one");
        XMPPTCPConnection a2 = fx.login(a, "pw-" + a, "two");
        XMPPTCPConnection cb = fx.login(b, "pw-" + b, "b");
        for (XMPPTCPConnection c : List.of(a1, a2)) {
            c.sendIqRequestAndWaitForResponse(new RawIq(IQ.Type.set, "enable", "urn:xmpp:carbons:2", ""));
        }
        BlockingQueue<Message> toA2 = bodies(a2);
        Map<String, Double> before = scrape();

        // one received copy (bob to a/one) and one sent copy (a/one to bob), both to a/two
        cb.sendStanza(chat(cb, a1.getUser(), "to one"));
        assertThat(next(toA2).hasExtension("received", "urn:xmpp:carbons:2")).isTrue();
        a1.sendStanza(chat(a1, cb.getUser().asBareJid(), "from one"));
        assertThat(next(toA2).hasExtension("sent", "urn:xmpp:carbons:2")).isTrue();
        assertThat(delta(before, "mod_carboncopy_copies_total")).isEqualTo(2.0);
    }

    @Test
    void blockedStanzasAreCountedInBothDirections() throws Exception {
        String a = RosterClients.newUser(fx, "blocker"), b = RosterClients.newUser(fx, "blocked");
        XMPPTCPConnection ca = fx.login(a, "pw-" + a, "pc");
        XMPPTCPConnection cb = fx.login(b, "pw-" + b, "phone");
        BlockingCommandManager.getInstanceFor(ca).blockContacts(List.of(RosterClients.jid(b)));
        Map<String, Double> before = scrape();

        expectError(cb, ca.getUser(), "let me in");
        assertThat(delta(before, "mod_privacy_denied_in_total")).isEqualTo(1.0);
        assertThat(delta(before, "mod_privacy_denied_out_total")).isZero();
        expectError(ca, RosterClients.jid(b), "hello?");
        assertThat(delta(before, "mod_privacy_denied_out_total")).isEqualTo(1.0);
    }

    private static void expectError(XMPPTCPConnection from, Jid to, String body) throws Exception {
        Message m = chat(from, to, body);
        try (StanzaCollector c = from.createStanzaCollectorAndSend(
                new AndFilter(MessageTypeFilter.ERROR, (StanzaFilter) s -> m.getStanzaId().equals(s.getStanzaId())), m)) {
            assertThat((Object) c.nextResult(10_000)).as("error for " + body).isNotNull();
        }
    }

    /** {@code <inactive/>} of XEP-0352. */
    private record Inactive() implements Nonza {
        @Override public String getNamespace() { return "urn:xmpp:csi:0"; }

        @Override public String getElementName() { return "inactive"; }

        @Override public CharSequence toXML(XmlEnvironment env) { return "<inactive xmlns='urn:xmpp:csi:0'/>"; }
    }

    @Test
    void csiInactivityAndHeldStanzasAreCounted() throws Exception {
        String a = RosterClients.newUser(fx, "idle"), b = RosterClients.newUser(fx, "chatty");
        XMPPTCPConnection ca = fx.login(a, "pw-" + a, "phone");
        XMPPTCPConnection cb = fx.login(b, "pw-" + b, "pc");
        Map<String, Double> before = scrape();

        ca.sendNonza(new Inactive());
        assertThat(PingManager.getInstanceFor(ca).pingMyServer()).isTrue();  // <inactive/> has been handled
        assertThat(delta(before, "mod_csi_inactive_total")).isEqualTo(1.0);
        assertThat(delta(before, "mod_csi_held_total")).isZero();

        // a directed presence is not urgent: it is held while the client is inactive
        cb.sendStanza(cb.getStanzaFactory().buildPresenceStanza().to(ca.getUser()).setStatus("hi").build());
        await().atMost(Duration.ofSeconds(10)).until(() -> delta(before, "mod_csi_held_total") == 1.0);
    }

    @Test
    void streamManagementDetachResumeAndFailedResumeAreCounted() throws Exception {
        String a = RosterClients.newUser(fx, "mobile");
        XMPPTCPConnection c = RosterClients.unconnected(fx, a, "phone");
        c.setUseStreamManagement(true);
        c.setUseStreamManagementResumption(true);
        c.connect().login();
        assertThat(c.isSmResumptionPossible()).isTrue();
        Map<String, Double> before = scrape();

        c.instantShutdown();  // the socket dies without </stream:stream>: the session is kept
        await().atMost(Duration.ofSeconds(10)).until(() -> delta(before, "mod_stream_management_detached_total") == 1.0);
        c.connect().login();
        assertThat(c.streamWasResumed()).isTrue();
        assertThat(delta(before, "mod_stream_management_resumed_total")).isEqualTo(1.0);
        assertThat(delta(before, "mod_stream_management_resume_failed_total")).isZero();

        // an authenticated stream asking to resume a session that does not exist (raw BOSH)
        BoshSupport.RawSession bosh = new BoshSupport.RawSession(httpPort).create();
        String plain = Base64.getEncoder().encodeToString(("\0" + a + "\0pw-" + a).getBytes(StandardCharsets.UTF_8));
        bosh.sendUntil("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>", "<success");
        bosh.rid++;
        bosh.resend(bosh.rid, "to='localhost' xml:lang='en' xmpp:restart='true'", "");
        String answer = bosh.sendUntil("<resume xmlns='urn:xmpp:sm:3' previd='no-such-session' h='0'/>", "<failed");
        assertThat(answer).contains("item-not-found");
        assertThat(delta(before, "mod_stream_management_resume_failed_total")).isEqualTo(1.0);
        c.disconnect();
    }

    @Test
    void boshSessionsAndRequestsAreCounted() throws Exception {
        String a = RosterClients.newUser(fx, "web");
        BoshSupport.RawSession first = new BoshSupport.RawSession(httpPort).create();  // makes the listener's series exist
        String created = series("c2s_bosh_sessions_opened_total");
        String ended = series("c2s_bosh_sessions_ended_total");
        String requests = series("c2s_bosh_requests_total");
        first.send("type='terminate'", "");
        Map<String, Double> before = scrape();

        BoshSupport.RawSession s = new BoshSupport.RawSession(httpPort).login(a, "pw-" + a, "browser");
        assertThat(delta(before, created)).isEqualTo(1.0);
        double requestsAfterLogin = delta(before, requests);
        assertThat(requestsAfterLogin).isGreaterThanOrEqualTo(4.0);  // create, auth, restart, bind at least
        assertThat(delta(before, "sm_sessions_by_transport{transport=\"bosh\"}")).isEqualTo(1.0);

        HttpResponse<String> end = s.send("type='terminate'", "<presence xmlns='jabber:client' type='unavailable'/>");
        assertThat(end.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> delta(before, ended) == 1.0);
        assertThat(delta(before, requests)).isEqualTo(requestsAfterLogin + 1);
        assertThat(delta(before, "c2s_data_in_bytes_total{transport=\"bosh\"}")).isPositive();
    }

    @Test
    void webSocketStreamsAreCounted() throws Exception {
        Map<String, Double> before = scrape();
        try (WebSocketSupport.RawClient ws = new WebSocketSupport.RawClient(httpPort, "xmpp")) {
            ws.send("<open xmlns='" + WebSocketSupport.FRAMING + "' to='localhost' version='1.0'/>");
            assertThat(ws.next()).startsWith("<open");
            assertThat(delta(before, "c2s_websocket_sessions_opened_total")).isEqualTo(1.0);
            assertThat(delta(before, "c2s_data_in_bytes_total{transport=\"websocket\"}")).isPositive();
        }
        // a Smack client: a second stream, and its session is listed under its transport
        String a = RosterClients.newUser(fx, "wsuser");
        var smack = WebSocketSupport.smackLogin(httpPort, a, "pw-" + a, "tab");
        try {
            assertThat(delta(before, "c2s_websocket_sessions_opened_total")).isEqualTo(2.0);
            assertThat(delta(before, "sm_sessions_by_transport{transport=\"websocket\"}")).isEqualTo(1.0);
        } finally {
            smack.disconnect();
        }
    }
}
