package dev.meerkat.admin;

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

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PATCH/PUT /api/muc/rooms/config and GET /api/muc/rooms/messages against a running node with Smack
 * occupants: what the occupants are told, what is stored, what the archive lists, and the refusals.
 * localhost runs mod_muc with mod_mam; nomam.test runs mod_muc alone.
 */
class MucRoomConfigAndMessagesApiTest {
    private static ServerFixture fixture;
    private static String url;
    private static HttpClient client;

    record Answer(int status, Map<String, Object> json) {
        String error() { return (String) json.get("error"); }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) { return (Map<String, Object>) json.get(key); }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(String key) { return (List<Map<String, Object>>) json.get(key); }
    }

    @BeforeAll
    static void start() throws Exception {
        fixture = new ServerFixture(ServerFixture.Settings.defaults().hosts("localhost", "nomam.test")
                .modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_muc]\n[modules.mod_mam]\n")
                .extra("[[host_config]]\n  host = \"nomam.test\"\n  [host_config.modules.mod_muc]\n"));
        url = "http://127.0.0.1:" + fixture.server.adminApiPort();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        fixture.close();
    }

    private static Answer get(String path, Map<String, String> params) throws Exception {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(url + path + q)).GET());
    }

    private static Answer body(String method, String path, Map<String, Object> body) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private static Answer send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.parseObject(r.body()));
    }

    private static Answer patch(String room, Map<String, Object> config) throws Exception {
        return body("PATCH", "/api/muc/rooms/config", Map.of("room", room, "config", config));
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

    /** The next message of the queue that {@code which} accepts (others are skipped). */
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

    private static void createRoom(String room, String owner) throws Exception {
        assertThat(body("POST", "/api/muc/rooms", Map.of("room", room, "owner", owner)).status()).isEqualTo(201);
    }

    @Test
    void changedConfigurationReachesTheOccupantsAndIsStored() throws Exception {
        fixture.createUser("olga", "pw");
        fixture.createUser("bert", "pw");
        String room = "cfg@muc.localhost";
        createRoom(room, "olga@localhost");
        XMPPTCPConnection olga = fixture.login("olga", "pw", "o");
        XMPPTCPConnection bert = fixture.login("bert", "pw", "b");
        join(olga, room, "Olga");
        BlockingQueue<Message> toBert = messagesFrom(bert, room);
        join(bert, room, "Bert");

        // the form's vars and their short names, JSON strings, booleans and numbers
        Answer changed = patch(room, Map.of("roomname", "Operations", "muc#roomconfig_changesubject", true,
                "maxusers", 20L, "roomdesc", "where ops meet"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.map("config")).containsEntry("name", "Operations").containsEntry("description", "where ops meet")
                .containsEntry("changeSubject", true).containsEntry("maxUsers", 20L).containsEntry("persistent", true);
        // as after an owner's form: status 104 to the occupants
        Message notice = next(toBert, m -> hasStatus(m, 104));
        assertThat(notice.getType()).isEqualTo(Message.Type.groupchat);
        assertThat(MultiUserChatManager.getInstanceFor(bert).getRoomInfo(JidCreate.entityBareFrom(room)).getName())
                .isEqualTo("Operations");

        // PUT does the same; fields not given keep their value
        Answer put = body("PUT", "/api/muc/rooms/config", Map.of("room", room, "config", Map.of("moderatedroom", "1")));
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.map("config")).containsEntry("moderated", true).containsEntry("name", "Operations");
        next(toBert, m -> hasStatus(m, 104));

        // refusals: an unknown name (named), a bad value, a missing room, no config
        Answer unknown = patch(room, Map.of("roomname", "x", "colour", "red"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.error()).startsWith("unknown field colour;").contains("roomname", "membersonly");
        Answer bad = patch(room, Map.of("maxusers", "lots"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("muc#roomconfig_maxusers must be a number");
        assertThat(patch(room, Map.of("passwordprotectedroom", true)).error()).contains("needs a password");
        assertThat(patch(room, Map.of("persistentroom", Map.of())).status()).isEqualTo(400);
        assertThat(patch("nothing@muc.localhost", Map.of("roomname", "x")).status()).isEqualTo(404);
        assertThat(body("PATCH", "/api/muc/rooms/config", Map.of("room", room)).status()).isEqualTo(400);
        assertThat(body("PATCH", "/api/muc/rooms/config", Map.of("room", room, "config", "roomname=x")).status()).isEqualTo(400);
        assertThat(patch(room, Map.of()).status()).isEqualTo(400);
        // nothing refused was applied
        assertThat(get("/api/muc/rooms/config", Map.of("room", room)).map("config"))
                .containsEntry("name", "Operations").containsEntry("maxUsers", 20L).containsEntry("passwordProtected", false);

        // a persistent room keeps the change across a restart
        fixture = fixture.restart();
        url = "http://127.0.0.1:" + fixture.server.adminApiPort();
        assertThat(get("/api/muc/rooms/config", Map.of("room", room)).map("config"))
                .containsEntry("name", "Operations").containsEntry("moderated", true).containsEntry("maxUsers", 20L);
    }

    @Test
    void archivingSwitchIsAFieldOnlyWhereRoomsCanArchive() throws Exception {
        fixture.createUser("nina", "pw");
        createRoom("plain@muc.nomam.test", "nina@localhost");
        Answer refused = patch("plain@muc.nomam.test", Map.of("enablearchiving", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).startsWith("unknown field enablearchiving;");
        createRoom("arch@muc.localhost", "nina@localhost");
        Answer off = patch("arch@muc.localhost", Map.of("muc#roomconfig_enablearchiving", false));
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.map("config")).containsEntry("archiving", false);
    }

    @Test
    void roomMessagesAreListedOldestFirstAndPagedBack() throws Exception {
        fixture.createUser("rita", "pw");
        fixture.createUser("sam", "pw");
        String room = "log@muc.localhost";
        createRoom(room, "rita@localhost");
        XMPPTCPConnection rita = fixture.login("rita", "pw", "r");
        XMPPTCPConnection sam = fixture.login("sam", "pw", "s");
        MultiUserChat r = join(rita, room, "Rita");
        MultiUserChat s = join(sam, room, "Sam");
        BlockingQueue<Message> toRita = messagesFrom(rita, room);
        List<String[]> said = List.of(new String[] {"Rita", "one"}, new String[] {"Sam", "two"}, new String[] {"Rita", "three"},
                new String[] {"Sam", "four"}, new String[] {"Sam", "five"});
        for (String[] line : said) {
            (line[0].equals("Rita") ? r : s).sendMessage(line[1]);
            next(toRita, m -> line[1].equals(m.getBody()));  // reflected, so archived in this order
        }

        Answer all = get("/api/muc/rooms/messages", Map.of("room", room));
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json()).containsEntry("room", room).containsEntry("more", false);
        assertThat(all.list("messages")).extracting(m -> m.get("nick") + ":" + m.get("body"))
                .containsExactly("Rita:one", "Sam:two", "Rita:three", "Sam:four", "Sam:five");
        assertThat(all.list("messages").get(1)).containsEntry("jid", "sam@localhost").containsKeys("id", "timestamp");
        assertThat((String) all.list("messages").get(0).get("timestamp")).endsWith("Z");

        Answer last = get("/api/muc/rooms/messages", Map.of("room", room, "limit", "2"));
        assertThat(last.list("messages")).extracting(m -> m.get("body")).containsExactly("four", "five");
        assertThat(last.json()).containsEntry("more", true);
        String firstId = (String) last.list("messages").get(0).get("id");
        Answer earlier = get("/api/muc/rooms/messages", Map.of("room", room, "limit", "2", "before", firstId));
        assertThat(earlier.list("messages")).extracting(m -> m.get("body")).containsExactly("two", "three");
        assertThat(earlier.json()).containsEntry("more", true);
        Answer first = get("/api/muc/rooms/messages", Map.of("room", room, "limit", "2",
                "before", (String) earlier.list("messages").get(0).get("id")));
        assertThat(first.list("messages")).extracting(m -> m.get("body")).containsExactly("one");
        assertThat(first.json()).containsEntry("more", false);

        // refusals
        assertThat(get("/api/muc/rooms/messages", Map.of("room", room, "limit", "0")).status()).isEqualTo(400);
        assertThat(get("/api/muc/rooms/messages", Map.of("room", room, "limit", "many")).status()).isEqualTo(400);
        assertThat(get("/api/muc/rooms/messages", Map.of("room", room, "before", "not-an-id")).status()).isEqualTo(400);
        Answer unknownId = get("/api/muc/rooms/messages", Map.of("room", room, "before", "0000000000000"));
        assertThat(unknownId.status()).isEqualTo(404);
        assertThat(unknownId.error()).contains("no message with id 0000000000000");
        assertThat(get("/api/muc/rooms/messages", Map.of("room", "nothing@muc.localhost")).status()).isEqualTo(404);

        // a room that stops archiving is refused, with why
        assertThat(patch(room, Map.of("enablearchiving", false)).status()).isEqualTo(200);
        Answer notArchiving = get("/api/muc/rooms/messages", Map.of("room", room));
        assertThat(notArchiving.status()).isEqualTo(409);
        assertThat(notArchiving.error()).contains("does not archive its messages");
    }

    @Test
    void roomMessagesWithoutMamAreRefused() throws Exception {
        fixture.createUser("tom", "pw");
        createRoom("quiet@muc.nomam.test", "tom@localhost");
        Answer a = get("/api/muc/rooms/messages", Map.of("room", "quiet@muc.nomam.test"));
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.error()).contains("not archived", "mod_mam");
        assertThat(get("/api/muc/rooms/messages", Map.of("room", "none@muc.nomam.test")).status()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void openApiDescribesTheNewRoutes() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + AdminApi.OPENAPI_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) Json.parseObject(r.body()).get("paths");
        Map<String, Object> config = paths.get("/api/muc/rooms/config");
        assertThat(config).containsKeys("get", "put", "patch");
        assertThat(Json.write(config.get("patch"))).contains("\"config\":{\"type\":\"object\"", "\"required\":[\"room\",\"config\"]");
        String messages = Json.write(paths.get("/api/muc/rooms/messages").get("get"));
        assertThat(messages).contains("\"name\":\"limit\"", "\"type\":\"integer\"", "\"name\":\"before\"");
    }
}
