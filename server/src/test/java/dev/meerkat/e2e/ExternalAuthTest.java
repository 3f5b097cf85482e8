package dev.meerkat.e2e;

import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The external method against a real extauth script (Python) speaking the ejabberd protocol. */
class ExternalAuthTest {
    /** Knows alice/secret and bob (any password "b"), logs every request to a file, answers "no" otherwise. */
    private static final String SCRIPT = """
            #!/usr/bin/env python3
            import struct, sys, os
            log = open(os.environ.get('EXTAUTH_LOG', '/dev/null'), 'a')
            users = {'alice': 'secret', 'bob': 'b'}
            while True:
                head = sys.stdin.buffer.read(2)
                if len(head) < 2:
                    break
                (n,) = struct.unpack('>H', head)
                parts = sys.stdin.buffer.read(n).decode('utf-8').split(':', 3)
                log.write(':'.join(parts[:2]) + '\\n'); log.flush()
                op = parts[0]
                if op == 'crash':
                    sys.exit(1)
                if op == 'auth':
                    if parts[1] == 'slow':
                        import time; time.sleep(5)
                    if parts[1] == 'dies':
                        sys.exit(3)
                    ok = users.get(parts[1]) == parts[3]
                elif op == 'isuser':
                    ok = parts[1] in users
                elif op == 'tryregister':
                    ok = parts[1] not in users
                    users[parts[1]] = parts[3]
                else:
                    ok = False
                sys.stdout.buffer.write(struct.pack('>HH', 2, 1 if ok else 0)); sys.stdout.buffer.flush()
            """;

    @TempDir
    Path dir;

    private ServerFixture fx;

    private ServerFixture start(String program) throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults().auth("""
                methods = ["external"]
                [auth.external]
                  program = "%s"
                  instances = 2
                  timeout = 1000
                """.formatted(program)));
        return fx;
    }

    private Path script() throws Exception {
        Path p = dir.resolve("extauth.py");
        Files.writeString(p, SCRIPT);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void theScriptDecidesAndOnlyPlainIsOffered() throws Exception {
        start(script().toString());

        XMPPTCPConnection c = fx.login("alice", "secret", "x");
        assertThat(c.getUsedSaslMechansism()).isEqualTo("PLAIN");
        assertThatThrownBy(() -> fx.login("alice", "wrong", "y"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.not_authorized));
        assertThat(fx.server.services().auth().userExists(dev.meerkat.jid.Jid.parse("bob@localhost"))).isTrue();
        assertThat(fx.server.services().auth().userExists(dev.meerkat.jid.Jid.parse("carol@localhost"))).isFalse();
    }

    @Test
    void aScriptThatDiesIsStartedAgain() throws Exception {
        start(script().toString());

        assertThatThrownBy(() -> fx.login("dies", "x", "y")).isInstanceOf(SASLErrorException.class);
        XMPPTCPConnection c = fx.login("alice", "secret", "x");
        assertThat(c.isAuthenticated()).isTrue();
    }

    @Test
    void aSlowScriptCountsAsNo() throws Exception {
        start(script().toString());

        assertThatThrownBy(() -> fx.login("slow", "x", "y"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.not_authorized));
        // the killed copy is replaced
        assertThat(fx.login("alice", "secret", "x").isAuthenticated()).isTrue();
    }

    @Test
    void aScriptThatCannotRunIsATemporaryFailure() throws Exception {
        start(dir.resolve("missing-script").toString());

        assertThatThrownBy(() -> fx.login("alice", "secret", "y"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.temporary_auth_failure));
    }
}
