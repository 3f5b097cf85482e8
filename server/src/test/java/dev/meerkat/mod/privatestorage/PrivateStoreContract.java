package dev.meerkat.mod.privatestorage;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link PrivateStore} must do; an implementation's test returns a fresh, empty store. */
public interface PrivateStoreContract {
    PrivateStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid BOB = Jid.parse("bob@example.org");

    static Element bookmarks(String name) {
        return Element.builder("storage", "storage:bookmarks")
                .child(Element.builder("conference", "storage:bookmarks").attr("name", name).attr("jid", "room@muc.example.org").build())
                .build();
    }

    @Test
    default void elementsAreKeptPerUserAndNamespace() {
        PrivateStore s = store();
        Element notes = Element.builder("notes", "urn:example:notes").text("secret ☃").build();
        s.set(ALICE, List.of(bookmarks("Room"), notes));
        assertThat(s.get(ALICE, "storage:bookmarks")).contains(bookmarks("Room"));
        assertThat(s.get(ALICE, "urn:example:notes")).contains(notes);
        assertThat(s.get(BOB, "storage:bookmarks")).isEmpty();
        assertThat(s.get(ALICE, "urn:example:other")).isEmpty();

        s.set(ALICE, List.of(bookmarks("Renamed")));
        assertThat(s.get(ALICE, "storage:bookmarks")).contains(bookmarks("Renamed"));
        assertThat(s.get(ALICE, "urn:example:notes")).contains(notes);

        s.removeAll(ALICE);
        assertThat(s.get(ALICE, "storage:bookmarks")).isEmpty();
        assertThat(s.get(ALICE, "urn:example:notes")).isEmpty();
    }

    @Test
    default void aTooLongNamespaceIsRefusedAndNothingIsStored() {
        PrivateStore s = store();
        Element tooLong = Element.of("x", "urn:" + "n".repeat(PrivateStore.MAX_NAMESPACE_LENGTH));
        assertThatThrownBy(() -> s.set(BOB, List.of(bookmarks("A"), tooLong))).isInstanceOf(IllegalArgumentException.class);
        assertThat(s.get(BOB, "storage:bookmarks")).isEmpty();
    }
}
