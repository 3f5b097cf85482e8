package dev.meerkat.metrics;

import dev.meerkat.e2e.ServerFixture;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** /metrics scraped before and after users log in and chat: the counters move. */
class MetricsEndpointTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})?) (\\S+)$");
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_roster]\n[modules.mod_presence]\n"));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private Map<String, Double> scrape() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fixture.server.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            Map<String, Double> samples = new HashMap<>();
            for (String line : r.body().lines().toList()) {
                Matcher m = SAMPLE.matcher(line);
                if (!line.startsWith("#") && m.matches()) samples.put(m.group(1), Double.parseDouble(m.group(3)));
            }
            return samples;
        }
    }

    private static double value(Map<String, Double> samples, String series) {
        return samples.getOrDefault(series, 0.0);
    }

    @Test
    void countersMoveWhenUsersLogInAndChat() throws Exception {
        fixture.createUser("alice", "pw");
        fixture.createUser("bob", "pw");
        Map<String, Double> before = scrape();
        assertThat(before).containsKey("sm_node_sessions").containsKey("jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"}");
        long xmppNames = before.keySet().stream().map(k -> k.replaceAll("\\{.*", ""))
                .filter(n -> !n.startsWith("jvm_") && !n.startsWith("process_") && !n.startsWith("system_"))
                .distinct().count();
        assertThat(xmppNames).isGreaterThanOrEqualTo(30);
        assertThat(value(before, "sm_node_sessions")).isZero();
        assertThat(value(before, "registered_users{host=\"localhost\"}")).isEqualTo(2.0);

        XMPPTCPConnection alice = fixture.login("alice", "pw", "a");
        XMPPTCPConnection bob = fixture.login("bob", "pw", "b");
        BlockingQueue<Message> toBob = new ArrayBlockingQueue<>(10);
        bob.addSyncStanzaListener(st -> toBob.add((Message) st), st -> st instanceof Message m && m.getBody() != null);
        // Bob's initial presence must be in before a message to his bare JID can reach him
        assertThat(org.jivesoftware.smackx.ping.PingManager.getInstanceFor(bob).pingMyServer()).isTrue();
        ChatManager.getInstanceFor(alice).chatWith(JidCreate.entityBareFrom("bob@localhost")).send("hi bob");
        assertThat(toBob.poll(10, TimeUnit.SECONDS)).isNotNull();
        // a bad login, to count a failure by mechanism
        XMPPTCPConnectionConfiguration bad = fixture.starttls().setUsernameAndPassword("alice", "wrong").build();
        XMPPTCPConnection wrong = fixture.track(new XMPPTCPConnection(bad));
        try {
            wrong.connect().login();
        } catch (Exception expected) {
            // SASL failure
        }

        Map<String, Double> after = scrape();
        assertThat(value(after, "sm_node_sessions")).isEqualTo(2.0);
        assertThat(value(after, "sm_unique_sessions")).isEqualTo(2.0);
        assertThat(value(after, "c2s_logins_total{host=\"localhost\"}")).isEqualTo(2.0);
        assertThat(value(after, "c2s_message_in_total{type=\"chat\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "c2s_element_in_total{kind=\"message\"}")).isGreaterThan(value(before, "c2s_element_in_total{kind=\"message\"}"));
        assertThat(value(after, "c2s_element_out_total{kind=\"message\"}")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "c2s_element_in_total{kind=\"presence\"}")).isGreaterThanOrEqualTo(2.0);
        assertThat(value(after, "sm_presence_initial_total")).isGreaterThanOrEqualTo(2.0);
        assertThat(value(after, "mod_roster_get_total")).isGreaterThanOrEqualTo(2.0);
        assertThat(value(after, "c2s_data_in_bytes_total{transport=\"tls\"}")).isGreaterThan(value(before, "c2s_data_in_bytes_total{transport=\"tls\"}"));
        assertThat(value(after, "c2s_data_in_bytes_total{transport=\"tcp\"}")).isGreaterThan(0.0);
        assertThat(value(after, "c2s_data_out_bytes_total{transport=\"tls\"}")).isGreaterThan(0.0);
        assertThat(after.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("c2s_auth_success_total{mechanism=\"SCRAM-SHA-");
            assertThat(e.getValue()).isGreaterThanOrEqualTo(2.0);
        });
        assertThat(after.entrySet()).anySatisfy(e -> {
            assertThat(e.getKey()).startsWith("c2s_auth_failed_total{mechanism=");
            assertThat(e.getValue()).isGreaterThanOrEqualTo(1.0);
        });
        assertThat(after.get("c2s_connections_open{listener=\"c2s:" + fixture.starttlsPort + "\"}")).isGreaterThanOrEqualTo(2.0);

        alice.disconnect();
        await().atMost(10, TimeUnit.SECONDS).until(() -> value(scrape(), "c2s_logouts_total{host=\"localhost\"}") >= 1.0);
    }

    @Test
    void messagesToOfflineUsersAreCountedAsBouncedWithoutMod_offline() throws Exception {
        fixture.createUser("carl", "pw");
        fixture.createUser("dora", "pw");
        XMPPTCPConnection carl = fixture.login("carl", "pw", "c");
        ChatManager.getInstanceFor(carl).chatWith(JidCreate.entityBareFrom("dora@localhost")).send("are you there?");
        await().atMost(10, TimeUnit.SECONDS).until(() -> value(scrape(), "sm_message_bounced_total") >= 1.0);
        Map<String, Double> s = scrape();
        assertThat(value(s, "sm_message_to_offline_user_total")).isEqualTo(value(s, "sm_message_bounced_total"));
        assertThat(value(s, "mod_offline_stored_total")).isZero();
    }
}
