package dev.meerkat.load;

import dev.meerkat.load.scenario.ScenarioKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainTest {
    @Test
    void durationsTakeUnits() {
        assertThat(Main.parseDuration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Main.parseDuration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Main.parseDuration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Main.parseDuration("1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThatThrownBy(() -> Main.parseDuration("soon")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runsThatWouldExceedTheOpenFileLimitAreRefused() {
        LoadConfig c = LoadConfig.defaults("127.0.0.1", 5222, "localhost").withUsers(5000);
        assertThat(Main.checkOpenFiles(c, ScenarioKind.IDLE, 1024)).contains("5000 connections").contains("ulimit -n is 1024");
        assertThat(Main.checkOpenFiles(c, ScenarioKind.IDLE, 65536)).isNull();
        assertThat(Main.checkOpenFiles(c.withUsers(25_000), ScenarioKind.CHAT, 1_000_000)).contains("20000");
        // login holds only --concurrency connections, whatever the number of accounts
        assertThat(Main.checkOpenFiles(c.withUsers(1_000_000), ScenarioKind.LOGIN, 1024)).isNull();
    }

    @Test
    void mucHoldsOneConnectionPerOccupant() {
        LoadConfig c = LoadConfig.defaults("127.0.0.1", 5222, "localhost").withUsers(100_000).withMuc(300, 100, "muc.localhost");
        assertThat(Main.checkOpenFiles(c, ScenarioKind.MUC, 1_000_000)).contains("30000 connections");
        assertThat(Main.checkOpenFiles(c.withMuc(100, 100, "muc.localhost"), ScenarioKind.MUC, 1_000_000)).isNull();
    }
}
