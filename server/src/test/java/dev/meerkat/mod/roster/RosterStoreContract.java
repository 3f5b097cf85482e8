package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link RosterStore} must do. An implementation's test implements this interface and
 * returns a fresh, empty store from {@link #store()}.
 */
public interface RosterStoreContract {
    RosterStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid ALICE_ELSEWHERE = Jid.parse("alice@example.net");
    Jid BOB = Jid.parse("bob@example.org");
    Jid CAROL = Jid.parse("carol@example.com");

    static RosterItem full() {
        SubState s = new SubState(Subscription.FROM, true, true, false);
        return new RosterItem(BOB, "Bob ☃", List.of("Friends", "Work"), s, "let me in", false);
    }

    @Test
    default void anEmptyRosterHasVersionZero() {
        RosterStore store = store();
        assertThat(store.items(ALICE)).isEmpty();
        assertThat(store.item(ALICE, BOB)).isEmpty();
        assertThat(store.version(ALICE)).isZero();
    }

    @Test
    default void anItemIsStoredWithEveryField() {
        RosterStore store = store();
        RosterStore.Change c = store.update(ALICE, BOB, cur -> Optional.of(full()));

        assertThat(c.before()).isEmpty();
        assertThat(c.after()).contains(full());
        assertThat(c.version()).isEqualTo(1);
        assertThat(store.item(ALICE, BOB)).contains(full());
        assertThat(store.items(ALICE)).containsExactly(full());
        assertThat(store.version(ALICE)).isEqualTo(1);
    }

    @Test
    default void everyStateAndFlagRoundTrips() {
        RosterStore store = store();
        for (Subscription sub : Subscription.values()) {
            for (int flags = 0; flags < 8; flags++) {
                SubState s = new SubState(sub, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0);
                RosterItem item = new RosterItem(CAROL, null, List.of(), s, s.pendingIn() ? "hi" : null, flags % 3 == 0);
                store.update(ALICE, CAROL, cur -> Optional.of(item));
                assertThat(store.item(ALICE, CAROL)).contains(item);
            }
        }
    }

    @Test
    default void theFunctionSeesTheCurrentItemAndAChangeBumpsTheVersion() {
        RosterStore store = store();
        store.update(ALICE, BOB, cur -> Optional.of(full()));
        RosterStore.Change c = store.update(ALICE, BOB, cur -> cur.map(i -> i.withUserData("B", List.of("Family"))));

        assertThat(c.before()).contains(full());
        assertThat(c.after().get().groups()).containsExactly("Family");
        assertThat(c.after().get().state()).isEqualTo(full().state());
        assertThat(c.version()).isEqualTo(2);
        assertThat(store.item(ALICE, BOB).get().name()).isEqualTo("B");
    }

    @Test
    default void anUnchangedItemKeepsTheVersion() {
        RosterStore store = store();
        store.update(ALICE, BOB, cur -> Optional.of(full()));
        RosterStore.Change c = store.update(ALICE, BOB, cur -> cur);

        assertThat(c.changed()).isFalse();
        assertThat(c.version()).isEqualTo(1);
        assertThat(store.version(ALICE)).isEqualTo(1);
    }

    @Test
    default void groupsKeepTheirOrder() {
        RosterStore store = store();
        List<String> groups = List.of("zeta", "alpha", "Mu", "beta");
        store.update(ALICE, BOB, cur -> Optional.of(RosterItem.of(BOB).withUserData(null, groups)));
        assertThat(store.item(ALICE, BOB).get().groups()).containsExactlyElementsOf(groups);
        assertThat(store.items(ALICE).get(0).groups()).containsExactlyElementsOf(groups);
    }

    @Test
    default void removingAnItemDeletesItAndItsGroups() {
        RosterStore store = store();
        store.update(ALICE, BOB, cur -> Optional.of(full()));
        store.update(ALICE, CAROL, cur -> Optional.of(RosterItem.of(CAROL)));
        RosterStore.Change c = store.update(ALICE, BOB, cur -> Optional.empty());

        assertThat(c.after()).isEmpty();
        assertThat(c.version()).isEqualTo(3);
        assertThat(store.item(ALICE, BOB)).isEmpty();
        assertThat(store.items(ALICE)).containsExactly(RosterItem.of(CAROL));
        // a new item for the same contact starts without the old groups
        store.update(ALICE, BOB, cur -> Optional.of(RosterItem.of(BOB)));
        assertThat(store.item(ALICE, BOB).get().groups()).isEmpty();
    }

    @Test
    default void usersAreSeparateByNameAndDomain() {
        RosterStore store = store();
        store.update(ALICE, BOB, cur -> Optional.of(full()));
        assertThat(store.items(ALICE_ELSEWHERE)).isEmpty();
        assertThat(store.items(BOB)).isEmpty();
        assertThat(store.version(ALICE_ELSEWHERE)).isZero();
    }

    @Test
    default void removeAllForgetsTheRosterAndItsVersion() {
        RosterStore store = store();
        store.update(ALICE, BOB, cur -> Optional.of(full()));
        store.update(ALICE_ELSEWHERE, BOB, cur -> Optional.of(full()));
        store.removeAll(ALICE);

        assertThat(store.items(ALICE)).isEmpty();
        assertThat(store.version(ALICE)).isZero();
        assertThat(store.items(ALICE_ELSEWHERE)).containsExactly(full());
    }

    @Test
    default void aFailingChangeLeavesTheRosterAsItWas() {
        RosterStore store = store();
        store.update(ALICE, BOB, cur -> Optional.of(full()));
        assertThatThrownBy(() -> store.update(ALICE, BOB, cur -> { throw new IllegalStateException("no"); }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(store.item(ALICE, BOB)).contains(full());
        assertThat(store.version(ALICE)).isEqualTo(1);
    }

    @Test
    default void textsLongerThanTheLimitsAreRefused() {
        RosterStore store = store();
        String longest = "n".repeat(RosterStore.MAX_TEXT_LENGTH);
        store.update(ALICE, BOB, cur -> Optional.of(RosterItem.of(BOB).withUserData(longest, List.of(longest))));
        assertThat(store.item(ALICE, BOB).get().name()).isEqualTo(longest);
        assertThatThrownBy(() -> store.update(ALICE, BOB, cur -> Optional.of(RosterItem.of(BOB).withUserData(longest + "x", List.of()))))
                .isInstanceOf(IllegalArgumentException.class);
        Jid tooLong = Jid.of("u".repeat(RosterStore.MAX_CONTACT_LENGTH), "example.org", null);
        assertThatThrownBy(() -> store.update(ALICE, tooLong, cur -> Optional.of(RosterItem.of(tooLong))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
