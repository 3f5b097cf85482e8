package dev.meerkat.e2e;

import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnection;
import org.jivesoftware.smack.c2s.ModularXmppClientToServerConnectionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/** Smack's newer modular connection (NIO, its own TLS state machine), as used by the conformance suite. */
class ModularClientTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture();
        fx.createUser("mod", "pw");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    @org.junit.jupiter.api.RepeatedTest(15)
    void modularTcpConnectionLogsInOverStarttls() throws Exception {
        ModularXmppClientToServerConnectionConfiguration config = ModularXmppClientToServerConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setUsernameAndPassword("mod", "pw")
                .setCustomX509TrustManager(fx.trustManager())
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(fx.starttlsPort)
                .build();
        ModularXmppClientToServerConnection c = new ModularXmppClientToServerConnection(config);
        try {
            c.connect().login();
            assertThat(c.isAuthenticated()).isTrue();
            assertThat(c.isSecureConnection()).isTrue();
        } finally {
            c.disconnect();
        }
    }
}
