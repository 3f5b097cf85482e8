package dev.meerkat.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One {@code [[listen.c2s]]} entry.
 *
 * @param port            required, 1..65535
 * @param ipAddress       {@code ip_address}, default {@code "0.0.0.0"} (also accepts IPv6 literals)
 * @param tlsMode         {@code tls.mode}: {@code starttls} (default), {@code starttls_required} or {@code tls} (direct TLS, XEP-0368)
 * @param certFile        {@code tls.certfile}, PEM certificate chain; null means "generate a self-signed one"
 * @param keyFile         {@code tls.keyfile}, PEM PKCS#8 private key; required when certfile is set
 * @param maxStanzaSize   {@code max_stanza_size} in bytes, default 65536 (1024..16 MiB)
 * @param shaper          {@code shaper}: name of a {@code [shaper.NAME]} entry, or null for none
 * @param stateTimeout    {@code state_timeout} (milliseconds in TOML): time allowed to authenticate and bind, default 60 s
 * @param maxConnections  {@code max_connections}, default 10000
 * @param backlog         {@code backlog}, default 1024
 * @param allowPlainWithoutTls {@code allow_plain_without_tls}: offer SASL PLAIN on an unencrypted stream, default false
 */
public record C2sListenerConfig(int port, String ipAddress, TlsMode tlsMode, Path certFile, Path keyFile,
                                int maxStanzaSize, String shaper, Duration stateTimeout, int maxConnections,
                                int backlog, boolean allowPlainWithoutTls) {
    public enum TlsMode { STARTTLS, STARTTLS_REQUIRED, TLS }
}
