package dev.meerkat.admin;

import dev.meerkat.config.ConfigException;
import dev.meerkat.config.ConfigLoader;
import dev.meerkat.ctl.Ctl;
import dev.meerkat.e2e.ServerFixture;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Credentials, the refusal to listen openly without them, and the OpenAPI description. */
class AdminApiTest {
    @Test
    void nonLoopbackAddressWithoutCredentialsIsRefusedNamingTheKey() {
        String toml = "[general]\n  hosts = [\"localhost\"]\n[admin_api]\n  ip_address = \"0.0.0.0\"\n";
        assertThatThrownBy(() -> ConfigLoader.parse(toml, "a.toml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("admin_api.username");
        String ok = toml + "  username = \"admin\"\n  password = \"pw\"\n";
        assertThat(ConfigLoader.parse(ok, "a.toml").adminApi().requiresAuth()).isTrue();
        assertThatThrownBy(() -> ConfigLoader.parse("[admin_api]\n  username = \"admin\"\n", "a.toml"))
                .hasMessageContaining("admin_api.password");
    }

    @Test
    void basicAuthIsRequiredWhenConfigured() throws Exception {
        try (ServerFixture f = new ServerFixture("[admin_api]\n  port = 0\n  username = \"root\"\n  password = \"t0p\"\n")) {
            String url = "http://127.0.0.1:" + f.server.adminApiPort();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + "/api/stats")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(401);
                assertThat(r.headers().firstValue("www-authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            }
            assertThat(ctl(Map.of("MEERKAT_ADMIN_URL", url), "stat", "stats")).isEqualTo(Ctl.SERVER_ERROR);
            assertThat(ctl(Map.of("MEERKAT_ADMIN_URL", url, "MEERKAT_ADMIN_USER", "root", "MEERKAT_ADMIN_PASSWORD", "nope"),
                    "stat", "stats")).isEqualTo(Ctl.SERVER_ERROR);
            assertThat(ctl(Map.of("MEERKAT_ADMIN_URL", url, "MEERKAT_ADMIN_USER", "root", "MEERKAT_ADMIN_PASSWORD", "t0p"),
                    "stat", "stats")).isEqualTo(Ctl.OK);
            assertThat(ctl(Map.of(), "--url", url, "--admin-user", "root", "--admin-password", "t0p", "stat", "stats"))
                    .isEqualTo(Ctl.OK);
        }
    }

    @Test
    void openApiDescribesEveryRouteAndMethodsAreChecked() throws Exception {
        try (ServerFixture f = new ServerFixture()) {
            String url = "http://127.0.0.1:" + f.server.adminApiPort();
            try (HttpClient client = HttpClient.newHttpClient()) {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url + AdminApi.OPENAPI_PATH)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                Map<String, Object> doc = Json.parseObject(r.body());
                assertThat(doc.get("openapi")).isEqualTo("3.1.0");
                @SuppressWarnings("unchecked")
                Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
                for (AdminRoute route : CoreRoutes.of(null)) {
                    assertThat(paths.get(route.path())).containsKey(route.method().toLowerCase());
                }
                HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create(url + "/api/stats"))
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(wrong.statusCode()).isEqualTo(405);
                HttpResponse<String> badJson = client.send(HttpRequest.newBuilder(URI.create(url + "/api/accounts"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(badJson.statusCode()).isEqualTo(400);
                assertThat(badJson.body()).contains("invalid JSON");
            }
        }
    }

    private static int ctl(Map<String, String> env, String... args) {
        return new Ctl(env, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).run(args);
    }
}
