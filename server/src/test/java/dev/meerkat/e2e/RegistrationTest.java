package dev.meerkat.e2e;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.parts.Localpart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** XEP-0077 in-band registration through Smack's AccountManager: create, conflict, change password, delete. */
class RegistrationTest {
    private static ServerFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new ServerFixture();
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private XMPPTCPConnection anonymousConnection() throws Exception {
        XMPPTCPConnection c = fx.track(new XMPPTCPConnection(fx.starttls().build()));
        c.connect();
        return c;
    }

    @Test
    void newAccountCanRegisterAndLogIn() throws Exception {
        XMPPTCPConnection c = anonymousConnection();
        AccountManager am = AccountManager.getInstance(c);
        assertThat(am.supportsAccountCreation()).isTrue();
        assertThat(am.getAccountAttributes()).contains("username", "password");
        am.createAccount(Localpart.from("newbie"), "fresh-pass");
        c.disconnect();

        XMPPTCPConnection logged = fx.login("newbie", "fresh-pass", "first");
        assertThat(logged.isAuthenticated()).isTrue();
        logged.disconnect();
    }

    @Test
    void takenUsernameIsAConflict() throws Exception {
        fx.createUser("taken", "pw");
        XMPPTCPConnection c = anonymousConnection();
        assertThatThrownBy(() -> AccountManager.getInstance(c).createAccount(Localpart.from("taken"), "other"))
                .isInstanceOf(XMPPException.XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPException.XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.conflict));
        c.disconnect();
    }

    @Test
    void missingPasswordIsNotAcceptable() throws Exception {
        XMPPTCPConnection c = anonymousConnection();
        // Smack refuses an empty password itself, so the request is built by hand
        org.jivesoftware.smackx.iqregister.packet.Registration reg =
                new org.jivesoftware.smackx.iqregister.packet.Registration(java.util.Map.of("username", "nopass"));
        reg.setType(org.jivesoftware.smack.packet.IQ.Type.set);
        reg.setTo(c.getXMPPServiceDomain());
        assertThatThrownBy(() -> c.createStanzaCollectorAndSend(new org.jivesoftware.smack.filter.StanzaIdFilter(reg.getStanzaId()), reg)
                .nextResultOrThrow())
                .isInstanceOf(XMPPException.XMPPErrorException.class)
                .satisfies(e -> assertThat(((XMPPException.XMPPErrorException) e).getStanzaError().getCondition())
                        .isEqualTo(StanzaError.Condition.not_acceptable));
        c.disconnect();
    }

    @Test
    void passwordChangeTakesEffect() throws Exception {
        fx.createUser("changer", "old-pass");
        XMPPTCPConnection c = fx.login("changer", "old-pass", "x");
        AccountManager.getInstance(c).changePassword("new-pass");
        c.disconnect();
        assertThatThrownBy(() -> fx.login("changer", "old-pass", "y")).isInstanceOf(SASLErrorException.class);
        XMPPTCPConnection again = fx.login("changer", "new-pass", "z");
        assertThat(again.isAuthenticated()).isTrue();
        again.disconnect();
    }

    @Test
    void deletedAccountCanNoLongerLogIn() throws Exception {
        fx.createUser("leaver", "bye");
        XMPPTCPConnection c = fx.login("leaver", "bye", "x");
        AccountManager.getInstance(c).deleteAccount();
        assertThatThrownBy(() -> fx.login("leaver", "bye", "y")).isInstanceOf(SASLErrorException.class);
    }
}
