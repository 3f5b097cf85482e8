package dev.meerkat.dist;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The tarball as an operator gets it: unpacked, started in the background, queried, stopped. */
class TarballTest {
    @TempDir Path dir;
    private Path root;

    record Run(int code, String output) {}

    private Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s finished", List.of(command)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @AfterEach
    void stopIfLeftRunning() throws Exception {
        if (root != null && Files.exists(root.resolve("var/meerkat.pid"))) run(Map.of(), "bin/meerkat", "stop");
    }

    @Test
    void unpacksStartsAnswersAndStops() throws Exception {
        Path tarball = Path.of(System.getProperty("meerkat.tarball"));
        assertThat(tarball).exists();
        Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", dir.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        root = dir.resolve("meerkat-" + System.getProperty("meerkat.version"));
        for (String f : List.of("bin/meerkat", "bin/meerkatctl", "conf/meerkat.toml", "conf/logback.xml",
                "conf/logback-json.xml", "systemd/meerkat.service")) {
            assertThat(root.resolve(f)).exists();
        }
        assertThat(Files.isExecutable(root.resolve("bin/meerkat"))).isTrue();
        try (var libs = Files.list(root.resolve("lib"))) {
            assertThat(libs.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("meerkat-server-")).anyMatch(n -> n.startsWith("netty-"));
        }

        int admin = freePort();
        int metrics = freePort();
        String toml = Files.readString(root.resolve("conf/meerkat.toml"))
                .replace("port = 5222", "port = " + freePort())
                .replace("port = 5223", "port = " + freePort())
                .replace("port = 5280", "port = " + freePort())
                .replace("ip_address = \"0.0.0.0\"", "ip_address = \"127.0.0.1\"");
        toml = toml.replaceAll("(?s)\\[admin_api\\].*?(?=\\n\\[|$)", "[admin_api]\n  port = " + admin + "\n")
                .replaceAll("(?s)\\[metrics\\].*?(?=\\n\\[|$)", "[metrics]\n  port = " + metrics + "\n");
        Files.writeString(root.resolve("conf/test.toml"), toml);
        Map<String, String> env = Map.of("MEERKAT_CONFIG", "conf/test.toml", "MEERKAT_LOG_FORMAT", "json");

        assertThat(run(env, "bin/meerkat", "status").code()).isEqualTo(3);
        Run start = run(env, "bin/meerkat", "start");
        assertThat(start.code()).as(start.output()).isZero();
        assertThat(start.output()).contains("started (pid");
        assertThat(root.resolve("var/meerkat.pid")).exists();

        Map<String, String> ctlEnv = Map.of("MEERKAT_ADMIN_URL", "http://127.0.0.1:" + admin);
        await().atMost(60, TimeUnit.SECONDS).pollInterval(200, TimeUnit.MILLISECONDS)
                .until(() -> run(ctlEnv, "bin/meerkatctl", "stat", "stats").code() == 0);
        Run reg = run(ctlEnv, "bin/meerkatctl", "account", "registerUser", "--domain", "localhost",
                "--username", "tar", "--password", "pw");
        assertThat(reg.output()).contains("User tar@localhost registered");
        assertThat(run(ctlEnv, "bin/meerkatctl", "account", "countUsers", "--domain", "localhost").output().strip()).isEqualTo("1");

        Run status = run(env, "bin/meerkat", "status");
        assertThat(status.code()).isZero();
        assertThat(status.output()).contains("running (pid");
        // JSON logs were asked for: every line the node wrote is one JSON object
        String log = Files.readString(root.resolve("log/meerkat.log"));
        assertThat(log.lines().filter(l -> !l.isBlank()).toList()).isNotEmpty().allMatch(l -> l.startsWith("{"));
        assertThat(log).contains("Meerkat");

        Run stop = run(env, "bin/meerkat", "stop");
        assertThat(stop.code()).as(stop.output()).isZero();
        assertThat(stop.output()).contains("stopped");
        assertThat(run(env, "bin/meerkat", "status").code()).isEqualTo(3);
        assertThat(run(ctlEnv, "bin/meerkatctl", "stat", "stats").code()).isEqualTo(3);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
