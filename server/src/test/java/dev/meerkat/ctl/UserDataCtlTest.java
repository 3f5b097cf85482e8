package dev.meerkat.ctl;

import dev.meerkat.e2e.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** meerkatctl's vcard, last and offline commands against a running node: output and exit code. */
class UserDataCtlTest {
    private static ServerFixture fixture;
    private static String url;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults().modules(ServerFixture.Settings.DEFAULT_MODULES
                + "[modules.mod_vcard]\n[modules.mod_last]\n[modules.mod_offline]\n"));
        url = "http://127.0.0.1:" + fixture.server.adminApiPort();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static Result ctl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new Ctl(Map.of("MEERKAT_ADMIN_URL", url), new PrintWriter(out, true), new PrintWriter(err, true)).run(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void vcardCommands() throws Exception {
        fixture.createUser("vera", "pw");
        Result r = ctl("vcard", "getVcard", "--user", "vera@localhost");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("no vCard stored for vera@localhost");

        r = ctl("vcard", "setVcard", "--user", "vera@localhost",
                "--vcard", "<vCard xmlns='vcard-temp'><NICKNAME>Vee</NICKNAME><FN>Vera V.</FN></vCard>");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("vCard of vera@localhost set\n");

        r = ctl("vcard", "getVcard", "--user", "vera@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("<vCard xmlns=").contains("<NICKNAME>Vee</NICKNAME>", "<FN>Vera V.</FN>");

        r = ctl("vcard", "setVcard", "--user", "vera@localhost", "--vcard", "<card xmlns='urn:other'/>");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("expected <vCard xmlns='vcard-temp'/>");
        r = ctl("vcard", "setVcard", "--user", "vera@localhost", "--vcard", "<vCard xmlns='vcard-temp'>");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);

        r = ctl("vcard", "getVcard", "--user", "nobody@localhost");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("does not exist");
        r = ctl("vcard", "setVcard", "--user", "vera@localhost");
        assertThat(r.code()).isEqualTo(Ctl.USAGE);
    }

    @Test
    void lastCommands() throws Exception {
        fixture.createUser("lena", "pw");
        Result r = ctl("last", "getLast", "--user", "lena@localhost");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("no last activity recorded for lena@localhost");

        r = ctl("last", "setLast", "--user", "lena@localhost", "--timestamp", "2026-01-02T03:04:05Z", "--status", "gone fishing");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Last activity of lena@localhost set to 2026-01-02T03:04:05Z\n");
        r = ctl("last", "getLast", "--user", "lena@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("user: lena@localhost\ntimestamp: 2026-01-02T03:04:05Z\nstatus: gone fishing\n");

        r = ctl("last", "setLast", "--user", "lena@localhost", "--timestamp", "1700000000");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Last activity of lena@localhost set to 2023-11-14T22:13:20Z\n");
        r = ctl("last", "setLast", "--user", "lena@localhost", "--timestamp", "yesterday");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("timestamp");

        // a real logout is what mod_last records
        fixture.createUser("leo", "pw");
        fixture.login("leo", "pw", "l").disconnect();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ctl("last", "getLast", "--user", "leo@localhost").code() == Ctl.OK);
        assertThat(ctl("last", "getLast", "--user", "leo@localhost").out()).startsWith("user: leo@localhost\ntimestamp: 20");
    }

    @Test
    void offlineCommands() throws Exception {
        fixture.createUser("olga", "pw");
        fixture.createUser("otto", "pw");
        Result r = ctl("offline", "countMessages", "--user", "otto@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("0\n");

        // otto is offline: mod_offline keeps what olga sends him
        assertThat(ctl("stanza", "sendMessage", "--from", "olga@localhost", "--to", "otto@localhost", "--body", "one").code()).isZero();
        assertThat(ctl("stanza", "sendMessage", "--from", "olga@localhost", "--to", "otto@localhost", "--body", "two").code()).isZero();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ctl("offline", "countMessages", "--user", "otto@localhost").out().equals("2\n"));

        r = ctl("offline", "deleteMessages", "--user", "otto@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Deleted 2 offline message(s) of otto@localhost\n");
        assertThat(ctl("offline", "countMessages", "--user", "otto@localhost").out()).isEqualTo("0\n");

        r = ctl("offline", "countMessages", "--user", "otto@elsewhere.example");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("not served here");
    }
}
