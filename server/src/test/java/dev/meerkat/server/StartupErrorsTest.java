package dev.meerkat.server;

import dev.meerkat.config.ConfigException;
import dev.meerkat.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad configuration stops start-up with a message that names the key; nothing is left running. */
class StartupErrorsTest {
    @TempDir Path dir;

    private String config(String modules) {
        return """
                [general]
                  hosts = ["localhost"]
                  data_dir = "%s"
                """.formatted(dir.resolve("var").toString().replace("\\", "\\\\")) + modules;
    }

    @Test
    void unknownModuleOptionNamesTheKey() {
        String toml = config("[modules.mod_ping]\n  colour = \"blue\"\n");
        assertThatThrownBy(() -> MeerkatServer.start(ConfigLoader.parse(toml, "m.toml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("modules.mod_ping")
                .hasMessageContaining("colour");
    }

    @Test
    void unknownModuleIsNamedWithTheKnownOnes() {
        String toml = config("[modules.mod_telepathy]\n");
        assertThatThrownBy(() -> MeerkatServer.start(ConfigLoader.parse(toml, "m.toml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("mod_telepathy")
                .hasMessageContaining("mod_ping");
    }

    @Test
    void badModuleOptionValueNamesTheKey() {
        String toml = config("[modules.mod_register]\n  ip_access = [{address = \"not-an-ip\", policy = \"allow\"}]\n");
        assertThatThrownBy(() -> MeerkatServer.start(ConfigLoader.parse(toml, "m.toml")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("modules.mod_register.ip_access[0].address");
    }

    @Test
    void runCommandPrintsTheErrorAndExitsWithTwo() throws Exception {
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, "[general]\n  hosts = [\"localhost\"]\n  max_user_sessions = \"many\"\n");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new Main());
        cmd.setErr(new PrintWriter(err));
        java.io.PrintStream oldErr = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = cmd.execute("run", "--config", file.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertThat(code).isEqualTo(2);
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("configuration error").contains("general.max_user_sessions").contains("line 3");
    }
}
