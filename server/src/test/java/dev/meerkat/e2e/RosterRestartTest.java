package dev.meerkat.e2e;

import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.SubscribeListener;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.meerkat.e2e.RosterClients.awaitAvailable;
import static dev.meerkat.e2e.RosterClients.awaitType;
import static dev.meerkat.e2e.RosterClients.jid;
import static dev.meerkat.e2e.RosterClients.loggedIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Rosters and subscriptions are in the database: a new server on the same data has them. */
class RosterRestartTest {
    private ServerFixture fx;

    @AfterEach
    void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void rostersAndSubscriptionsSurviveARestart() throws Exception {
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
        fx = new ServerFixture(RosterClients.MODULES);
        fx.createUser("alice", "pw-alice");
        fx.createUser("bob", "pw-bob");
        fx.createUser("carol", "pw-carol");
        Roster ra = loggedIn(fx.login("alice", "pw-alice", "pc"));
        Roster rb = loggedIn(fx.login("bob", "pw-bob", "phone"));
        rb.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.ApproveAndAlsoRequestIfRequired);
        ra.addSubscribeListener((from, p) -> SubscribeListener.SubscribeAnswer.Approve);
        ra.createItemAndRequestSubscription(jid("bob"), "Bob", new String[] {"Friends"});
        ra.createItemAndRequestSubscription(jid("carol"), null, null);  // carol is offline: stays pending
        awaitType(ra, jid("bob"), ItemType.both);
        awaitType(rb, jid("alice"), ItemType.both);
        await().until(() -> ra.getEntry(jid("carol")) != null && ra.getEntry(jid("carol")).isSubscriptionPending());

        fx = fx.restart();

        Roster ra2 = loggedIn(fx.login("alice", "pw-alice", "pc"));
        Roster rb2 = loggedIn(fx.login("bob", "pw-bob", "phone"));
        assertThat(ra2.getEntry(jid("bob")).getType()).isEqualTo(ItemType.both);
        assertThat(ra2.getEntry(jid("bob")).getName()).isEqualTo("Bob");
        assertThat(ra2.getEntry(jid("bob")).getGroups()).extracting(g -> g.getName()).containsExactly("Friends");
        assertThat(ra2.getEntry(jid("carol")).isSubscriptionPending()).isTrue();
        assertThat(rb2.getEntry(jid("alice")).getType()).isEqualTo(ItemType.both);
        awaitAvailable(ra2, jid("bob"), true);
        awaitAvailable(rb2, jid("alice"), true);
    }
}
