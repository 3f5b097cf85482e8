package dev.meerkat.mod.last;

import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link LastActivityStore} must do; an implementation's test returns a fresh, empty store. */
public interface LastActivityStoreContract {
    LastActivityStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid BOB = Jid.parse("bob@example.org");

    @Test
    default void theLastActivityIsKeptToTheSecondAndReplaced() {
        LastActivityStore s = store();
        assertThat(s.get(ALICE)).isEmpty();
        s.set(ALICE, new LastActivityStore.LastActivity(Instant.ofEpochSecond(1_700_000_000), "gone fishing ☃"));
        assertThat(s.get(ALICE)).contains(new LastActivityStore.LastActivity(Instant.ofEpochSecond(1_700_000_000), "gone fishing ☃"));
        s.set(ALICE, new LastActivityStore.LastActivity(Instant.ofEpochSecond(1_700_000_100), null));
        assertThat(s.get(ALICE)).contains(new LastActivityStore.LastActivity(Instant.ofEpochSecond(1_700_000_100), ""));
        assertThat(s.get(BOB)).isEmpty();
        s.remove(ALICE);
        assertThat(s.get(ALICE)).isEmpty();
    }

    @Test
    default void aLongStatusIsCut() {
        LastActivityStore s = store();
        s.set(BOB, new LastActivityStore.LastActivity(Instant.ofEpochSecond(5), "x".repeat(5000)));
        assertThat(s.get(BOB).orElseThrow().status()).hasSize(LastActivityStore.MAX_STATUS_LENGTH);
    }
}
