package dev.meerkat.ctl;

import dev.meerkat.e2e.ServerFixture;
import dev.meerkat.jid.Jid;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every meerkatctl command against a running node: its output and its exit code. */
class CtlTest {
    private static ServerFixture fixture;
    private static String url;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_roster]\n[modules.mod_presence]\n"));
        url = "http://127.0.0.1:" + fixture.server.adminApiPort();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static Result ctl(String... args) {
        return ctlWith(Map.of("MEERKAT_ADMIN_URL", url), args);
    }

    private static Result ctlWith(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Ctl(env, new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void accountCommands() throws Exception {
        Result r = ctl("account", "registerUser", "--domain", "localhost", "--username", "carol", "--password", "s3cret");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("User carol@localhost registered\n");

        r = ctl("account", "registerUser", "--domain", "localhost", "--username", "carol", "--password", "x");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("carol@localhost already exists").contains("HTTP 409");

        r = ctl("account", "checkUser", "--user", "carol@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("User carol@localhost exists\n");

        r = ctl("account", "changeUserPassword", "--user", "carol@localhost", "--newPassword", "n3w");
        assertThat(r.code()).isZero();
        assertThat(fixture.server.services().auth().checkPassword(Jid.parse("carol@localhost"), "n3w")).isTrue();

        r = ctl("account", "listUsers", "--domain", "localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).contains("carol");

        r = ctl("--json", "account", "countUsers", "--domain", "localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("{\"domain\":\"localhost\",\"count\":");

        r = ctl("account", "removeUser", "--user", "carol@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("User carol@localhost removed\n");
        assertThat(ctl("account", "checkUser", "--user", "carol@localhost").out()).isEqualTo("User carol@localhost does not exist\n");

        r = ctl("account", "listUsers", "--domain", "elsewhere.example");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("not served here");
    }

    @Test
    void importUsers(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, "# user,domain,password\nimp1,localhost,pa,ss\nimp2,localhost,pw2\nbad line\n");
        Result r = ctl("--json", "account", "importUsers", "--file", csv.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("\"created\":[\"imp1@localhost\",\"imp2@localhost\"]").contains("\"line\":4");
        assertThat(fixture.server.services().auth().checkPassword(Jid.parse("imp1@localhost"), "pa,ss")).isTrue();
        r = ctl("account", "importUsers", "--file", csv.toString());
        assertThat(r.out()).contains("existing: imp1@localhost, imp2@localhost");
    }

    @Test
    void sessionAndStanzaCommands() throws Exception {
        fixture.createUser("dave", "pw");
        fixture.createUser("erin", "pw");
        XMPPTCPConnection dave = fixture.login("dave", "pw", "phone");
        XMPPTCPConnection erin = fixture.login("erin", "pw", "laptop");
        BlockingQueue<Message> toErin = new ArrayBlockingQueue<>(10);
        erin.addSyncStanzaListener(s -> toErin.add((Message) s), s -> s instanceof Message);

        Result r = ctl("session", "listSessions", "--domain", "localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("JID").contains("dave@localhost/phone").contains("erin@localhost/laptop");
        assertThat(ctl("session", "countSessions").out().strip()).isEqualTo(String.valueOf(fixture.server.services().sessions().localCount()));

        r = ctl("stanza", "sendMessage", "--from", "dave@localhost/phone", "--to", "erin@localhost", "--body", "hello from ctl");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Sent\n");
        Message m = toErin.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("hello from ctl");
        assertThat(m.getFrom().toString()).isEqualTo("dave@localhost/phone");

        r = ctl("stanza", "sendStanza", "--stanza",
                "<message from='localhost' to='erin@localhost/laptop' type='headline'><body>notice</body></message>");
        assertThat(r.code()).isZero();
        m = toErin.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("notice");

        r = ctl("stanza", "sendStanza", "--stanza", "<message to='erin@localhost'>");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("HTTP 400");

        r = ctl("session", "kickUser", "--user", "dave@localhost", "--reason", "maintenance");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Kicked 1 session(s)\n");
        await().atMost(10, TimeUnit.SECONDS).until(() -> !dave.isConnected());
        assertThat(ctl("session", "kickUser", "--user", "dave@localhost").code()).isEqualTo(Ctl.SERVER_ERROR);
    }

    @Test
    void rosterCommands() throws Exception {
        fixture.createUser("frank", "pw");
        fixture.createUser("gina", "pw");
        XMPPTCPConnection frank = fixture.login("frank", "pw", "r");
        Roster roster = Roster.getInstanceFor(frank);
        roster.reloadAndWait();

        Result r = ctl("roster", "addContact", "--user", "frank@localhost", "--contact", "zed@localhost",
                "--name", "Zed", "--groups", "work,friends");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Contact zed@localhost added to the roster of frank@localhost\n");
        // the roster push reached the online client
        await().atMost(10, TimeUnit.SECONDS).until(() -> roster.getEntry(JidCreate.bareFrom("zed@localhost")) != null);

        r = ctl("roster", "setMutualSubscription", "--user-a", "frank@localhost", "--user-b", "gina@localhost", "--action", "connect");
        assertThat(r.code()).isZero();
        r = ctl("roster", "listContacts", "--user", "frank@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.out()).contains("gina@localhost").contains("both").contains("work,friends");
        assertThat(ctl("roster", "listContacts", "--user", "gina@localhost").out()).contains("frank@localhost").contains("both");

        r = ctl("roster", "deleteContact", "--user", "frank@localhost", "--contact", "zed@localhost");
        assertThat(r.code()).isZero();
        assertThat(ctl("roster", "deleteContact", "--user", "frank@localhost", "--contact", "zed@localhost").code())
                .isEqualTo(Ctl.SERVER_ERROR);
        r = ctl("roster", "setMutualSubscription", "--userA", "frank@localhost", "--userB", "gina@localhost", "--action", "disconnect");
        assertThat(r.code()).isZero();
        assertThat(ctl("roster", "listContacts", "--user", "frank@localhost").out()).isEqualTo("(none)\n");
    }

    @Test
    void stats() {
        Result r = ctl("stat", "stats");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("onlineUsers: ").contains("registeredUsers: ").contains("uptimeSeconds: ")
                .contains("hosts.localhost.registeredUsers: ");
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertThat(ctl("account", "registerUser", "--domain", "localhost").code()).isEqualTo(Ctl.USAGE);
        assertThat(ctl("account").code()).isEqualTo(Ctl.USAGE);
        assertThat(ctl("nosuch", "thing").code()).isEqualTo(Ctl.USAGE);
        Result help = ctl("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("account").contains("roster");
    }

    @Test
    void noServerExitsWithThree() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Result r = ctl("--url", "http://127.0.0.1:" + port, "stat", "stats");
        assertThat(r.code()).isEqualTo(Ctl.NO_CONNECTION);
        assertThat(r.err()).contains("cannot connect");
    }
}
