package dev.meerkat.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificatesTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir Path dir;

    private final SelfSignedCertificates generator =
            new SelfSignedCertificates(Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());

    @Test
    void generatesCertificateWithDnsAndXmppAddrNames() throws Exception {
        CertificateFiles files = generator.ensure(dir, List.of("example.org", "Chat.Example.NET"));

        assertThat(files.certificateChain()).isEqualTo(dir.resolve("selfsigned.crt"));
        assertThat(files.privateKey()).isEqualTo(dir.resolve("selfsigned.key"));
        X509Certificate certificate = PemFiles.readCertificateChain(files.certificateChain()).get(0);
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=example.org");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(certificate.getNotAfter().toInstant()).isAfter(NOW.plus(Duration.ofDays(3640)))
                .isBefore(NOW.plus(Duration.ofDays(3660)));
        assertThat(certificate.getNotBefore().toInstant()).isBeforeOrEqualTo(NOW);

        // JDK view of the dNSNames.
        List<String> dnsNames = new ArrayList<>();
        for (List<?> altName : certificate.getSubjectAlternativeNames()) {
            if (altName.get(0).equals(2)) {
                dnsNames.add((String) altName.get(1));
            }
        }
        assertThat(dnsNames).containsExactly("example.org", "*.example.org", "chat.example.net",
                "*.chat.example.net");

        // BouncyCastle view of the otherNames: id-on-xmppAddr with a UTF8String.
        GeneralNames names = GeneralNames.fromExtensions(
                new X509CertificateHolder(certificate.getEncoded()).getExtensions(),
                Extension.subjectAlternativeName);
        List<String> xmppAddrs = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            if (name.getTagNo() == GeneralName.otherName) {
                OtherName otherName = OtherName.getInstance(name.getName());
                assertThat(otherName.getTypeID().getId()).isEqualTo("1.3.6.1.5.5.7.8.5");
                ASN1Encodable value = otherName.getValue();
                assertThat(value).isInstanceOf(ASN1UTF8String.class);
                xmppAddrs.add(((ASN1UTF8String) value).getString());
            }
        }
        assertThat(xmppAddrs).containsExactly("example.org", "chat.example.net");
    }

    @Test
    void keyMatchesCertificateAndIsPrivate() throws Exception {
        CertificateFiles files = generator.ensure(dir, List.of("example.org"));

        X509Certificate certificate = PemFiles.readCertificateChain(files.certificateChain()).get(0);
        PemFiles.checkKeyMatches(PemFiles.readPrivateKey(files.privateKey()), certificate,
                files.privateKey(), files.certificateChain());
        assertThat(Files.readString(files.privateKey())).startsWith("-----BEGIN PRIVATE KEY-----");
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
            assertThat(Files.getPosixFilePermissions(files.privateKey()))
                    .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        }
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(path -> path.getFileName().toString()))
                    .containsExactlyInAnyOrder("selfsigned.crt", "selfsigned.key");
        }
    }

    @Test
    void reusesExistingFiles() throws Exception {
        CertificateFiles first = generator.ensure(dir, List.of("example.org"));
        String certificate = Files.readString(first.certificateChain());
        String key = Files.readString(first.privateKey());

        CertificateFiles second = generator.ensure(dir, List.of("example.org"));

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(second.certificateChain())).isEqualTo(certificate);
        assertThat(Files.readString(second.privateKey())).isEqualTo(key);
    }

    @Test
    void refusesToOverwriteWhenOnlyOneFileExists() throws Exception {
        CertificateFiles files = generator.ensure(dir, List.of("example.org"));
        Files.delete(files.privateKey());

        assertThatThrownBy(() -> generator.ensure(dir, List.of("example.org")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(files.privateKey().toString());
    }

    @Test
    void createsMissingDirectory() {
        Path nested = dir.resolve("data/tls");

        CertificateFiles files = generator.ensure(nested, List.of("example.org"));

        assertThat(files.certificateChain()).exists();
        assertThat(files.privateKey()).exists();
    }

    @Test
    void needsAHost() {
        assertThatThrownBy(() -> generator.ensure(dir, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
