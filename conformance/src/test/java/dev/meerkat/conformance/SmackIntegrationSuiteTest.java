package dev.meerkat.conformance;

import dev.meerkat.config.ConfigLoader;
import dev.meerkat.server.MeerkatServer;
import org.igniterealtime.smack.inttest.Configuration;
import org.igniterealtime.smack.inttest.FailedTest;
import org.igniterealtime.smack.inttest.SmackIntegrationTestFramework;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Smack's integration test framework (SINT), the suite Openfire and ejabberd run in their CI,
 * against a Meerkat node started here. Test accounts are made by in-band registration from
 * loopback. A failing test not listed in {@code known-failures.txt} fails the build; a listed test
 * that now passes is reported so that the list shrinks.
 */
class SmackIntegrationSuiteTest {
    /** SINT connects to the standard port; it has no setting for another. */
    private static final int C2S_PORT = 5222;
    private static final String ADMIN_PASSWORD = "sint-admin-pass";

    @Test
    void conformanceSuiteHasNoNewFailures() throws Exception {
        // Another loopback address (MEERKAT_SINT_IP, e.g. 127.0.0.2) lets two runs share a machine.
        String ip = System.getenv().getOrDefault("MEERKAT_SINT_IP", "127.0.0.1");
        try (ServerSocket probe = new ServerSocket(C2S_PORT, 1, InetAddress.getByName(ip))) {
            probe.close();
        } catch (IOException e) {
            throw new IllegalStateException(ip + ":" + C2S_PORT + " is taken: stop the local Meerkat (or other XMPP server) first, or set MEERKAT_SINT_IP", e);
        }
        Path data = Files.createTempDirectory("meerkat-sint");
        String toml = Files.readString(Path.of("src/test/resources/sint.toml")).replace("@DATA_DIR@", data.toString()).replace("@IP@", ip);
        try (MeerkatServer server = MeerkatServer.start(ConfigLoader.parse(toml, "sint.toml"))) {
            System.setProperty("sinttest.service", "localhost");
            System.setProperty("sinttest.host", ip);
            System.setProperty("sinttest.securityMode", "required");
            // SINT's own pinning option is not honoured by Smack 4.5's TCP connection (it re-initialises the
            // SSL context with the default trust managers), so the certificate goes into the default trust store.
            trustInDefaultStore(MeerkatServer.selfSignedDir(data).resolve("selfsigned.crt"), data);
            // generous: CI shares two cores between the suite, the server and the build
            System.setProperty("sinttest.replyTimeout", "20000");
            // Only Smack's classic TCP connection: the modular one stalls in its own TLS layer about one
            // connect in seven here, and the WebSocket ones need XEP-0156 discovery (docs/conformance.md).
            System.setProperty("sinttest.disabledConnections", "modular,modular-nocompress,modular-websocket-okhttp,modular-websocket-java11");
            System.setProperty("sinttest.disabledTests", "ModularXmppClientToServerConnectionLowLevelIntegrationTest");
            System.setProperty("sinttest.dnsResolver", "javax");
            // Default: test accounts by in-band registration (XEP-0077), as Openfire's and ejabberd's CI do.
            // "admin": through XEP-0133 add-user/delete-user run by the [acl] admin of sint.toml.
            if ("admin".equals(System.getProperty("meerkat.sint.registration", System.getenv("MEERKAT_SINT_REGISTRATION")))) {
                server.services().auth().register(dev.meerkat.jid.Jid.parse("sint-admin@localhost"), ADMIN_PASSWORD);
                System.setProperty("sinttest.adminAccountUsername", "sint-admin");
                System.setProperty("sinttest.adminAccountPassword", ADMIN_PASSWORD);
            }
            String only = System.getProperty("meerkat.sint.enabledTests", System.getenv("MEERKAT_SINT_TESTS"));
            if (only != null && !only.isBlank()) System.setProperty("sinttest.enabledTests", only);
            UnknownExtensions.register();
            // The OMEMO classes run only with an OmemoService registered; the Signal one is what
            // Conversations-compatible clients use (its GPL licence must be acknowledged in code).
            org.jivesoftware.smackx.omemo.signal.SignalOmemoService.acknowledgeLicense();
            // Smack's OMEMO cipher initialises AES-GCM with an IvParameterSpec, which the JDK's provider
            // refuses; appended last, Bouncy Castle takes only what the JDK refuses, so the server's own
            // TLS in this JVM keeps the JDK's AES-GCM.
            java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
            org.jivesoftware.smackx.omemo.signal.SignalOmemoService.setup();
            Configuration config = Configuration.newConfiguration(new String[0]);
            SmackIntegrationTestFramework.TestRunResult result = new SmackIntegrationTestFramework(config).run();

            Map<String, String> failed = new LinkedHashMap<>();
            for (FailedTest f : result.getFailedTests()) {
                failed.put(name(f.concreteTest.getMethod()), String.valueOf(f.failureReason));
            }
            result.getImpossibleTestClasses().forEach((cls, why) -> failed.put(cls.getSimpleName() + ".*", String.valueOf(why)));
            Map<String, String> known = KnownFailures.read(Path.of(System.getProperty("meerkat.conformance.knownFailures", "known-failures.txt")));

            List<String> newFailures = new ArrayList<>();
            failed.forEach((test, why) -> { if (!known.containsKey(test)) newFailures.add(test + " — " + why); });
            TreeSet<String> nowPassing = new TreeSet<>();
            for (var ok : result.getSuccessfulTests()) {
                String n = name(ok.concreteTest.getMethod());
                if (known.containsKey(n)) nowPassing.add(n);
            }
            String report = "SINT: " + result.getSuccessfulTests().size() + " passed, " + failed.size() + " failed ("
                    + (failed.size() - newFailures.size()) + " known), " + result.getNotPossibleTests().size() + " not possible\n"
                    + "new failures:\n  " + String.join("\n  ", newFailures) + "\n"
                    + "listed as known failures but passing now (remove them from known-failures.txt):\n  " + String.join("\n  ", nowPassing) + "\n"
                    + "all failures:\n  " + String.join("\n  ", failed.entrySet().stream()
                            .map(e -> e.getKey() + " — " + abbreviate(e.getValue())).toList()) + "\n";
            System.out.println(report);
            Path out = Path.of(System.getProperty("meerkat.conformance.report", "target/sint-report.txt"));
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            assertThat(newFailures).as("SINT tests failing that are not in known-failures.txt").isEmpty();
        }
    }

    private static String abbreviate(String s) {
        String one = s.replace('\n', ' ');
        return one.length() <= 240 ? one : one.substring(0, 240) + "…";
    }

    private static String name(java.lang.reflect.Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    private static void trustInDefaultStore(Path certificate, Path dir) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            ks.setCertificateEntry("meerkat", (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        Path store = dir.resolve("sint-truststore.p12");
        try (var out = Files.newOutputStream(store)) {
            ks.store(out, "changeit".toCharArray());
        }
        System.setProperty("javax.net.ssl.trustStore", store.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
    }
}
