package dev.meerkat.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * A random secret kept under the data directory, made at first start. SCRAM derives the fake
 * salts of unknown users from it, so they stay the same across restarts and cannot be told apart
 * from real accounts.
 */
final class ServerSecret {
    private static final int LENGTH = 32;

    private ServerSecret() {}

    static byte[] loadOrCreate(Path dataDir, SecureRandom random) throws IOException {
        Path file = dataDir.resolve("server.secret");
        if (Files.exists(file)) {
            byte[] secret = Files.readAllBytes(file);
            if (secret.length != LENGTH) throw new IOException(file + " is damaged: expected " + LENGTH + " bytes");
            return secret;
        }
        byte[] secret = new byte[LENGTH];
        random.nextBytes(secret);
        Path tmp = Files.createTempFile(dataDir, "server.secret", ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own protection applies
        }
        Files.write(tmp, secret);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return secret;
    }
}
