package dev.meerkat.e2e;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ldap method against UnboundID's in-memory directory: search, then bind as the user; PLAIN
 * only; a directory that goes away is temporary-auth-failure. {@link SlapdAuthTest} does the same
 * against a real OpenLDAP when CI provides one.
 */
class LdapAuthTest {
    private InMemoryDirectoryServer directory;
    private ServerFixture fx;

    @BeforeEach
    void start() throws Exception {
        directory = directory(0);
        fx = new ServerFixture(ServerFixture.Settings.defaults().auth(ldapSection(directory.getListenPort(),
                "uids = [\"uid\", \"mail\"]")));
    }

    /** A running directory with Juliet (uid) and Romeo (found by mail) on the port (0: any free one). */
    private static InMemoryDirectoryServer directory(int port) throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.addAdditionalBindCredentials("cn=admin,dc=example,dc=com", "adminpw");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
        InMemoryDirectoryServer d = new InMemoryDirectoryServer(config);
        d.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        d.add("dn: ou=people,dc=example,dc=com", "objectClass: organizationalUnit", "ou: people");
        d.add("dn: uid=juliet,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "uid: juliet",
                "cn: Juliet", "sn: Capulet", "userPassword: s3cret");
        d.add("dn: cn=Romeo,ou=people,dc=example,dc=com", "objectClass: inetOrgPerson", "cn: Romeo",
                "sn: Montague", "mail: romeo", "userPassword: r0meo");
        d.startListening();
        return d;
    }

    static String ldapSection(int port, String extra) {
        return """
                methods = ["ldap"]
                [auth.ldap]
                  servers = ["127.0.0.1"]
                  port = %d
                  rootdn = "cn=admin,dc=example,dc=com"
                  password = "adminpw"
                  base = "ou=people,dc=example,dc=com"
                  filter = "(objectClass=inetOrgPerson)"
                  timeout = 2000
                  %s
                """.formatted(port, extra);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        directory.shutDown(true);
    }

    @Test
    void usersLogInWithTheirDirectoryPasswordOverPlain() throws Exception {
        XMPPTCPConnection c = fx.login("juliet", "s3cret", "x");
        assertThat(c.getUsedSaslMechansism()).isEqualTo("PLAIN");
        // the second uid attribute finds Romeo by mail
        assertThat(fx.login("romeo", "r0meo", "x").isAuthenticated()).isTrue();
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefused() {
        assertThatThrownBy(() -> fx.login("juliet", "wrong", "x"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.not_authorized));
        assertThatThrownBy(() -> fx.login("nobody", "s3cret", "x")).isInstanceOf(SASLErrorException.class);
    }

    @Test
    void scramIsNotOfferedBecauseLdapOnlyChecksPlainPasswords() {
        assertThatThrownBy(() -> fx.login("juliet", "s3cret", "x", b -> b.addEnabledSaslMechanism("SCRAM-SHA-1")))
                .isInstanceOf(SmackException.class);
    }

    @Test
    void aDirectoryThatIsGoneIsATemporaryFailureAndItsReturnIsNoticed() throws Exception {
        int port = directory.getListenPort();
        directory.shutDown("ldap", true);

        assertThatThrownBy(() -> fx.login("juliet", "s3cret", "x"))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.temporary_auth_failure));

        directory.shutDown(true);
        directory = directory(port);

        assertThat(fx.login("juliet", "s3cret", "x").isAuthenticated()).isTrue();
    }
}
