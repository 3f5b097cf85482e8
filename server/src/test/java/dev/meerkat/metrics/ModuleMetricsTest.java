package dev.meerkat.metrics;

import dev.meerkat.e2e.ServerFixture;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.mam.MamManager;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.vcardtemp.VCardManager;
import org.jivesoftware.smackx.vcardtemp.packet.VCard;
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
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The counters of the feature modules move with real client traffic, and the XMPP metric set is complete. */
class ModuleMetricsTest {
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})?) (\\S+)$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$");
    private ServerFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES + """
                [modules.mod_roster]
                [modules.mod_presence]
                [modules.mod_offline]
                  max_user_offline_messages = 1
                [modules.mod_mam]
                [modules.mod_carboncopy]
                [modules.mod_csi]
                [modules.mod_privacy]
                [modules.mod_blocking]
                [modules.mod_stream_management]
                [modules.mod_adhoc]
                [modules.mod_last]
                """));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private String body() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + fixture.server.metricsPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        }
    }

    private Map<String, Double> scrape() throws Exception {
        Map<String, Double> samples = new HashMap<>();
        for (String line : body().lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) samples.put(m.group(1), Double.parseDouble(m.group(3)));
        }
        return samples;
    }

    /** Metric families (# TYPE lines) that are not the JVM's or the process's; a timer's _max gauge is not counted apart. */
    private Set<String> xmppFamilies() throws Exception {
        Set<String> names = new TreeSet<>();
        for (String line : body().lines().toList()) {
            Matcher m = TYPE.matcher(line);
            if (!m.matches()) continue;
            String n = m.group(1);
            if (n.startsWith("jvm_") || n.startsWith("process_") || n.startsWith("system_") || n.endsWith("_max")) continue;
            names.add(n.endsWith("_total") ? n.substring(0, n.length() - "_total".length()) : n);
        }
        return names;
    }

    private static double value(Map<String, Double> samples, String series) {
        return samples.getOrDefault(series, 0.0);
    }

    @Test
    void atLeastFortyXmppMetricsAreExportedBeforeAnyTraffic() throws Exception {
        Set<String> names = xmppFamilies();
        assertThat(names).hasSizeGreaterThanOrEqualTo(40);
        assertThat(names).contains("mod_offline_stored", "mod_offline_delivered", "mod_offline_bounced_quota",
                "mod_mam_archived", "mod_mam_lookups", "mod_mam_lookup_time_seconds", "mod_carboncopy_copies",
                "mod_privacy_denied_in", "mod_privacy_denied_out", "mod_stream_management_resumed",
                "mod_stream_management_resume_failed", "mod_stream_management_detached", "mod_csi_held",
                "mod_vcard_set", "mod_adhoc_executions", "mod_roster_push", "c2s_websocket_sessions_opened");
    }

    @Test
    void offlineMamVcardAndRosterPushCountersMoveWithClientTraffic() throws Exception {
        fixture.createUser("alice", "pw");
        fixture.createUser("bob", "pw");
        fixture.createUser("carl", "pw");
        Map<String, Double> before = scrape();
        assertThat(value(before, "mod_offline_stored_total")).isZero();
        assertThat(value(before, "mod_roster_push_total")).isZero();

        XMPPTCPConnection alice = fixture.login("alice", "pw", "a");
        // carl is offline: the first message is stored, the second is over his quota of one
        ChatManager chats = ChatManager.getInstanceFor(alice);
        chats.chatWith(JidCreate.entityBareFrom("carl@localhost")).send("first");
        assertThat(PingManager.getInstanceFor(alice).pingMyServer()).isTrue();
        // another sender for the refused one: Smack's reader (run with assertions) trips over the
        // resource-constraint error that echoes the message, and that connection is no use afterwards
        fixture.createUser("dave", "pw");
        XMPPTCPConnection dave = fixture.login("dave", "pw", "d");
        ChatManager.getInstanceFor(dave).chatWith(JidCreate.entityBareFrom("carl@localhost")).send("second");
        await().atMost(10, TimeUnit.SECONDS).until(() -> value(scrape(), "mod_offline_bounced_quota_total") >= 1.0);
        Map<String, Double> stored = scrape();
        assertThat(value(stored, "mod_offline_stored_total")).isEqualTo(1.0);
        assertThat(value(stored, "mod_offline_delivered_total")).isZero();

        XMPPTCPConnection carl = fixture.login("carl", "pw", "c");
        await().atMost(10, TimeUnit.SECONDS).until(() -> value(scrape(), "mod_offline_delivered_total") >= 1.0);

        // a chat between two online users lands in both archives; then alice reads hers
        XMPPTCPConnection bob = fixture.login("bob", "pw", "b");
        BlockingQueue<Message> toBob = new ArrayBlockingQueue<>(10);
        bob.addSyncStanzaListener(st -> toBob.add((Message) st), st -> st instanceof Message m && "hi bob".equals(m.getBody()));
        assertThat(PingManager.getInstanceFor(bob).pingMyServer()).isTrue();
        double archivedBefore = value(scrape(), "mod_mam_archived_total");
        chats.chatWith(JidCreate.entityBareFrom("bob@localhost/b")).send("hi bob");
        assertThat(toBob.poll(10, TimeUnit.SECONDS)).isNotNull();
        MamManager mam = MamManager.getInstanceFor(alice);
        assertThat(mam.isSupported()).isTrue();
        assertThat(mam.queryMostRecentPage(JidCreate.entityBareFrom("bob@localhost"), 10).getMessages()).isNotEmpty();

        // a roster change is pushed to the resource that asked for the roster
        Roster roster = Roster.getInstanceFor(alice);
        roster.reloadAndWait();
        roster.createItem(JidCreate.entityBareFrom("bob@localhost"), "Bob", null);

        // mod_vcard stays off here: Smack's reader (with assertions) trips over its presence
        // extension; the vCard counters are fed from what clients send, module or not
        VCard card = new VCard();
        card.setNickName("Ally");
        try {
            VCardManager.getInstanceFor(alice).saveVCard(card);
        } catch (org.jivesoftware.smack.XMPPException.XMPPErrorException expected) {
            // service-unavailable without the module
        }

        Map<String, Double> after = scrape();
        assertThat(value(after, "mod_mam_archived_total") - archivedBefore).isEqualTo(2.0);
        assertThat(value(after, "mod_mam_lookups_total")).isEqualTo(1.0);
        assertThat(value(after, "mod_mam_lookup_time_seconds_count")).isEqualTo(1.0);
        assertThat(value(after, "mod_roster_push_total")).isGreaterThanOrEqualTo(1.0);
        assertThat(value(after, "mod_vcard_set_total")).isEqualTo(1.0);
        assertThat(carl.isAuthenticated()).isTrue();
    }
}
