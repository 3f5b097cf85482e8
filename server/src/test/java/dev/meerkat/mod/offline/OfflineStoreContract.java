package dev.meerkat.mod.offline;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link OfflineStore} must do; an implementation's test returns a fresh, empty store. */
public interface OfflineStoreContract {
    OfflineStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid ALICE_ELSEWHERE = Jid.parse("alice@example.net");

    static OfflineStore.StoredMessage message(String body, long millis) {
        Element m = Element.builder("message", Ns.CLIENT).attr("from", "bob@example.org/x").attr("to", "alice@example.org")
                .attr("type", "chat").child("body", Ns.CLIENT, b -> b.text(body))
                .child(Element.builder("thing", "urn:example").attr("a", "<&'\"").build()).build();
        return new OfflineStore.StoredMessage(Instant.ofEpochMilli(millis), m);
    }

    @Test
    default void messagesComeBackOldestFirstWithStampsAndAreThenGone() {
        OfflineStore s = store();
        assertThat(s.add(ALICE, message("one ☃", 1_000), 10)).isTrue();
        assertThat(s.add(ALICE, message("two", 2_500), 10)).isTrue();
        assertThat(s.add(ALICE_ELSEWHERE, message("other host", 3_000), 10)).isTrue();
        assertThat(s.count(ALICE)).isEqualTo(2);

        List<OfflineStore.StoredMessage> taken = s.take(ALICE);
        assertThat(taken).containsExactly(message("one ☃", 1_000), message("two", 2_500));
        assertThat(s.take(ALICE)).isEmpty();
        assertThat(s.count(ALICE)).isZero();
        assertThat(s.count(ALICE_ELSEWHERE)).isEqualTo(1);
    }

    @Test
    default void theQuotaRefusesMessagesOnceFull() {
        OfflineStore s = store();
        assertThat(s.add(ALICE, message("1", 1), 2)).isTrue();
        assertThat(s.add(ALICE, message("2", 2), 2)).isTrue();
        assertThat(s.add(ALICE, message("3", 3), 2)).isFalse();
        assertThat(s.add(ALICE, message("3", 3), 0)).isFalse();
        assertThat(s.count(ALICE)).isEqualTo(2);
        assertThat(s.take(ALICE)).extracting(m -> m.message().childText("body", Ns.CLIENT).orElseThrow()).containsExactly("1", "2");
        assertThat(s.add(ALICE, message("after", 4), 2)).isTrue();
        assertThat(s.take(ALICE)).hasSize(1);
    }

    @Test
    default void removeAllForgetsOnlyThatUser() {
        OfflineStore s = store();
        s.add(ALICE, message("x", 1), 10);
        s.add(ALICE_ELSEWHERE, message("y", 1), 10);
        s.removeAll(ALICE);
        assertThat(s.count(ALICE)).isZero();
        assertThat(s.count(ALICE_ELSEWHERE)).isEqualTo(1);
    }
}
