package dev.meerkat.mod.vcard;

import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link VCardStore} must do; an implementation's test returns a fresh, empty store. */
public interface VCardStoreContract {
    VCardStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid BOB = Jid.parse("bob@example.org");

    @Test
    default void aVCardIsStoredReplacedAndRemoved() {
        VCardStore s = store();
        assertThat(s.get(ALICE)).isEmpty();
        VCardStore.StoredVCard first = new VCardStore.StoredVCard("<vCard xmlns=\"vcard-temp\"><FN>Alice ☃</FN></vCard>", "");
        s.set(ALICE, first);
        assertThat(s.get(ALICE)).contains(first);
        assertThat(s.get(BOB)).isEmpty();

        VCardStore.StoredVCard second = new VCardStore.StoredVCard("<vCard xmlns=\"vcard-temp\"/>", "a9993e364706816aba3e25717850c26c9cd0d89d");
        s.set(ALICE, second);
        assertThat(s.get(ALICE)).contains(second);

        s.remove(ALICE);
        assertThat(s.get(ALICE)).isEmpty();
    }

    @Test
    default void anUnknownPhotoHashStaysUnknown() {
        VCardStore s = store();
        VCardStore.StoredVCard v = new VCardStore.StoredVCard("<vCard xmlns=\"vcard-temp\"/>", null);
        s.set(BOB, v);
        assertThat(s.get(BOB)).contains(v);
    }
}
