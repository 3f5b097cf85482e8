package dev.meerkat.load.scenario;

import dev.meerkat.config.ConfigLoader;
import dev.meerkat.load.LoadConfig;
import dev.meerkat.load.Main;
import dev.meerkat.load.TlsMode;
import dev.meerkat.load.sasl.Mechanism;
import dev.meerkat.load.stats.CpuClock;
import dev.meerkat.server.MeerkatServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against a real Meerkat on loopback: 10 users register, log in, chat, and meet in rooms. */
class ScenariosAgainstMeerkatTest {
    private static Path dataDir;
    private static MeerkatServer server;
    private static LoadConfig base;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("meerkat-load-it");
        String toml = """
                [general]
                  hosts = ["localhost"]
                  data_dir = "%s"
                  loglevel = "warning"
                [[listen.c2s]]
                  port = %d
                  ip_address = "127.0.0.1"
                  tls.mode = "starttls"
                  allow_plain_without_tls = true
                [auth]
                  password.scram_iterations = 4096
                  throttle.failures = 100000
                [modules.mod_register]
                  ip_access = [{address = "127.0.0.0/8", policy = "allow"}]
                [modules.mod_muc]
                [admin_api]
                  enabled = false
                [metrics]
                  enabled = false
                """.formatted(dataDir.toString().replace("\\", "\\\\"), freePort());
        server = MeerkatServer.start(ConfigLoader.parse(toml, "load-it.toml"));
        base = LoadConfig.defaults("127.0.0.1", server.c2sPorts().get(0), "localhost").withUsers(10)
                .withDuration(Duration.ofSeconds(2));
        RunResult registered = run(base.withRegister(true), ScenarioKind.IDLE, true);
        assertThat(registered.getLong("logged_in")).isEqualTo(10);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
        try (var walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static RunResult run(LoadConfig c, ScenarioKind kind, boolean idleShort) throws Exception {
        LoadConfig cfg = idleShort ? c.withDuration(Duration.ofMillis(200)) : c;
        return Main.run(cfg, kind, new CpuClock(), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void loginOverStartTlsWithScram() throws Exception {
        RunResult r = run(base, ScenarioKind.LOGIN, false);
        assertThat(r.getLong("ok")).isPositive();
        assertThat(r.getLong("errors")).isZero();
        assertThat(r.getLong("scram_derivations")).isEqualTo(10);  // one per user, however many logins
        assertThat(r.getLong("ok")).isGreaterThan(10);
    }

    @Test
    void loginInClearWithPlain() throws Exception {
        RunResult r = run(base.withTls(TlsMode.NONE, Mechanism.PLAIN), ScenarioKind.LOGIN, false);
        assertThat(r.getLong("ok")).isPositive();
        assertThat(r.getLong("errors")).isZero();
    }

    @Test
    void aWrongPasswordIsCountedAsASaslFailure() throws Exception {
        LoadConfig wrong = new LoadConfig(base.host(), base.port(), base.domain(), 2, base.userPrefix(), "wrong",
                TlsMode.NONE, Mechanism.SCRAM_SHA_256, Duration.ofMillis(300), 0, 2, 2, base.loginTimeout(), base.grace(),
                base.resource(), 1, 0, 0, false, 1, 0, null, 1, 2, "muc.localhost", Duration.ZERO, java.util.List.of());
        RunResult r = run(wrong, ScenarioKind.LOGIN, false);
        assertThat(r.getLong("ok")).isZero();
        assertThat(r.get("error_kinds")).contains("sasl:not-authorized");
    }

    @Test
    void chatDeliversEveryMessage() throws Exception {
        RunResult r = run(base.withRate(200), ScenarioKind.CHAT, false);
        assertThat(r.getLong("logged_in")).isEqualTo(10);
        assertThat(r.getLong("sent")).isPositive();
        assertThat(r.getLong("delivered")).isEqualTo(r.getLong("sent"));
        assertThat(r.getLong("lost")).isZero();
        assertThat(r.getLong("duplicates")).isZero();
        assertThat(r.getLong("errors")).isZero();
    }

    @Test
    void chatWarmUpIsSentFirstAndLeftOutOfTheMeasuredFigures() throws Exception {
        RunResult r = run(base.withRate(200).withWarmup(Duration.ofMillis(500)), ScenarioKind.CHAT, false);
        assertThat(r.getLong("warmup_sent")).isEqualTo(100);
        long sent = r.getLong("sent");
        // 200/s over the measured duration only: the warm-up's 100 are not in it
        assertThat(sent).isBetween((long) (base.duration().toMillis() * 0.2) - 5, (long) (base.duration().toMillis() * 0.2) + 5);
        assertThat(r.getLong("delivered")).isEqualTo(sent);
        assertThat(r.getLong("lost")).isZero();
        assertThat(r.getLong("duplicates")).isZero();
    }

    @Test
    void mucWarmUpIsSentFirstAndLeftOutOfTheMeasuredFigures() throws Exception {
        RunResult r = run(base.withRate(50).withWarmup(Duration.ofMillis(400)).withMuc(2, 5, "muc.localhost"), ScenarioKind.MUC, false);
        assertThat(r.getLong("warmup_sent")).isEqualTo(20);
        long sent = r.getLong("sent");
        assertThat(r.getLong("expected")).isEqualTo(sent * 4);
        assertThat(r.getLong("delivered")).isEqualTo(sent * 4);
        assertThat(r.getLong("lost")).isZero();
    }

    @Test
    void mucFansEveryMessageOutToTheOtherOccupants() throws Exception {
        RunResult r = run(base.withRate(50).withMuc(2, 5, "muc.localhost"), ScenarioKind.MUC, false);
        assertThat(r.getLong("joined")).isEqualTo(10);
        long sent = r.getLong("sent");
        assertThat(sent).isPositive();
        // Each message reaches the 4 other occupants of its room; the sender's own copy is not counted.
        assertThat(r.getLong("expected")).isEqualTo(sent * 4);
        assertThat(r.getLong("delivered")).isEqualTo(sent * 4);
        assertThat(r.getLong("lost")).isZero();
        assertThat(r.getLong("duplicates")).isZero();
        assertThat(r.getLong("errors")).isZero();
    }

    @Test
    void mucRefusesMoreOccupantsThanAccounts() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> run(base.withRate(10).withMuc(3, 5, "muc.localhost"), ScenarioKind.MUC, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("15 accounts");
    }

    @Test
    void aMissingMucServiceIsCountedAsJoinErrors() throws Exception {
        RunResult r = run(base.withRate(10).withDuration(Duration.ofMillis(300)).withMuc(1, 2, "nomuc.localhost"),
                ScenarioKind.MUC, false);
        assertThat(r.getLong("joined")).isZero();
        assertThat(r.getLong("sent")).isZero();
        assertThat(r.get("error_kinds")).startsWith("join:");
    }
}
