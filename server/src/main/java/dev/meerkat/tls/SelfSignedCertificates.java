package dev.meerkat.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates (once) a self-signed certificate for the served domains so that a fresh install speaks TLS
 * without any setup. Clients will not trust it; it is meant for trying the server out and for tests.
 *
 * <p>The certificate has an RSA 2048 key, is valid for ten years, has CN = the first host and, per
 * host, the SubjectAltNames {@code host}, {@code *.host} (component subdomains such as muc. and
 * pubsub.) and an {@code id-on-xmppAddr} otherName (RFC 6120 §13.7.1.4).
 */
public final class SelfSignedCertificates {
    public static final String CERTIFICATE_FILE = "selfsigned.crt";
    public static final String KEY_FILE = "selfsigned.key";

    /** id-on-xmppAddr, RFC 6120 §13.7.1.4. */
    static final ASN1ObjectIdentifier ID_ON_XMPP_ADDR = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.5");
    static final Duration VALIDITY = Duration.ofDays(3650);

    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificates.class);
    // Tolerates clients whose clock is somewhat behind ours.
    private static final Duration BACKDATING = Duration.ofDays(1);

    private final Clock clock;
    private final SecureRandom random;

    public SelfSignedCertificates(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    public SelfSignedCertificates() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    /**
     * The self-signed certificate and key in {@code dir}, generated for {@code hosts} if neither file
     * exists yet. Existing files are reused as they are.
     *
     * @throws IllegalArgumentException if {@code hosts} is empty or only one of the two files exists
     * @throws UncheckedIOException     if the files cannot be written
     */
    public CertificateFiles ensure(Path dir, List<String> hosts) {
        List<String> names = normalise(hosts);
        CertificateFiles files = new CertificateFiles(dir.resolve(CERTIFICATE_FILE), dir.resolve(KEY_FILE));
        boolean haveCert = Files.exists(files.certificateChain());
        boolean haveKey = Files.exists(files.privateKey());
        if (haveCert && haveKey) {
            warnIfHostsMissing(files.certificateChain(), names);
            return files;
        }
        if (haveCert || haveKey) {
            throw new IllegalArgumentException((haveCert ? files.privateKey() : files.certificateChain())
                    + ": file does not exist, but " + (haveCert ? files.certificateChain() : files.privateKey())
                    + " does; remove it to have both generated again");
        }
        try {
            generate(files, names);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a self-signed certificate to " + dir, e);
        }
        LOG.warn("Generated a self-signed TLS certificate for {} at {} (key: {}); clients will not trust it. "
                + "Configure a certificate from a CA for production use.", names, files.certificateChain(),
                files.privateKey());
        return files;
    }

    private void generate(CertificateFiles files, List<String> hosts) throws IOException {
        Files.createDirectories(files.certificateChain().toAbsolutePath().getParent());
        KeyPair keyPair;
        X509Certificate certificate;
        try {
            keyPair = newKeyPair();
            certificate = newCertificate(keyPair, hosts);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create a self-signed certificate", e);
        }
        // The key first: a certificate without key would block the next start, a key alone is retried.
        writeAtomically(files.privateKey(), pem(new JcaPKCS8Generator(keyPair.getPrivate(), null)), true);
        writeAtomically(files.certificateChain(), pem(certificate), false);
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        // RSA rather than EC: some clients still in use mishandle EC certificates (Smack's
        // tls-server-end-point binding fails on ECDSA signatures).
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        return generator.generateKeyPair();
    }

    private X509Certificate newCertificate(KeyPair keyPair, List<String> hosts)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = clock.instant();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, hosts.get(0)).build();
        // Positive and non-zero, at most 20 octets (RFC 5280 §4.1.2.2).
        BigInteger serial = new BigInteger(127, random).setBit(126);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial,
                Date.from(now.minus(BACKDATING)), Date.from(now.plus(VALIDITY)), subject, keyPair.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                // clientAuth too: server-to-server connections present the same certificate outbound.
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(keyPair.getPublic()))
                .addExtension(Extension.subjectAlternativeName, false, subjectAltNames(hosts));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keyPair.getPrivate())));
    }

    private static GeneralNames subjectAltNames(List<String> hosts) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hosts) {
            names.add(new GeneralName(GeneralName.dNSName, host));
            names.add(new GeneralName(GeneralName.dNSName, "*." + host));
            names.add(new GeneralName(GeneralName.otherName,
                    new OtherName(ID_ON_XMPP_ADDR, new DERUTF8String(host))));
        }
        return new GeneralNames(names.toArray(GeneralName[]::new));
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof JcaPKCS8Generator generator ? generator.generate() : object);
        }
        return out.toString();
    }

    /** Writes via a temporary file so that a crash never leaves half a PEM file behind. */
    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"))}
                : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(dir, target.getFileName().toString(), ".tmp", attributes);
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException(target + " appeared while it was being generated", e);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static List<String> normalise(List<String> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a self-signed certificate needs at least one host");
        }
        List<String> names = new ArrayList<>();
        for (String host : hosts) {
            String name = host.trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || name.startsWith("*.")) {
                throw new IllegalArgumentException("not a host name for a certificate: \"" + host + "\"");
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static void warnIfHostsMissing(Path certificateFile, List<String> hosts) {
        X509Certificate certificate = PemFiles.readCertificateChain(certificateFile).get(0);
        Set<String> dnsNames = new HashSet<>();
        try {
            Collection<List<?>> altNames = certificate.getSubjectAlternativeNames();
            if (altNames != null) {
                for (List<?> altName : altNames) {
                    if (Integer.valueOf(GeneralName.dNSName).equals(altName.get(0))) {
                        dnsNames.add(((String) altName.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // Treated like a certificate without names: the warning below tells the operator.
        }
        List<String> missing = hosts.stream().filter(host -> !dnsNames.contains(host)).toList();
        if (!missing.isEmpty()) {
            LOG.warn("The existing self-signed certificate {} does not name {}; delete it and {} to have a new one "
                    + "generated", certificateFile, missing, KEY_FILE);
        }
    }
}
