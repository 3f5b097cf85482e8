package dev.meerkat.mod.privacy;

import dev.meerkat.jid.Jid;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PrivacyStore} must do; an implementation's test returns a fresh, empty store. */
public interface PrivacyStoreContract {
    PrivacyStore store();

    Jid ROMEO = Jid.parse("romeo@example.net");
    Jid ROMEO_ELSEWHERE = Jid.parse("romeo@example.org");

    PrivacyList PUBLIC = new PrivacyList("public", List.of(
            new PrivacyItem(PrivacyItem.Type.JID, "tybalt@example.com", false, 1, Set.of()),
            new PrivacyItem(PrivacyItem.Type.GROUP, "Enemies ☠", false, 2, Set.of(PrivacyItem.Kind.MESSAGE, PrivacyItem.Kind.PRESENCE_OUT)),
            new PrivacyItem(PrivacyItem.Type.SUBSCRIPTION, "none", false, 4_294_967_295L, Set.of(PrivacyItem.Kind.IQ, PrivacyItem.Kind.PRESENCE_IN)),
            new PrivacyItem(PrivacyItem.Type.FALL_THROUGH, null, true, 3, Set.of())));
    PrivacyList PRIVATE = new PrivacyList("Private", List.of(
            new PrivacyItem(PrivacyItem.Type.SUBSCRIPTION, "both", true, 10, Set.of()),
            new PrivacyItem(PrivacyItem.Type.FALL_THROUGH, null, false, 15, Set.of())));

    @Test
    default void listsComeBackWithEveryItemInOrder() {
        PrivacyStore s = store();
        s.put(ROMEO, PUBLIC);
        s.put(ROMEO, PRIVATE);
        assertThat(s.list(ROMEO, "public")).contains(PUBLIC);
        assertThat(s.list(ROMEO, "public").orElseThrow().items()).extracting(PrivacyItem::order).containsExactly(1L, 2L, 3L, 4_294_967_295L);
        assertThat(s.list(ROMEO, "Private")).contains(PRIVATE);
        assertThat(s.list(ROMEO, "private")).isEmpty();
        assertThat(s.names(ROMEO)).containsExactly("Private", "public");
        assertThat(s.names(ROMEO_ELSEWHERE)).isEmpty();
        assertThat(s.list(ROMEO_ELSEWHERE, "public")).isEmpty();
    }

    @Test
    default void putReplacesTheWholeList() {
        PrivacyStore s = store();
        s.put(ROMEO, PUBLIC);
        PrivacyList shorter = new PrivacyList("public", List.of(PUBLIC.items().get(0)));
        s.put(ROMEO, shorter);
        assertThat(s.list(ROMEO, "public")).contains(shorter);
    }

    @Test
    default void updateSeesTheCurrentListOrAnEmptyOne() {
        PrivacyStore s = store();
        PrivacyList written = s.update(ROMEO, "Blocked contacts", l -> {
            assertThat(l.items()).isEmpty();
            return new PrivacyList(l.name(), List.of(PrivacyItem.blockJid("tybalt@example.com", 0)));
        });
        assertThat(s.update(ROMEO, "Blocked contacts", l -> {
            assertThat(l).isEqualTo(written);
            return PrivacyList.empty(l.name());
        }).items()).isEmpty();
        // an emptied list still exists
        assertThat(s.list(ROMEO, "Blocked contacts")).contains(PrivacyList.empty("Blocked contacts"));
        assertThat(s.names(ROMEO)).containsExactly("Blocked contacts");
    }

    @Test
    default void theDefaultListMustExistAndGoesWithIt() {
        PrivacyStore s = store();
        assertThat(s.setDefault(ROMEO, "public")).isFalse();
        assertThat(s.defaultName(ROMEO)).isEmpty();
        assertThat(s.defaultList(ROMEO)).isEmpty();
        s.put(ROMEO, PUBLIC);
        s.put(ROMEO, PRIVATE);
        assertThat(s.setDefault(ROMEO, "public")).isTrue();
        assertThat(s.defaultName(ROMEO)).contains("public");
        assertThat(s.defaultList(ROMEO)).contains(PUBLIC);
        assertThat(s.setDefault(ROMEO, "Private")).isTrue();
        assertThat(s.defaultList(ROMEO)).contains(PRIVATE);
        assertThat(s.remove(ROMEO, "Private")).isTrue();
        assertThat(s.defaultName(ROMEO)).isEmpty();
        assertThat(s.remove(ROMEO, "Private")).isFalse();
        s.setDefault(ROMEO, "public");
        assertThat(s.setDefault(ROMEO, null)).isTrue();
        assertThat(s.defaultName(ROMEO)).isEmpty();
        assertThat(s.list(ROMEO, "public")).contains(PUBLIC);
    }

    @Test
    default void anEmptyDefaultListIsStillTheDefault() {
        PrivacyStore s = store();
        s.update(ROMEO, "Blocked contacts", l -> l);
        s.setDefault(ROMEO, "Blocked contacts");
        assertThat(s.defaultList(ROMEO)).contains(PrivacyList.empty("Blocked contacts"));
    }

    @Test
    default void removeAllForgetsOnlyThatUser() {
        PrivacyStore s = store();
        s.put(ROMEO, PUBLIC);
        s.setDefault(ROMEO, "public");
        s.put(ROMEO_ELSEWHERE, PUBLIC);
        s.removeAll(ROMEO);
        assertThat(s.names(ROMEO)).isEmpty();
        assertThat(s.defaultName(ROMEO)).isEmpty();
        assertThat(s.list(ROMEO_ELSEWHERE, "public")).contains(PUBLIC);
    }
}
