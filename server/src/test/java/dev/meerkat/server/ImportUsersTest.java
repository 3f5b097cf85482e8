package dev.meerkat.server;

import dev.meerkat.auth.AuthService;
import dev.meerkat.auth.ScramHash;
import dev.meerkat.auth.jdbc.JdbcUserStore;
import dev.meerkat.jid.Jid;
import dev.meerkat.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code meerkat import-users}: CSV accounts become SCRAM accounts in the configured database. */
class ImportUsersTest {
    @TempDir
    Path dir;

    @Test
    void csvAccountsCanLogInAfterTheImport() throws Exception {
        Path data = dir.resolve("data");
        Path config = dir.resolve("meerkat.toml");
        Files.writeString(config, """
                [general]
                  hosts = ["example.org"]
                  data_dir = "%s"
                [auth]
                  password.scram_iterations = 4096
                """.formatted(data.toString().replace("\\", "\\\\")));
        Path csv = dir.resolve("users.csv");
        Files.writeString(csv, """
                # user,domain,password
                alice,example.org,wonder,land
                Bob,EXAMPLE.org,b-pass

                carol,elsewhere.net,c-pass
                broken line
                alice,example.org,second-try
                """);

        int exit = new CommandLine(new Main()).execute("import-users", "--config", config.toString(), "--file", csv.toString());

        assertThat(exit).isEqualTo(1); // two bad lines
        try (Database db = new Database(null, data)) {
            AuthService auth = new AuthService(new JdbcUserStore(db), 4096, new SecureRandom());
            assertThat(auth.checkPassword(Jid.parse("alice@example.org"), "wonder,land")).isTrue();
            assertThat(auth.checkPassword(Jid.parse("bob@example.org"), "b-pass")).isTrue();
            assertThat(auth.scram("bob", "example.org", ScramHash.SHA512)).isPresent();
            assertThat(auth.userExists(Jid.parse("carol@elsewhere.net"))).isFalse();
            assertThat(auth.countUsers("example.org")).isEqualTo(2);
        }
    }
}
