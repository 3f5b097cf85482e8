package dev.meerkat.e2e;

import dev.meerkat.config.ConfigLoader;
import dev.meerkat.jid.Jid;
import dev.meerkat.server.MeerkatServer;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A real Meerkat node on loopback (free ports, data in a temp dir, the default module set) and
 * Smack connections to it that trust its self-signed certificate.
 */
public final class ServerFixture implements AutoCloseable {
    public final Path dataDir;
    public final MeerkatServer server;
    public final int starttlsPort;
    public final int directTlsPort;
    private final X509TrustManager trust;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();
    private final String extraToml;

    public ServerFixture() throws Exception {
        this("");
    }

    /** @param extraToml appended to the generated config (more modules, options) */
    public ServerFixture(String extraToml) throws Exception {
        this(extraToml, Files.createTempDirectory("meerkat-e2e"));
    }

    private ServerFixture(String extraToml, Path dataDir) throws Exception {
        this.dataDir = dataDir;
        this.extraToml = extraToml;
        starttlsPort = freePort();
        directTlsPort = freePort();
        String toml = """
                [general]
                  hosts = ["localhost"]
                  data_dir = "%s"
                [[listen.c2s]]
                  port = %d
                  ip_address = "127.0.0.1"
                  tls.mode = "starttls"
                [[listen.c2s]]
                  port = %d
                  ip_address = "127.0.0.1"
                  tls.mode = "tls"
                [auth]
                  password.scram_iterations = 4096
                  throttle.failures = 1000
                [modules.mod_disco]
                [modules.mod_ping]
                [modules.mod_version]
                [modules.mod_time]
                [modules.mod_register]
                """.formatted(dataDir.toString().replace("\\", "\\\\"), starttlsPort, directTlsPort) + extraToml;
        server = MeerkatServer.start(ConfigLoader.parse(toml, "e2e.toml"));
        trust = trusting(MeerkatServer.selfSignedDir(dataDir));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Trusts exactly the certificates the server generated (pinned), nothing else. */
    private static X509TrustManager trusting(Path certDir) throws Exception {
        List<X509Certificate> pinned = new ArrayList<>();
        try (var files = Files.list(certDir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".crt")).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    pinned.add((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
            }
        }
        X509TrustManager tm = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (chain.length == 0 || !pinned.contains(chain[0])) throw new CertificateException("not the server's certificate");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() { return pinned.toArray(new X509Certificate[0]); }
        };
        return tm;
    }

    /** A fresh context each time: Smack re-initialises the contexts it is given. */
    public SSLContext sslContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trust}, null);
        return ctx;
    }

    /** Creates an account directly through the account service (fast; registration is tested on its own). */
    public void createUser(String user, String password) {
        server.services().auth().register(Jid.of(user, "localhost", null), password);
    }

    /** A STARTTLS connection configuration, TLS required. */
    public XMPPTCPConnectionConfiguration.Builder starttls() throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(starttlsPort)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust);
    }

    /** A direct TLS connection (XEP-0368): TLS from the first byte, no STARTTLS. */
    public XMPPTCPConnectionConfiguration.Builder directTls() throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("localhost")
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(directTlsPort)
                .setSecurityMode(SecurityMode.disabled)
                .setSocketFactory(sslContext().getSocketFactory());
    }

    /** Connects and logs in; the connection is closed with the fixture. */
    public XMPPTCPConnection login(String user, String password, String resource) throws Exception {
        return login(user, password, resource, b -> { });
    }

    public XMPPTCPConnection login(String user, String password, String resource,
                                   Consumer<XMPPTCPConnectionConfiguration.Builder> customize) throws Exception {
        XMPPTCPConnectionConfiguration.Builder b = starttls().setUsernameAndPassword(user, password).setResource(resource);
        customize.accept(b);
        XMPPTCPConnection c = track(new XMPPTCPConnection(b.build()));
        c.connect().login();
        return c;
    }

    public XMPPTCPConnection track(XMPPTCPConnection c) {
        connections.add(c);
        return c;
    }

    /**
     * Stops this server, keeping its data directory, and starts a new one with the same config on
     * it (new ports). Close the returned fixture instead of this one.
     */
    public ServerFixture restart() throws Exception {
        disconnectAll();
        server.close();
        return new ServerFixture(extraToml, dataDir);
    }

    private void disconnectAll() {
        for (XMPPTCPConnection c : connections) {
            try {
                c.disconnect();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (XMPPTCPConnection c : connections) {
            try {
                c.disconnect();
            } catch (RuntimeException ignored) {
                // already gone
            }
        }
        server.close();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
