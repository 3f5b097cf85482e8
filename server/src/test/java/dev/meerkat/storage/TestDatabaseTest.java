package dev.meerkat.storage;

import dev.meerkat.config.RdbmsConfig;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDatabaseTest {
    @Test
    void aMissingDatabaseSkipsWithHowToRunIt() {
        assertThatThrownBy(() -> TestDatabase.of(TestDatabase.Backend.POSTGRESQL, Map.<String, String>of()::get).resolve())
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SC_PG_URL").hasMessageContaining(".ci/services.sh");
    }

    @Test
    void aMissingDatabaseFailsWhenCiRequiresThem() {
        Map<String, String> env = Map.of(TestDatabase.REQUIRE_ENV, "1");
        assertThatThrownBy(() -> TestDatabase.of(TestDatabase.Backend.MARIADB, env::get).resolve())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SC_MARIADB_URL").hasMessageContaining("MEERKAT_REQUIRE_DATABASES=1");
    }

    @Test
    void theJdbcUrlBecomesAPoolSection() {
        Map<String, String> env = Map.of("SC_PG_URL", "jdbc:postgresql://127.0.0.1:55432/xmpp",
                "SC_PG_USER", "u", "SC_PG_PASSWORD", "p");
        RdbmsConfig config = TestDatabase.of(TestDatabase.Backend.POSTGRESQL, env::get).resolve();

        assertThat(config.driver()).isEqualTo("pgsql");
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(55432);
        assertThat(config.database()).isEqualTo("xmpp");
        assertThat(config.username()).isEqualTo("u");
        assertThat(config.password()).isEqualTo("p");
    }

    @Test
    void h2NeedsNoEnvironment() {
        assertThat(TestDatabase.of(TestDatabase.Backend.H2, Map.<String, String>of()::get).resolve()).isNull();
    }
}
