package dev.meerkat.e2e;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.jid.Jid;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** SASL ANONYMOUS and login_anon: temporary accounts that disappear with their last session. */
class AnonymousAuthTest {
    private ServerFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) fx.close();
    }

    private List<Jid> start(String protocol, boolean multiple) throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults().auth("""
                methods = ["internal", "anonymous"]
                [auth.anonymous]
                  protocol = "%s"
                  allow_multiple_connections = %s
                """.formatted(protocol, multiple)));
        List<Jid> removed = new CopyOnWriteArrayList<>();
        fx.server.services().hosts().get("localhost").hooks().register(CoreHooks.USER_REMOVED, 50, "test", e -> {
            removed.add(e.user());
            return HookResult.proceed();
        });
        return removed;
    }

    private XMPPTCPConnection anonymous() throws Exception {
        XMPPTCPConnectionConfiguration conf = fx.starttls().performSaslAnonymousAuthentication().build();
        XMPPTCPConnection c = fx.track(new XMPPTCPConnection(conf));
        c.connect().login();
        return c;
    }

    @Test
    void saslAnonymousGivesARandomAccountRemovedAtLogout() throws Exception {
        List<Jid> removed = start("sasl_anon", false);

        XMPPTCPConnection one = anonymous();
        XMPPTCPConnection two = anonymous();
        Jid first = Jid.parse(one.getUser().asBareJid().toString());
        assertThat(one.getUsedSaslMechansism()).isEqualTo("ANONYMOUS");
        assertThat(first.domain()).isEqualTo("localhost");
        assertThat(two.getUser().asBareJid().toString()).isNotEqualTo(one.getUser().asBareJid().toString());
        assertThat(fx.server.services().auth().userExists(first)).isTrue();

        one.disconnect();

        await().atMost(Duration.ofSeconds(10)).until(() -> removed.contains(first));
        assertThat(fx.server.services().auth().userExists(first)).isFalse();
        assertThat(removed).hasSize(1);
    }

    @Test
    void loginAnonAcceptsAnyPasswordForUnknownNamesOnly() throws Exception {
        start("login_anon", false);
        fx.createUser("alice", "a-pass");

        XMPPTCPConnection guest = fx.login("guest", "whatever", "x", b -> b.addEnabledSaslMechanism("PLAIN"));
        assertThat(guest.getUser().asBareJid().toString()).isEqualTo("guest@localhost");
        // login_anon checks passwords with PLAIN only: SCRAM needs stored credentials
        assertThatThrownBy(() -> fx.login("alice", "not-hers", "x", b -> b.addEnabledSaslMechanism("PLAIN"))).isInstanceOf(SASLErrorException.class);
        // allow_multiple_connections = false: the name is taken while the guest is online
        assertThatThrownBy(() -> fx.login("guest", "other", "y", b -> b.addEnabledSaslMechanism("PLAIN"))).isInstanceOf(SASLErrorException.class);
        // ANONYMOUS is not offered with login_anon only
        assertThatThrownBy(this::anonymous).isInstanceOf(org.jivesoftware.smack.SmackException.class);
    }
}
