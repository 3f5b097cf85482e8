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
    private final Settings settings;
    public final Path dataDir;
    public final MeerkatServer server;
    public final int starttlsPort;
    public final int directTlsPort;
    private final X509TrustManager trust;
    private final List<XMPPTCPConnection> connections = new ArrayList<>();

    /**
     * What the generated config contains besides ports and data dir.
     *
     * @param hosts    served domains
     * @param general  extra lines for [general]
     * @param listener extra lines for each [[listen.c2s]]
     * @param modules  module sections (the default set unless replaced)
     * @param extra    anything appended at the end
     * @param auth     extra lines for [auth] (methods, sasl_mechanisms), before its sub-tables
     */
    public record Settings(List<String> hosts, String general, String listener, String modules, String extra,
                           String auth) {
        public static final String DEFAULT_MODULES = """
                [modules.mod_disco]
                [modules.mod_ping]
                [modules.mod_version]
                [modules.mod_time]
                [modules.mod_register]
                """;

        public static Settings defaults() { return new Settings(List.of("localhost"), "", "", DEFAULT_MODULES, "", ""); }

        public Settings auth(String a) { return new Settings(hosts, general, listener, modules, extra, a); }

        public Settings hosts(String... h) { return new Settings(List.of(h), general, listener, modules, extra, auth); }

        public Settings general(String g) { return new Settings(hosts, g, listener, modules, extra, auth); }

        public Settings listener(String l) { return new Settings(hosts, general, l, modules, extra, auth); }

        public Settings modules(String m) { return new Settings(hosts, general, listener, m, extra, auth); }

        public Settings extra(String e) { return new Settings(hosts, general, listener, modules, e, auth); }
    }

    public ServerFixture() throws Exception {
        this(Settings.defaults());
    }

    /** @param extraToml appended to the generated config (more modules, options) */
    public ServerFixture(String extraToml) throws Exception {
        this(Settings.defaults().extra(extraToml));
    }

    public ServerFixture(Settings settings) throws Exception {
        this(settings, Files.createTempDirectory("meerkat-e2e"), freePort(), freePort());
    }

    private ServerFixture(Settings settings, Path dataDir, int starttlsPort, int directTlsPort) throws Exception {
        this.settings = settings;
        this.dataDir = dataDir;
        this.starttlsPort = starttlsPort;
        this.directTlsPort = directTlsPort;
        server = MeerkatServer.start(ConfigLoader.parse(toml(), "e2e.toml"));
        trust = trusting(MeerkatServer.selfSignedDir(dataDir));
    }

    /**
     * Stops this server (if still running), keeping its data directory, and starts a new one with the
     * same config on the same ports. Close the returned fixture instead of this one.
     */
    public ServerFixture restart() throws Exception {
        disconnectAll();
        server.close();
        return new ServerFixture(settings, dataDir, starttlsPort, directTlsPort);
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

    /** Stops the server but keeps the data directory (for {@link #restart()}). */
    public void stopServer() {
        server.close();
    }

    private String toml() {
        String hostList = String.join(", ", settings.hosts().stream().map(h -> "\"" + h + "\"").toList());
        return """
                [general]
                  hosts = [%s]
                  data_dir = "%s"
                %s
                [[listen.c2s]]
                  port = %d
                  ip_address = "127.0.0.1"
                  tls.mode = "starttls"
                %s
                [[listen.c2s]]
                  port = %d
                  ip_address = "127.0.0.1"
                  tls.mode = "tls"
                %s
                [auth]
                  password.scram_iterations = 4096
                  throttle.failures = 1000
                %s
                """.formatted(hostList, dataDir.toString().replace("\\", "\\\\"), settings.general(),
                starttlsPort, settings.listener(), directTlsPort, settings.listener(), settings.auth())
                + settings.modules() + settings.extra() + opsListeners();
    }

    /** The admin API and metrics listeners on free ports, unless the test configures them itself. */
    private String opsListeners() {
        String ops = "";
        if (!settings.extra().contains("[admin_api]")) ops += "\n[admin_api]\n  port = 0\n";
        if (!settings.extra().contains("[metrics]")) ops += "\n[metrics]\n  port = 0\n";
        return ops;
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

    public X509TrustManager trustManager() { return trust; }

    /** A fresh context each time: Smack re-initialises the contexts it is given. */
    public SSLContext sslContext() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trust}, null);
        return ctx;
    }

    /** Creates an account directly through the account service (fast; registration is tested on its own). */
    public void createUser(String user, String password) {
        createUser(user, settings.hosts().get(0), password);
    }

    public void createUser(String user, String domain, String password) {
        server.services().auth().register(Jid.of(user, domain, null), password);
    }

    /** A STARTTLS connection configuration, TLS required. */
    public XMPPTCPConnectionConfiguration.Builder starttls() throws Exception {
        return starttls(settings.hosts().get(0));
    }

    public XMPPTCPConnectionConfiguration.Builder starttls(String domain) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setPort(starttlsPort)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(trust);
    }

    /** A direct TLS connection (XEP-0368): TLS from the first byte, no STARTTLS. */
    public XMPPTCPConnectionConfiguration.Builder directTls() throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(settings.hosts().get(0))
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

    @Override
    public void close() throws IOException {
        disconnectAll();
        server.close();
        deleteData();
    }

    /** Removes the data directory (when a restarted fixture took over, close that one instead). */
    private void deleteData() throws IOException {
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
