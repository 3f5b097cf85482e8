package dev.meerkat.tls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a PEM certificate chain (leaf first) and its private key are, as
 * {@link TlsContexts#serverContext(Path, Path)} takes them.
 */
public record CertificateFiles(Path certificateChain, Path privateKey) {
    public CertificateFiles {
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
