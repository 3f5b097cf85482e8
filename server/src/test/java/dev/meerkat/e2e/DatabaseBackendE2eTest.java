package dev.meerkat.e2e;

import dev.meerkat.storage.TestDatabase;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.sasl.SASLError;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A node whose accounts and rosters live in a real database server: login, chat and a roster that
 * survives a restart. One subclass per database; kept to a handful of tests so CI stays fast.
 */
abstract class DatabaseBackendE2eTest {
    @RegisterExtension
    final TestDatabase db;

    private ServerFixture fx;

    DatabaseBackendE2eTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void start() throws Exception {
        fx = new ServerFixture(ServerFixture.Settings.defaults()
                .modules(ServerFixture.Settings.DEFAULT_MODULES + RosterClients.MODULES).extra(db.toml()));
        fx.createUser("alice", "a-pass");
        fx.createUser("bob", "b-pass");
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void theServerRunsOnThisDatabase() {
        assertThat(fx.server.services().database().dialect().name()).isEqualTo(db.backend().name());
    }

    @Test
    void usersLogInAndAWrongPasswordIsRefused() throws Exception {
        XMPPTCPConnection c = fx.login("alice", "a-pass", "x", b -> b.addEnabledSaslMechanism("SCRAM-SHA-1"));
        assertThat(c.isAuthenticated()).isTrue();
        assertThatThrownBy(() -> fx.login("alice", "wrong", "y", b -> b.addEnabledSaslMechanism("PLAIN")))
                .isInstanceOf(SASLErrorException.class)
                .satisfies(e -> assertThat(((SASLErrorException) e).getSASLFailure().getSASLError())
                        .isEqualTo(SASLError.not_authorized));
    }

    @Test
    void aMessageGetsThrough() throws Exception {
        XMPPTCPConnection alice = fx.login("alice", "a-pass", "x");
        XMPPTCPConnection bob = fx.login("bob", "b-pass", "y");
        BlockingQueue<Message> received = new ArrayBlockingQueue<>(1);
        bob.addSyncStanzaListener(s -> received.offer((Message) s), MessageTypeFilter.NORMAL_OR_CHAT);

        // to the full JID: a bare-JID message could overtake Bob's initial presence and find no resource
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(bob.getUser())
                .setBody("hello over " + db.backend()).build());

        Message m = received.poll(10, TimeUnit.SECONDS);
        assertThat(m).isNotNull();
        assertThat(m.getBody()).isEqualTo("hello over " + db.backend());
    }

    @Test
    void theRosterIsStoredAndSurvivesARestart() throws Exception {
        XMPPTCPConnection alice = fx.login("alice", "a-pass", "x");
        Roster roster = RosterClients.loggedIn(alice);
        roster.createItem(RosterClients.jid("bob"), "Bobby", new String[] {"Friends"});
        await().atMost(Duration.ofSeconds(10)).until(() -> roster.getEntry(RosterClients.jid("bob")) != null);

        fx = fx.restart();

        Roster again = RosterClients.loggedIn(fx.login("alice", "a-pass", "x2"));
        await().atMost(Duration.ofSeconds(10)).until(() -> again.getEntry(RosterClients.jid("bob")) != null);
        assertThat(again.getEntry(RosterClients.jid("bob")).getName()).isEqualTo("Bobby");
        assertThat(again.getEntry(RosterClients.jid("bob")).getGroups()).extracting(g -> g.getName())
                .containsExactly("Friends");
    }
}
