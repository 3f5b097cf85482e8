package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ldap method against OpenLDAP's slapd, started by {@code .ci/services.sh} (SC_LDAP_PORT). */
class SlapdAuthTest {
    private ServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        String port = System.getenv("SC_LDAP_PORT");
        if (port == null) {
            String message = "slapd tests need SC_LDAP_PORT (start_slapd in .ci/services.sh)";
            if ("1".equals(System.getenv(TestDatabase.REQUIRE_ENV))) throw new IllegalStateException(message);
            Assumptions.abort(message);
        }
        fx = new ServerFixture(ServerFixture.Settings.defaults().auth(LdapAuthTest.ldapSection(Integer.parseInt(port), "")));
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void julietLogsInAndAWrongPasswordIsRefused() throws Exception {
        assertThat(fx.login("juliet", "s3cret", "x").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> fx.login("juliet", "wrong", "y")).isInstanceOf(SASLErrorException.class);
    }
}
