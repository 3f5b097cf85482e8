package dev.meerkat.ctl;

import dev.meerkat.e2e.ServerFixture;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** meerkatctl muc changeRoomConfig and getRoomMessages against a running node with Smack occupants. */
class MucRoomConfigCtlTest {
    private static ServerFixture fixture;
    private static String url;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_muc]\n[modules.mod_mam]\n"));
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

    private static MultiUserChat join(XMPPTCPConnection c, String room, String nick) throws Exception {
        MultiUserChat m = MultiUserChatManager.getInstanceFor(c).getMultiUserChat(JidCreate.entityBareFrom(room));
        m.join(Resourcepart.from(nick));
        return m;
    }

    private static BlockingQueue<Message> messagesFrom(XMPPTCPConnection c, String room) {
        BlockingQueue<Message> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add((Message) s),
                s -> s instanceof Message && s.getFrom() != null && s.getFrom().asBareJid().toString().equals(room));
        return q;
    }

    private static Message next(BlockingQueue<Message> q, java.util.function.Predicate<Message> which) throws InterruptedException {
        while (true) {
            Message m = q.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("expected a message").isNotNull();
            if (which.test(m)) return m;
        }
    }

    private static boolean hasStatus(Message m, int code) {
        MUCUser x = MUCUser.from(m);
        return x != null && x.getStatus().stream().anyMatch(s -> s.getCode() == code);
    }

    @Test
    void changeRoomConfigTellsTheOccupants() throws Exception {
        fixture.createUser("ada", "pw");
        fixture.createUser("ben", "pw");
        String room = "team@muc.localhost";
        assertThat(ctl("muc", "createInstantRoom", "--room", room, "--owner", "ada@localhost").code()).isZero();
        XMPPTCPConnection ada = fixture.login("ada", "pw", "a");
        XMPPTCPConnection ben = fixture.login("ben", "pw", "b");
        join(ada, room, "Ada");
        BlockingQueue<Message> toBen = messagesFrom(ben, room);
        join(ben, room, "Ben");

        Result r = ctl("muc", "changeRoomConfig", "--room", room, "--field", "roomname=Team room", "--field",
                "muc#roomconfig_allowinvites=true", "--field", "historylength=5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("Configuration of team@muc.localhost changed\n")
                .contains("config.name: Team room\n", "config.allowInvites: true\n", "config.historyLength: 5\n");
        next(toBen, m -> hasStatus(m, 104));
        assertThat(ctl("muc", "getRoomConfig", "--room", room).out()).contains("config.name: Team room\n");

        r = ctl("muc", "changeRoomConfig", "--room", room, "--field", "colour=red");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("unknown field colour", "(HTTP 400)");
        r = ctl("muc", "changeRoomConfig", "--room", room, "--field", "whois=everybody");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("muc#roomconfig_whois must be moderators or anyone");
        assertThat(ctl("muc", "changeRoomConfig", "--room", room, "--field", "roomname").code()).isEqualTo(Ctl.USAGE);
        assertThat(ctl("muc", "changeRoomConfig", "--room", room).code()).isEqualTo(Ctl.USAGE);
        r = ctl("muc", "changeRoomConfig", "--room", "gone@muc.localhost", "--field", "roomname=x");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("no room gone@muc.localhost");
    }

    @Test
    void getRoomMessagesListsWhatOccupantsSaid() throws Exception {
        fixture.createUser("cy", "pw");
        fixture.createUser("di", "pw");
        String room = "chat@muc.localhost";
        assertThat(ctl("muc", "createInstantRoom", "--room", room, "--owner", "cy@localhost").code()).isZero();
        XMPPTCPConnection cy = fixture.login("cy", "pw", "c");
        XMPPTCPConnection di = fixture.login("di", "pw", "d");
        MultiUserChat c = join(cy, room, "Cy");
        MultiUserChat d = join(di, room, "Di");
        BlockingQueue<Message> toCy = messagesFrom(cy, room);
        for (String[] line : List.of(new String[] {"Cy", "morning"}, new String[] {"Di", "hi Cy"}, new String[] {"Cy", "standup?"})) {
            (line[0].equals("Cy") ? c : d).sendMessage(line[1]);
            next(toCy, m -> line[1].equals(m.getBody()));
        }

        Result r = ctl("muc", "getRoomMessages", "--room", room);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("ID").contains("TIMESTAMP", "NICK", "JID", "BODY");
        assertThat(lines.get(1)).contains("Cy", "cy@localhost").endsWith("morning");
        assertThat(lines.get(2)).contains("Di", "di@localhost").endsWith("hi Cy");
        assertThat(lines.get(3)).contains("Cy").endsWith("standup?");

        r = ctl("muc", "getRoomMessages", "--room", room, "--limit", "1");
        lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).endsWith("standup?");
        String id = lines.get(1).split("\\s+")[0];
        assertThat(lines.get(2)).isEqualTo("(older messages: --before " + id + ")");
        r = ctl("muc", "getRoomMessages", "--room", room, "--before", id, "--json");
        assertThat(r.out()).startsWith("{\"room\":\"chat@muc.localhost\",\"messages\":[{\"id\":")
                .contains("\"body\":\"morning\"", "\"body\":\"hi Cy\"", "\"more\":false").doesNotContain("standup?");

        r = ctl("muc", "getRoomMessages", "--room", room, "--limit", "1000");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("limit must be between 1 and 500");
        assertThat(ctl("muc", "changeRoomConfig", "--room", room, "--field", "enablearchiving=0").code()).isZero();
        r = ctl("muc", "getRoomMessages", "--room", room);
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("room chat@muc.localhost does not archive its messages", "(HTTP 409)");
        assertThat(ctl("muc", "--help").out()).contains("changeRoomConfig", "getRoomMessages");
    }
}
