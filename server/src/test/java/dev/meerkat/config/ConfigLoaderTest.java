package dev.meerkat.config;

import dev.meerkat.config.C2sListenerConfig.TlsMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ConfigLoaderTest {
    private static final Path WD = Path.of("/srv/meerkat");

    private static ServerConfig parse(String toml) {
        return ConfigLoader.parse(toml, "meerkat.toml", WD);
    }

    @Test
    void emptyFileGivesDefaults() {
        ServerConfig c = parse("");

        GeneralConfig g = c.general();
        assertThat(g.hosts()).containsExactly("localhost");
        assertThat(g.dataDir()).isEqualTo(WD.resolve("var"));
        assertThat(g.nodeName()).startsWith("meerkat@").hasSizeGreaterThan("meerkat@".length());
        assertThat(g.maxUserSessions()).isEqualTo(10);
        assertThat(g.logLevel()).isEqualTo("info");

        assertThat(c.c2sListeners()).isEmpty();
        assertThat(c.shapers()).isEmpty();
        assertThat(c.auth()).isEqualTo(new AuthConfig(List.of("internal"),
                List.of("scram_sha512_plus", "scram_sha512", "scram_sha256_plus", "scram_sha256",
                        "scram_sha1_plus", "scram_sha1", "plain", "anonymous"),
                10_000, 3, 10, Duration.ofSeconds(60)));
        assertThat(c.rdbms()).isEqualTo(new RdbmsConfig("h2", "localhost", 0, "meerkat", null, null, 10, Map.of()));
        assertThat(c.acl().admins()).isEmpty();
        assertThat(c.modules()).isEmpty();
        assertThat(c.hostModules()).isEmpty();
    }

    @Test
    void listenerDefaults() {
        C2sListenerConfig l = parse("[[listen.c2s]]\nport = 5222\n").c2sListeners().getFirst();
        assertThat(l).isEqualTo(new C2sListenerConfig(5222, "0.0.0.0", TlsMode.STARTTLS, null, null, 65536, null,
                Duration.ofSeconds(60), 10_000, 1024, false));
    }

    @Test
    void fullExample() {
        ServerConfig c = parse("""
                [general]
                  hosts = ["localhost", "Example.ORG"]
                  data_dir = "/var/lib/meerkat"
                  node_name = "meerkat@node1"
                  max_user_sessions = 5
                  loglevel = "debug"
                [[listen.c2s]]
                  port = 5222
                  ip_address = "127.0.0.1"
                  max_stanza_size = 131072
                  shaper = "normal"
                  state_timeout = 30000
                  max_connections = 500
                  backlog = 128
                  allow_plain_without_tls = true
                  tls.mode = "starttls_required"
                  tls.certfile = "conf/cert.pem"
                  tls.keyfile = "conf/key.pem"
                [[listen.c2s]]
                  port = 5223
                  ip_address = "::1"
                  tls.mode = "tls"
                [shaper.normal]
                  max_rate = 1000
                [shaper.fast]
                  max_rate = 50000
                [auth]
                  methods = ["internal"]
                  sasl_mechanisms = ["scram_sha256", "plain"]
                  max_retries = 2
                  password.scram_iterations = 4096
                  throttle.failures = 5
                  throttle.period = 30
                [outgoing_pools.rdbms.default]
                  workers = 4
                  connection.driver = "pgsql"
                  connection.host = "db.example.org"
                  connection.port = 5432
                  connection.database = "xmpp"
                  connection.username = "meerkat"
                  connection.password = "secret"
                  connection.properties = {sslmode = "require", "ssl.factory" = "x"}
                [acl]
                  admin = [{user = "Admin", server = "localhost"}, {user = "bob", server = "EXAMPLE.org"}]
                [modules.mod_disco]
                [modules.mod_register]
                  ip_access = [{address = "127.0.0.0/8", policy = "allow"}]
                [[host_config]]
                  host = "example.org"
                  [host_config.modules.mod_ping]
                    send_pings = true
                """);

        assertThat(c.general()).isEqualTo(new GeneralConfig(List.of("localhost", "example.org"),
                Path.of("/var/lib/meerkat"), "meerkat@node1", 5, "debug"));

        assertThat(c.c2sListeners()).containsExactly(
                new C2sListenerConfig(5222, "127.0.0.1", TlsMode.STARTTLS_REQUIRED, WD.resolve("conf/cert.pem"),
                        WD.resolve("conf/key.pem"), 131072, "normal", Duration.ofSeconds(30), 500, 128, true),
                new C2sListenerConfig(5223, "::1", TlsMode.TLS, null, null, 65536, null, Duration.ofSeconds(60),
                        10_000, 1024, false));

        assertThat(c.shapers()).containsExactly(Map.entry("normal", new ShaperConfig("normal", 1000)),
                Map.entry("fast", new ShaperConfig("fast", 50000)));
        assertThat(c.auth()).isEqualTo(new AuthConfig(List.of("internal"), List.of("scram_sha256", "plain"),
                4096, 2, 5, Duration.ofSeconds(30)));
        assertThat(c.rdbms()).isEqualTo(new RdbmsConfig("pgsql", "db.example.org", 5432, "xmpp", "meerkat", "secret",
                4, Map.of("sslmode", "require", "ssl.factory", "x")));
        assertThat(c.rdbms().toString()).doesNotContain("secret");
        // RFC 7622 case-maps localparts, so "Admin" and "admin" are one account.
        assertThat(c.acl().admins()).containsExactly("admin@localhost", "bob@example.org");

        assertThat(c.modules()).containsOnlyKeys("mod_disco", "mod_register");
        List<Options> rules = c.modules().get("mod_register").tableList("ip_access");
        assertThat(rules).hasSize(1);
        assertThat(rules.getFirst().string("address", null)).isEqualTo("127.0.0.0/8");
        assertThat(c.modules().get("mod_register").path()).isEqualTo("modules.mod_register");

        assertThat(c.hostModules()).containsOnlyKeys("example.org");
        assertThat(c.modulesFor("example.org")).containsOnlyKeys("mod_ping");
        assertThat(c.modulesFor("example.org").get("mod_ping").bool("send_pings", false)).isTrue();
        assertThat(c.modulesFor("localhost")).isSameAs(c.modules());
    }

    @Test
    void moduleOptionErrorsPointIntoTheFile() {
        ServerConfig c = parse("""
                [general]
                  hosts = ["localhost"]
                [modules.mod_register]
                  ip_access = [{address = "127.0.0.0/8", policy = "sometimes"}]
                  typo = 1
                """);
        Options register = c.modules().get("mod_register");
        Options rule = register.tableList("ip_access").getFirst();
        assertThatThrownBy(() -> rule.oneOf("policy", java.util.Set.of("allow", "deny"), "allow"))
                .hasMessage("meerkat.toml line 4: modules.mod_register.ip_access[0].policy: "
                        + "expected one of allow, deny, got \"sometimes\"");
        rule.string("address", null);
        assertThatThrownBy(register::rejectUnknown)
                .hasMessageStartingWith("meerkat.toml line 5: modules.mod_register.typo: unknown key");
    }

    @Test
    void theMessageOfTheSpecExample() {
        String toml = """
                [general]
                  hosts = ["localhost"]
                [[listen.c2s]]
                  port = 5222
                [[listen.c2s]]
                  port = 5223
                  tls.mode = "sslv3"
                """;
        assertThatThrownBy(() -> parse(toml))
                .isInstanceOf(ConfigException.class)
                .hasMessage("meerkat.toml line 7: listen.c2s[1].tls.mode: expected one of starttls, "
                        + "starttls_required, tls, got \"sslv3\"");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                // unknown sections and keys
                arguments("[genral]\nhosts = []\n", "line 1: genral: unknown section"),
                arguments("[general]\nhots = [\"a\"]\n", "line 2: general.hots: unknown key"),
                arguments("[[listen.c2s]]\nport = 5222\ntls.mood = \"tls\"\n", "line 3: listen.c2s[0].tls.mood: unknown key"),
                arguments("[[listen.c2s]]\nport = 5222\n[[listen.c2s]]\nport = 5223\ncolour = 1\n",
                        "line 5: listen.c2s[1].colour: unknown key"),
                arguments("[listen.s2s]\nport = 5269\n", "line 1: listen.s2s: unknown key"),
                arguments("[auth]\npassword.format = \"scram\"\n", "line 2: auth.password.format: unknown key"),
                arguments("[outgoing_pools.redis.default]\nworkers = 1\n", "line 1: outgoing_pools.redis: unknown key"),
                arguments("[outgoing_pools.rdbms.main]\nworkers = 1\n", "line 1: outgoing_pools.rdbms.main: unknown key"),
                arguments("[acl]\nlocal = []\n", "line 2: acl.local: unknown key"),
                arguments("[[host_config]]\nhost = \"localhost\"\nauth = {}\n", "line 3: host_config[0].auth: unknown key"),
                // wrong types
                arguments("general = 5\n", "line 1: general: expected a table, got integer 5"),
                arguments("[general]\nhosts = \"localhost\"\n", "line 2: general.hosts: expected an array of strings"),
                arguments("[general]\nhosts = [\"a\", 1]\n", "line 2: general.hosts[1]: expected a string, got integer 1"),
                arguments("[[listen.c2s]]\nport = \"5222\"\n", "line 2: listen.c2s[0].port: expected an integer, got string \"5222\""),
                arguments("[listen.c2s]\nport = 5222\n", "line 1: listen.c2s: expected an array of tables, got a table"),
                arguments("[[listen.c2s]]\nport = 5222\nallow_plain_without_tls = \"no\"\n",
                        "line 3: listen.c2s[0].allow_plain_without_tls: expected a boolean"),
                arguments("[modules]\nmod_ping = true\n", "line 2: modules.mod_ping: expected a table of module options, got boolean true"),
                arguments("[[host_config]]\nhost = \"localhost\"\nmodules.mod_ping = 1\n",
                        "line 3: host_config[0].modules.mod_ping: expected a table of module options"),
                arguments("[outgoing_pools.rdbms.default]\nconnection.properties = {ssl = true}\n",
                        "line 2: outgoing_pools.rdbms.default.connection.properties.ssl: expected a string, got boolean true"),
                // out of range and invalid values
                arguments("[[listen.c2s]]\nport = 70000\n", "line 2: listen.c2s[0].port: must be between 1 and 65535, got 70000"),
                arguments("[[listen.c2s]]\nport = 1\nmax_stanza_size = 100\n", "line 3: listen.c2s[0].max_stanza_size: must be between 1024"),
                arguments("[[listen.c2s]]\nport = 1\nstate_timeout = 10\n", "line 3: listen.c2s[0].state_timeout: must be between 1000"),
                arguments("[general]\nmax_user_sessions = 0\n", "line 2: general.max_user_sessions: must be between 1 and 10000, got 0"),
                arguments("[general]\nloglevel = \"trace\"\n", "line 2: general.loglevel: expected one of error, warning, info, debug, got \"trace\""),
                arguments("[general]\nhosts = []\n", "line 2: general.hosts: at least one host is required"),
                arguments("[general]\nhosts = [\"a\",\n  \"b c\"]\n", "line 3: general.hosts[1]: not a valid domain name: \"b c\" (Contains non-LDH ASCII characters)"),
                arguments("[general]\nhosts = [\"a@b\"]\n", "line 2: general.hosts[0]: not a valid domain name: \"a@b\""),
                arguments("[general]\nhosts = [\"a\", \"A\"]\n", "line 2: general.hosts[1]: \"a\" is listed twice"),
                arguments("[general]\ndata_dir = \"\"\n", "line 2: general.data_dir: must not be empty"),
                arguments("[shaper.normal]\nmax_rate = 0\n", "line 2: shaper.normal.max_rate: must be between 1"),
                arguments("[shaper.normal]\n", "line 1: shaper.normal.max_rate: required key is missing"),
                arguments("[[listen.c2s]]\nip_address = \"::\"\n", "line 1: listen.c2s[0].port: required key is missing"),
                arguments("[[listen.c2s]]\nport = 5222\nip_address = \"localhost\"\n",
                        "line 3: listen.c2s[0].ip_address: expected an IPv4 or IPv6 address, got \"localhost\""),
                arguments("[[listen.c2s]]\nport = 5222\nip_address = \"256.0.0.1\"\n", "line 3: listen.c2s[0].ip_address"),
                arguments("[auth]\nmax_retries = 0\n", "line 2: auth.max_retries: must be between 1 and 100"),
                arguments("[auth]\npassword.scram_iterations = 100\n", "line 2: auth.password.scram_iterations: must be between 4096 and 1000000"),
                arguments("[auth]\nthrottle.period = 0\n", "line 2: auth.throttle.period: must be between 1"),
                arguments("[auth]\nsasl_mechanisms = []\n", "line 2: auth.sasl_mechanisms: at least one SASL mechanism is required"),
                arguments("[auth]\nsasl_mechanisms = [\"plain\", \"plain\"]\n", "line 2: auth.sasl_mechanisms[1]: \"plain\" is listed twice"),
                arguments("[outgoing_pools.rdbms.default]\nconnection.driver = \"oracle\"\n",
                        "line 2: outgoing_pools.rdbms.default.connection.driver: expected one of h2, pgsql, mysql, got \"oracle\""),
                arguments("[outgoing_pools.rdbms.default]\nconnection.database = \"../x\"\n",
                        "line 2: outgoing_pools.rdbms.default.connection.database: for h2 this is a file name"),
                arguments("[outgoing_pools.rdbms.default]\nworkers = 0\n", "line 2: outgoing_pools.rdbms.default.workers: must be between 1"),
                arguments("[acl]\nadmin = [{user = \"a/b\", server = \"localhost\"}]\n", "line 2: acl.admin[0].user: not a valid user name: \"a/b\""),
                arguments("[acl]\nadmin = [{user = \"a\"}]\n", "line 2: acl.admin[0].server: required key is missing"),
                arguments("[acl]\nadmin = [{user = \"a\", server = \"b c\"}]\n", "line 2: acl.admin[0].server: not a valid domain name"),
                // references between sections
                arguments("[shaper.normal]\nmax_rate = 1000\n[[listen.c2s]]\nport = 5222\nshaper = \"fast\"\n",
                        "line 5: listen.c2s[0].shaper: no [shaper.fast] is defined (defined: normal)"),
                arguments("[general]\nhosts = [\"localhost\"]\n[[host_config]]\nhost = \"example.org\"\n",
                        "line 4: host_config[0].host: \"example.org\" is not in general.hosts (localhost)"),
                arguments("[[host_config]]\nhost = \"localhost\"\n[[host_config]]\nhost = \"LOCALHOST\"\n",
                        "line 4: host_config[1].host: a [[host_config]] for \"localhost\" is already defined"),
                arguments("[[host_config]]\nmodules = {}\n", "line 1: host_config[0].host: required key is missing"),
                arguments("[[listen.c2s]]\nport = 5222\n[[listen.c2s]]\nport = 5222\n",
                        "line 4: listen.c2s[1].port: port 5222 on 0.0.0.0 is already used by listen.c2s[0]"),
                arguments("[[listen.c2s]]\nport = 5222\nip_address = \"127.0.0.1\"\n[[listen.c2s]]\nport = 5222\nip_address = \"127.000.0.1\"\n",
                        "line 5: listen.c2s[1].port: port 5222 on 127.000.0.1 is already used by listen.c2s[0]"),
                arguments("[[listen.c2s]]\nport = 5222\nip_address = \"::1\"\n[[listen.c2s]]\nport = 5222\nip_address = \"0:0:0:0:0:0:0:1\"\n",
                        "line 5: listen.c2s[1].port: port 5222 on 0:0:0:0:0:0:0:1 is already used by listen.c2s[0]"),
                arguments("[[listen.c2s]]\nport = 5222\nip_address = \"127.0.0.1\"\n[[listen.c2s]]\nport = 5222\nip_address = \"::\"\n",
                        "line 5: listen.c2s[1].port: port 5222 on :: is already used by listen.c2s[0]"),
                arguments("[[listen.c2s]]\nport = 5222\ntls.certfile = \"c.pem\"\n",
                        "line 3: listen.c2s[0].tls.certfile: tls.keyfile must be set too"),
                arguments("[[listen.c2s]]\nport = 5222\ntls.keyfile = \"k.pem\"\n",
                        "line 3: listen.c2s[0].tls.keyfile: tls.certfile must be set too"),
                arguments("[auth]\nsasl_mechanisms = [\"scram_sha256\",\n  \"digest_md5\"]\n",
                        "line 3: auth.sasl_mechanisms[1]: unknown SASL mechanism \"digest_md5\" (expected one of "
                                + "scram_sha512_plus, scram_sha512, scram_sha256_plus, scram_sha256, scram_sha1_plus, scram_sha1, plain, anonymous)"),
                arguments("[auth]\nmethods = [\"kerberos\"]\n", "line 2: auth.methods[0]: unknown authentication method \"kerberos\""),
                arguments("[auth]\nmethods = [\"external\"]\n", "auth.external.program: the external auth program is required"),
                arguments("[auth]\nmethods = [\"internal\", \"rdbms\"]\n", "auth.methods: internal and rdbms are the same method"),
                arguments("[auth]\nmethods = [\"ldap\"]\n[auth.ldap]\nbase = \"dc=x\"\nfilter = \"uid=*\"\n", "auth.ldap.filter: must be an LDAP filter in parentheses"),
                arguments("[auth]\nmethods = [\"jwt\"]\n", "auth.jwt.secret: give exactly one of secret.value and secret.file"),
                arguments("[auth.anonymous]\nprotocol = \"sasl\"\n", "auth.anonymous.protocol"),
                arguments("[auth]\nmethods = [\"http\"]\n", "auth.http.url: the URL of the auth service is required"),
                arguments("[auth.http]\nurl = \"ftp://auth\"\n", "auth.http.url: must be an http:// or https:// URL"),
                arguments("[auth.http]\nurl = \"http://u:p@auth\"\n", "auth.http.url: must be an http:// or https:// URL"),
                arguments("[auth.http]\nurl = \"http://auth\"\nbasic_auth = \"nocolon\"\n", "auth.http.basic_auth: must be \"user:password\""),
                arguments("[auth]\nmethods = []\n", "line 2: auth.methods: at least one authentication method is required"),
                // syntax
                arguments("[general]\nhosts = [\"a\"\n", "meerkat.toml line 3, column 1: "),
                arguments("[general]\nhosts = [\"a\"]\nhosts = [\"b\"]\n", "meerkat.toml line 3, column 1: hosts previously defined"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorsNameTheKeyPathAndLine(String toml, String expected) {
        assertThatThrownBy(() -> parse(toml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("meerkat.toml ")
                .hasMessageContaining(expected);
    }

    @Test
    void httpAuthSection() {
        ServerConfig c = parse("""
                [auth]
                methods = ["http"]
                [auth.http]
                url = "https://auth.example.com:8000/xmpp/"
                basic_auth = "meerkat:pw"
                """);
        assertThat(c.auth().http()).isEqualTo(new AuthMethodsConfig.Http(java.net.URI.create("https://auth.example.com:8000/xmpp"),
                "meerkat:pw", java.time.Duration.ofSeconds(5), 10, false));
        assertThat(c.auth().http().toString()).doesNotContain("pw");
    }

    @Test
    void samePortOnDifferentAddressesIsAllowed() {
        ServerConfig c = parse("""
                [[listen.c2s]]
                port = 5222
                ip_address = "127.0.0.1"
                [[listen.c2s]]
                port = 5222
                ip_address = "[::1]"
                """);
        assertThat(c.c2sListeners()).extracting(C2sListenerConfig::ipAddress).containsExactly("127.0.0.1", "::1");
    }

    @Test
    void hostsAreNormalisedAndHostConfigMatchesThem() {
        ServerConfig c = parse("""
                [general]
                hosts = ["LocalHost", "Example.ORG."]
                [[host_config]]
                host = "EXAMPLE.org"
                """);
        assertThat(c.general().hosts()).containsExactly("localhost", "example.org");
        assertThat(c.modulesFor("example.org")).isEmpty();
    }

    @Test
    void relativePathsResolveAgainstTheWorkingDirectory() {
        ServerConfig c = parse("""
                [general]
                data_dir = "data/../state"
                [[listen.c2s]]
                port = 5222
                tls.certfile = "/etc/meerkat/cert.pem"
                tls.keyfile = "conf/key.pem"
                """);
        assertThat(c.general().dataDir()).isEqualTo(Path.of("/srv/meerkat/state"));
        assertThat(c.c2sListeners().getFirst().certFile()).isEqualTo(Path.of("/etc/meerkat/cert.pem"));
        assertThat(c.c2sListeners().getFirst().keyFile()).isEqualTo(Path.of("/srv/meerkat/conf/key.pem"));

        ServerConfig cwd = ConfigLoader.parse("", "x.toml");
        assertThat(cwd.general().dataDir()).isEqualTo(Path.of("var").toAbsolutePath());
    }

    @Test
    void theResultIsUnmodifiable() {
        ServerConfig c = parse("[shaper.a]\nmax_rate = 1\n[modules.mod_ping]\n[[listen.c2s]]\nport = 1\n");
        assertThatThrownBy(() -> c.shapers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.modules().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.c2sListeners().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.general().hosts().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadReadsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.toml");
        Files.writeString(good, "[general]\nhosts = [\"example.net\"]\n");
        assertThat(ConfigLoader.load(good).general().hosts()).containsExactly("example.net");

        Path bad = dir.resolve("bad.toml");
        Files.writeString(bad, "[general]\nloglevel = 3\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad))
                .hasMessage(bad + " line 2: general.loglevel: expected a string, got integer 3");

        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("missing.toml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("configuration file not found")
                .hasMessageContaining("missing.toml");
    }
}
