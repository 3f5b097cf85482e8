package dev.meerkat.admin;

import dev.meerkat.e2e.ServerFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The /api/muc routes over HTTP: statuses, JSON shapes, refusals, and their OpenAPI description. */
class MucAdminApiTest {
    private static ServerFixture fixture;
    private static String url;
    private static HttpClient client;

    record Answer(int status, Map<String, Object> json) {}

    @BeforeAll
    static void start() throws Exception {
        // two hosts: only localhost runs mod_muc
        fixture = new ServerFixture(ServerFixture.Settings.defaults().hosts("localhost", "plain.test")
                .modules(ServerFixture.Settings.DEFAULT_MODULES + "[modules.mod_muc]\n")
                .extra("[[host_config]]\n  host = \"plain.test\"\n  [host_config.modules.mod_ping]\n"));
        url = "http://127.0.0.1:" + fixture.server.adminApiPort();
        client = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        fixture.close();
    }

    private static Answer call(String method, String path, Map<String, String> params) throws Exception {
        HttpRequest.Builder b;
        if (method.equals("GET") || method.equals("DELETE")) {
            StringBuilder q = new StringBuilder();
            params.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            b = HttpRequest.newBuilder(URI.create(url + path + q)).method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b = HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(params)));
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), Json.parseObject(r.body()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void createListConfigureAndDeleteARoom() throws Exception {
        fixture.createUser("olive", "pw");
        Answer created = call("POST", "/api/muc/rooms", Map.of("room", "Api1@muc.localhost", "owner", "olive@localhost/phone"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json()).containsEntry("room", "api1@muc.localhost").containsEntry("owner", "olive@localhost");
        assertThat(call("POST", "/api/muc/rooms", Map.of("room", "api1@muc.localhost", "owner", "olive@localhost")).status())
                .isEqualTo(409);

        Answer list = call("GET", "/api/muc/rooms", Map.of("domain", "muc.localhost"));
        assertThat(list.status()).isEqualTo(200);
        assertThat((List<Object>) list.json().get("rooms")).contains((Object) Map.of("room", "api1@muc.localhost", "name", "", "occupants", 0L,
                "persistent", true, "public", true, "membersOnly", false, "locked", false));

        Answer affs = call("GET", "/api/muc/rooms/affiliations", Map.of("room", "api1@muc.localhost"));
        assertThat(affs.json().get("affiliations")).isEqualTo(List.of(Map.of("jid", "olive@localhost", "affiliation", "owner")));
        // the last owner stays
        assertThat(call("PUT", "/api/muc/rooms/affiliations",
                Map.of("room", "api1@muc.localhost", "user", "olive@localhost", "affiliation", "member")).status()).isEqualTo(409);
        Answer set = call("PUT", "/api/muc/rooms/affiliations",
                Map.of("room", "api1@muc.localhost", "user", "pete@localhost", "affiliation", "admin"));
        assertThat(set.status()).isEqualTo(200);
        assertThat(call("GET", "/api/muc/rooms/affiliations", Map.of("room", "api1@muc.localhost")).json().get("affiliations"))
                .isEqualTo(List.of(Map.of("jid", "olive@localhost", "affiliation", "owner"), Map.of("jid", "pete@localhost", "affiliation", "admin")));
        assertThat(call("PUT", "/api/muc/rooms/affiliations",
                Map.of("room", "api1@muc.localhost", "user", "pete@localhost", "affiliation", "boss")).status()).isEqualTo(400);

        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) call("GET", "/api/muc/rooms/config", Map.of("room", "api1@muc.localhost")).json().get("config");
        assertThat(config).containsEntry("persistent", true).containsEntry("membersOnly", false).containsEntry("whois", "moderators");

        assertThat(call("GET", "/api/muc/rooms/occupants", Map.of("room", "api1@muc.localhost")).json().get("occupants")).isEqualTo(List.of());
        assertThat(call("POST", "/api/muc/rooms/kick", Map.of("room", "api1@muc.localhost", "nick", "ghost")).status()).isEqualTo(404);
        assertThat(call("POST", "/api/muc/rooms/message", Map.of("room", "api1@muc.localhost", "from", "olive@localhost", "body", "hi")).status())
                .isEqualTo(409);

        Answer deleted = call("DELETE", "/api/muc/rooms", Map.of("room", "api1@muc.localhost", "reason", "done"));
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json()).containsEntry("destroyed", "api1@muc.localhost");
        assertThat(call("GET", "/api/muc/rooms/occupants", Map.of("room", "api1@muc.localhost")).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/muc/rooms", Map.of("room", "api1@muc.localhost")).status()).isEqualTo(404);
    }

    @Test
    void domainsWithoutMucAndBadAddressesAreRefused() throws Exception {
        Answer noMuc = call("GET", "/api/muc/rooms", Map.of("domain", "muc.plain.test"));
        assertThat(noMuc.status()).isEqualTo(404);
        assertThat((String) noMuc.json().get("error")).contains("no MUC service at muc.plain.test", "mod_muc is not enabled");
        assertThat(call("POST", "/api/muc/rooms", Map.of("room", "x@muc.plain.test", "owner", "a@plain.test")).status()).isEqualTo(404);
        assertThat(call("POST", "/api/muc/rooms", Map.of("room", "muc.localhost", "owner", "a@localhost")).status()).isEqualTo(400);
        assertThat(call("POST", "/api/muc/rooms", Map.of("room", "x@muc.localhost", "owner", "localhost")).status()).isEqualTo(400);
        assertThat(call("GET", "/api/muc/rooms/occupants", Map.of("room", "nothing@muc.localhost")).status()).isEqualTo(404);
        assertThat(call("GET", "/api/muc/rooms", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void openApiDescribesTheMucRoutes() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + AdminApi.OPENAPI_PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) Json.parseObject(r.body()).get("paths");
        for (AdminRoute route : MucRoutes.of(null)) {
            assertThat(paths.get(route.path())).containsKey(route.method().toLowerCase());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> kick = (Map<String, Object>) paths.get("/api/muc/rooms/kick").get("post");
        assertThat(kick.get("tags")).isEqualTo(List.of("muc"));
        assertThat(Json.write(kick)).contains("\"nick\"", "\"room\"");
    }
}
