package dev.meerkat.config;

import dev.meerkat.config.C2sListenerConfig.TlsMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code conf/meerkat.toml} must load and say what the documentation promises. */
class DefaultConfigFileTest {
    private static final Path FILE = Path.of("../conf/meerkat.toml");

    @Test
    void defaultConfigLoads() {
        ServerConfig c = ConfigLoader.load(FILE);

        assertThat(c.general().hosts()).containsExactly("localhost");
        assertThat(c.c2sListeners()).extracting(C2sListenerConfig::port, C2sListenerConfig::tlsMode,
                        C2sListenerConfig::certFile, C2sListenerConfig::shaper)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(5222, TlsMode.STARTTLS, null, "normal"),
                        org.assertj.core.groups.Tuple.tuple(5223, TlsMode.TLS, null, "normal"));
        assertThat(c.httpListeners()).singleElement().satisfies(h -> {
            assertThat(h.port()).isEqualTo(5280);
            assertThat(h.tlsMode()).isEqualTo(HttpListenerConfig.TlsMode.NONE);
            assertThat(h.websocket().path()).isEqualTo("/ws-xmpp");
            assertThat(h.bosh().path()).isEqualTo("/http-bind");
        });
        assertThat(c.shapers()).containsExactly(Map.entry("normal", new ShaperConfig("normal", 50000)));
        assertThat(c.rdbms().driver()).isEqualTo("h2");
        assertThat(c.acl().admins()).isEmpty();
        assertThat(c.modules()).containsOnlyKeys("mod_disco", "mod_ping", "mod_version", "mod_time", "mod_register",
                "mod_roster", "mod_presence", "mod_offline", "mod_carboncopy", "mod_last", "mod_vcard", "mod_private",
                "mod_stream_management", "mod_csi",
                "mod_privacy", "mod_blocking", "mod_mam", "mod_adhoc", "mod_muc", "mod_pubsub");
    }

    @Test
    void registrationIsOpenToLoopbackOnly() {
        Options register = ConfigLoader.load(FILE).modules().get("mod_register");
        List<Options> rules = register.tableList("ip_access");
        assertThat(rules).extracting(r -> r.string("address", null) + " " + r.string("policy", null))
                .containsExactly("127.0.0.0/8 allow", "::1/128 allow", "0.0.0.0/0 deny", "::/0 deny");
        register.rejectUnknown();
    }
}
