package dev.meerkat.ctl;

import dev.meerkat.e2e.ServerFixture;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.GroupChatInvitation;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * meerkatctl's muc commands against a running node, and what Smack occupants see of them: the
 * kick, the invitation, the room message, the destruction.
 */
class MucCtlTest {
    private static ServerFixture fixture;
    private static String url;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_muc]\n"));
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

    private static <T extends Stanza> BlockingQueue<T> collect(XMPPTCPConnection c, Class<T> type, Predicate<T> which) {
        BlockingQueue<T> q = new LinkedBlockingQueue<>();
        c.addSyncStanzaListener(s -> q.add(type.cast(s)), s -> type.isInstance(s) && which.test(type.cast(s)));
        return q;
    }

    private static <T> T next(BlockingQueue<T> q) throws InterruptedException {
        T t = q.poll(5, TimeUnit.SECONDS);
        assertThat(t).as("expected a stanza").isNotNull();
        return t;
    }

    private static MultiUserChat join(XMPPTCPConnection c, String room, String nick) throws Exception {
        MultiUserChat m = MultiUserChatManager.getInstanceFor(c).getMultiUserChat(JidCreate.entityBareFrom(room));
        m.join(Resourcepart.from(nick));
        return m;
    }

    @Test
    void occupantsSeeWhatTheCommandsDo() throws Exception {
        fixture.createUser("owen", "pw");
        fixture.createUser("kim", "pw");
        fixture.createUser("ivy", "pw");
        Result r = ctl("muc", "createInstantRoom", "--room", "ops@muc.localhost", "--owner", "owen@localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Room ops@muc.localhost created, owned by owen@localhost\n");
        r = ctl("muc", "createInstantRoom", "--room", "ops@muc.localhost", "--owner", "owen@localhost");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("room ops@muc.localhost already exists");

        XMPPTCPConnection owen = fixture.login("owen", "pw", "o");
        XMPPTCPConnection kim = fixture.login("kim", "pw", "k");
        XMPPTCPConnection ivy = fixture.login("ivy", "pw", "i");
        BlockingQueue<Message> kimMessages = collect(kim, Message.class, m -> m.getBody() != null);
        BlockingQueue<Presence> kimPresences = collect(kim, Presence.class,
                p -> p.getType() == Presence.Type.unavailable && p.getFrom().toString().equals("ops@muc.localhost/Kim"));
        join(owen, "ops@muc.localhost", "Owen");
        join(kim, "ops@muc.localhost", "Kim");

        r = ctl("muc", "listRoomUsers", "--room", "ops@muc.localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().toList()).hasSize(3);
        assertThat(r.out().lines().toList().get(0)).startsWith("NICK").contains("JID", "ROLE", "AFFILIATION");
        assertThat(r.out().lines().toList().get(1)).startsWith("Kim").contains("kim@localhost/k", "participant", "none");
        assertThat(r.out().lines().toList().get(2)).startsWith("Owen").contains("owen@localhost/o", "moderator", "owner");

        r = ctl("muc", "listRooms", "--domain", "muc.localhost");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("ops@muc.localhost")).findFirst()).hasValueSatisfying(l ->
                assertThat(l.split("\\s+")).contains("2", "true"));

        // a room message as owen reaches kim from owen's occupant JID
        r = ctl("muc", "sendMessageToRoom", "--room", "ops@muc.localhost", "--from", "owen@localhost", "--body", "hello from ops");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Sent to ops@muc.localhost as Owen\n");
        Message roomMessage = next(kimMessages);
        assertThat(roomMessage.getType()).isEqualTo(Message.Type.groupchat);
        assertThat((Object) roomMessage.getFrom()).hasToString("ops@muc.localhost/Owen");
        assertThat(roomMessage.getBody()).isEqualTo("hello from ops");
        r = ctl("muc", "sendMessageToRoom", "--room", "ops@muc.localhost", "--from", "ivy@localhost", "--body", "x");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("ivy@localhost is not in the room");

        // an invitation reaches ivy as a XEP-0249 direct invitation from owen
        BlockingQueue<Message> ivyMessages = collect(ivy, Message.class, m -> m.getBody() != null);
        r = ctl("muc", "inviteUser", "--room", "ops@muc.localhost", "--sender", "owen@localhost",
                "--recipient", "ivy@localhost", "--reason", "standup");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Invitation to ops@muc.localhost sent to ivy@localhost\n");
        Message invitation = next(ivyMessages);
        assertThat((Object) invitation.getFrom()).hasToString("owen@localhost");
        GroupChatInvitation x = invitation.getExtension(GroupChatInvitation.class);
        assertThat(x).isNotNull();
        assertThat(x.getRoomAddress().toString()).isEqualTo("ops@muc.localhost");
        assertThat(x.getReason()).isEqualTo("standup");

        // kim is kicked: 307, the reason, and kim is no longer listed
        r = ctl("muc", "kickUser", "--room", "ops@muc.localhost", "--nick", "Kim", "--reason", "behave");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Kicked Kim from ops@muc.localhost\n");
        Presence kicked = next(kimPresences);
        MUCUser user = MUCUser.from(kicked);
        assertThat(user.getStatus().stream().map(MUCUser.Status::getCode).collect(Collectors.toSet())).contains(307, 110);
        assertThat(user.getItem().getReason()).isEqualTo("behave");
        assertThat(ctl("muc", "listRoomUsers", "--room", "ops@muc.localhost").out()).doesNotContain("kim@localhost");
        r = ctl("muc", "kickUser", "--room", "ops@muc.localhost", "--nick", "Kim");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("no occupant Kim");

        // an outcast cannot come back
        r = ctl("muc", "setUserAffiliation", "--room", "ops@muc.localhost", "--user", "kim@localhost", "--affiliation", "outcast");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Affiliation of kim@localhost to ops@muc.localhost set to outcast\n");
        assertThat(ctl("muc", "listRoomAffiliations", "--room", "ops@muc.localhost").out()).contains("kim@localhost", "outcast");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> join(kim, "ops@muc.localhost", "Kim2"))
                .hasMessageContaining("forbidden");

        // destruction: owen is told the reason and the room is gone
        BlockingQueue<Presence> owenGone = collect(owen, Presence.class,
                p -> p.getType() == Presence.Type.unavailable && p.getFrom().toString().equals("ops@muc.localhost/Owen"));
        r = ctl("muc", "deleteRoom", "--room", "ops@muc.localhost", "--reason", "closing");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("Room ops@muc.localhost destroyed\n");
        assertThat(MUCUser.from(next(owenGone)).getDestroy().getReason()).isEqualTo("closing");
        r = ctl("muc", "listRoomUsers", "--room", "ops@muc.localhost");
        assertThat(r.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(r.err()).contains("no room ops@muc.localhost");
        for (XMPPTCPConnection c : new XMPPTCPConnection[] {owen, kim, ivy}) c.disconnect();
    }

    @Test
    void usageAndJsonOutput() throws Exception {
        assertThat(ctl("muc", "kickUser", "--room", "a@muc.localhost").code()).isEqualTo(Ctl.USAGE);
        Result help = ctl("muc", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("createInstantRoom", "listRooms", "inviteUser", "kickUser", "sendMessageToRoom",
                "deleteRoom", "setUserAffiliation", "listRoomUsers", "getRoomConfig");
        fixture.createUser("jo", "pw");
        assertThat(ctl("muc", "createInstantRoom", "--room", "json@muc.localhost", "--owner", "jo@localhost").code()).isZero();
        Result json = ctl("muc", "getRoomConfig", "--room", "json@muc.localhost", "--json");
        assertThat(json.code()).isZero();
        assertThat(json.out()).startsWith("{\"room\":\"json@muc.localhost\",\"config\":{").contains("\"persistent\":true");
        Result text = ctl("muc", "getRoomConfig", "--room", "json@muc.localhost");
        assertThat(text.out()).contains("room: json@muc.localhost\n", "config.persistent: true\n", "config.whois: moderators\n");
        Result noService = ctl("muc", "listRooms", "--domain", "conference.localhost");
        assertThat(noService.code()).isEqualTo(Ctl.SERVER_ERROR);
        assertThat(noService.err()).contains("no MUC service at conference.localhost");
    }
}
