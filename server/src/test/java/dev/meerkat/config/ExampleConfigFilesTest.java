package dev.meerkat.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped {@code conf/examples/*.toml} load and put accounts and rosters in their database. */
class ExampleConfigFilesTest {
    @ParameterizedTest
    @CsvSource({"postgresql.toml, pgsql, 5432", "mysql.toml, mysql, 3306"})
    void exampleLoads(String file, String driver, int port) {
        ServerConfig c = ConfigLoader.load(Path.of("../conf/examples").resolve(file));

        assertThat(c.rdbms().driver()).isEqualTo(driver);
        assertThat(c.rdbms().port()).isEqualTo(port);
        assertThat(c.rdbms().database()).isEqualTo("meerkat");
        assertThat(c.rdbms().username()).isEqualTo("meerkat");
        assertThat(c.auth().methods()).containsExactly("rdbms");
        assertThat(c.modules()).containsKeys("mod_roster", "mod_register");
    }
}
