package dev.meerkat.config;

import dev.meerkat.config.HttpListenerConfig.BoshConfig;
import dev.meerkat.config.HttpListenerConfig.TlsMode;
import dev.meerkat.config.HttpListenerConfig.WebSocketConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpListenerConfigTest {
    private static ServerConfig parse(String toml) {
        return ConfigLoader.parse(toml, "meerkat.toml", Path.of("/srv/meerkat"));
    }

    @Test
    void defaultsServeWebSocketOnPlainHttp() {
        HttpListenerConfig h = parse("[[listen.http]]\nport = 5280\n").httpListeners().getFirst();
        assertThat(h.ipAddress()).isEqualTo("0.0.0.0");
        assertThat(h.tlsMode()).isEqualTo(TlsMode.NONE);
        assertThat(h.certFile()).isNull();
        assertThat(h.maxStanzaSize()).isEqualTo(65536);
        assertThat(h.stateTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(h.maxConnections()).isEqualTo(10_000);
        assertThat(h.allowPlainWithoutTls()).isFalse();
        assertThat(h.websocket()).isEqualTo(new WebSocketConfig("/ws-xmpp", 65536 + 4096, Duration.ofSeconds(30), Duration.ofSeconds(300)));
        assertThat(h.bosh()).isNull();
    }

    @Test
    void boshDefaultsAndEveryKey() {
        HttpListenerConfig d = parse("[[listen.http]]\nport = 5280\nhandlers.bosh = {}\n").httpListeners().getFirst();
        assertThat(d.websocket()).isNull();
        assertThat(d.bosh()).isEqualTo(new BoshConfig("/http-bind", Duration.ofSeconds(60), 1, 2, Duration.ofSeconds(30),
                Duration.ofSeconds(120), null, "*"));
        HttpListenerConfig h = parse("""
                [[listen.http]]
                  port = 5280
                  handlers.bosh.path = "/bosh"
                  handlers.bosh.max_wait = 20
                  handlers.bosh.max_hold = 2
                  handlers.bosh.max_requests = 3
                  handlers.bosh.inactivity = 40
                  handlers.bosh.max_pause = 300
                  handlers.bosh.max_session_lifetime = 3600
                  handlers.bosh.cors.allow_origin = "https://chat.example.com"
                """).httpListeners().getFirst();
        assertThat(h.bosh()).isEqualTo(new BoshConfig("/bosh", Duration.ofSeconds(20), 2, 3, Duration.ofSeconds(40),
                Duration.ofSeconds(300), Duration.ofSeconds(3600), "https://chat.example.com"));
    }

    @Test
    void boshMistakesNameTheKeyAndLine() {
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.bosh.max_wait = 0\n"))
                .hasMessageContaining("line 3").hasMessageContaining("listen.http[0].handlers.bosh.max_wait");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.websocket = {}\nhandlers.bosh.path = \"/ws-xmpp\"\n"))
                .hasMessageContaining("line 4").hasMessageContaining("handlers.bosh.path").hasMessageContaining("same as handlers.websocket.path");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.bosh.cors.allow_orgin = \"*\"\n"))
                .hasMessageContaining("handlers.bosh.cors.allow_orgin").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.bosh.max_hold = 1000\n"))
                .hasMessageContaining("line 3").hasMessageContaining("between 0 and 100");
    }

    @Test
    void everyKeyIsRead() {
        HttpListenerConfig h = parse("""
                [[listen.http]]
                  port = 5443
                  ip_address = "::1"
                  tls.mode = "tls"
                  tls.certfile = "conf/cert.pem"
                  tls.keyfile = "conf/key.pem"
                  max_stanza_size = 8192
                  state_timeout = 5000
                  max_connections = 50
                  allow_plain_without_tls = true
                  handlers.websocket.path = "/xmpp/ws"
                  handlers.websocket.max_frame_size = 10000
                  handlers.websocket.ping_interval = 10
                  handlers.websocket.idle_timeout = 60
                """).httpListeners().getFirst();
        assertThat(h.port()).isEqualTo(5443);
        assertThat(h.ipAddress()).isEqualTo("::1");
        assertThat(h.tlsMode()).isEqualTo(TlsMode.TLS);
        assertThat(h.certFile()).isEqualTo(Path.of("/srv/meerkat/conf/cert.pem"));
        assertThat(h.keyFile()).isEqualTo(Path.of("/srv/meerkat/conf/key.pem"));
        assertThat(h.maxStanzaSize()).isEqualTo(8192);
        assertThat(h.stateTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(h.maxConnections()).isEqualTo(50);
        assertThat(h.allowPlainWithoutTls()).isTrue();
        assertThat(h.websocket()).isEqualTo(new WebSocketConfig("/xmpp/ws", 10000, Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    @Test
    void aHandlersTableWithoutWebsocketServesNoWebSocket() {
        // Another handler would be listed here; an empty table leaves the listener with none.
        assertThat(parse("[[listen.http]]\nport = 5280\n[listen.http.handlers]\n").httpListeners().getFirst().websocket()).isNull();
    }

    @Test
    void mistakesNameTheKeyAndLine() {
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\ntls.mode = \"starttls\"\n"))
                .hasMessageContaining("line 3").hasMessageContaining("listen.http[0].tls.mode").hasMessageContaining("none, tls");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.websocket.path = \"ws\"\n"))
                .hasMessageContaining("line 3").hasMessageContaining("listen.http[0].handlers.websocket.path");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.websocket.idle_timeout = 10\n"))
                .hasMessageContaining("idle_timeout").hasMessageContaining("longer than ping_interval");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nhandlers.websocket.pth = \"/x\"\n"))
                .hasMessageContaining("listen.http[0].handlers.websocket.pth").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\ntls.certfile = \"c.pem\"\n"))
                .hasMessageContaining("tls.keyfile must be set too");
    }

    @Test
    void portsMayNotCollideWithC2sOrEachOther() {
        assertThatThrownBy(() -> parse("[[listen.c2s]]\nport = 5222\n[[listen.http]]\nport = 5222\n"))
                .hasMessageContaining("listen.http[0].port").hasMessageContaining("already used by a [[listen.c2s]] entry");
        assertThatThrownBy(() -> parse("[[listen.http]]\nport = 5280\nip_address = \"127.0.0.1\"\n[[listen.http]]\nport = 5280\n"))
                .hasMessageContaining("listen.http[1].port").hasMessageContaining("listen.http[0]");
        assertThat(parse("[[listen.http]]\nport = 5280\nip_address = \"127.0.0.1\"\n[[listen.http]]\nport = 5280\nip_address = \"::1\"\n")
                .httpListeners()).hasSize(2);
    }
}
