package dev.meerkat.mod.mam;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ArchiveStore} must do; an implementation's test returns a fresh, empty store. */
public interface ArchiveStoreContract {
    ArchiveStore store();

    Jid ALICE = Jid.parse("alice@example.org");
    Jid BOB_PHONE = Jid.parse("bob@example.org/phone");
    Jid BOB_PC = Jid.parse("bob@example.org/pc");
    Jid CAROL = Jid.parse("carol@example.net");
    Jid ROOM = Jid.parse("room@conference.example.org");

    static ArchiveStore.Entry entry(Jid owner, long id, Jid with, String body) {
        Element m = Element.builder("message", Ns.CLIENT).attr("from", with.toString()).attr("to", owner.toString())
                .attr("type", "chat").child("body", Ns.CLIENT, b -> b.text(body))
                .child(Element.builder("thing", "urn:example").attr("a", "<&'\"").build()).build();
        return new ArchiveStore.Entry(owner, id, with, false, body, m);
    }

    private static List<Long> ids(List<ArchiveStore.Entry> entries) {
        return entries.stream().map(ArchiveStore.Entry::id).toList();
    }

    @Test
    default void entriesComeBackWholeInIdOrderEitherWay() {
        ArchiveStore s = store();
        ArchiveStore.Entry e2 = entry(ALICE, 20, BOB_PHONE, "two ☃");
        s.append(List.of(entry(ALICE, 10, BOB_PHONE, "one"), e2, entry(ALICE, 30, CAROL, "three"), entry(ROOM, 15, ROOM.withResource("nick"), "room")));
        List<ArchiveStore.Entry> all = s.find(ALICE, ArchiveStore.Filter.all(), false, 10);
        assertThat(ids(all)).containsExactly(10L, 20L, 30L);
        assertThat(all.get(1)).isEqualTo(e2);
        assertThat(ids(s.find(ALICE, ArchiveStore.Filter.all(), true, 2))).containsExactly(30L, 20L);
        assertThat(s.count(ALICE, ArchiveStore.Filter.all())).isEqualTo(3);
        assertThat(s.find(ROOM, ArchiveStore.Filter.all(), false, 10)).singleElement()
                .satisfies(e -> assertThat(e.with()).isEqualTo(ROOM.withResource("nick")));
    }

    @Test
    default void outgoingFlagAndEmptyBodySurvive() {
        ArchiveStore s = store();
        Element m = Element.builder("message", Ns.CLIENT).attr("type", "chat").build();
        s.append(List.of(new ArchiveStore.Entry(ALICE, 5, CAROL, true, null, m)));
        assertThat(s.find(ALICE, ArchiveStore.Filter.all(), false, 1)).containsExactly(new ArchiveStore.Entry(ALICE, 5, CAROL, true, null, m));
    }

    @Test
    default void withMatchesEveryResourceOfABareJidButOnlyItselfForAFullJid() {
        ArchiveStore s = store();
        s.append(List.of(entry(ALICE, 1, BOB_PHONE, "a"), entry(ALICE, 2, BOB_PC, "b"), entry(ALICE, 3, BOB_PHONE.bare(), "c"),
                entry(ALICE, 4, CAROL, "d")));
        ArchiveStore.Filter bare = new ArchiveStore.Filter(BOB_PHONE.bare(), Long.MIN_VALUE, Long.MAX_VALUE, List.of(), null);
        ArchiveStore.Filter full = new ArchiveStore.Filter(BOB_PHONE, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), null);
        assertThat(ids(s.find(ALICE, bare, false, 10))).containsExactly(1L, 2L, 3L);
        assertThat(ids(s.find(ALICE, full, false, 10))).containsExactly(1L);
        assertThat(s.count(ALICE, bare)).isEqualTo(3);
    }

    @Test
    default void boundsIdsAndFullTextNarrowTheResults() {
        ArchiveStore s = store();
        List<ArchiveStore.Entry> batch = new ArrayList<>();
        for (int i = 1; i <= 10; i++) batch.add(entry(ALICE, i, CAROL, i % 2 == 0 ? "Even 100% Sure_" + i : "odd " + i));
        s.append(batch);
        assertThat(ids(s.find(ALICE, ArchiveStore.Filter.all().withBounds(3, 6), false, 10))).containsExactly(3L, 4L, 5L, 6L);
        assertThat(ids(s.find(ALICE, new ArchiveStore.Filter(null, Long.MIN_VALUE, Long.MAX_VALUE, List.of(2L, 7L, 99L), null), false, 10)))
                .containsExactly(2L, 7L);
        ArchiveStore.Filter text = new ArchiveStore.Filter(null, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), "eVEN 100%");
        assertThat(ids(s.find(ALICE, text, false, 10))).containsExactly(2L, 4L, 6L, 8L, 10L);
        // LIKE wildcards in the search text are literal
        assertThat(s.count(ALICE, new ArchiveStore.Filter(null, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), "o_d"))).isZero();
        assertThat(s.count(ALICE, new ArchiveStore.Filter(null, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), "sure_1"))).isEqualTo(1);
        assertThat(s.find(ALICE, ArchiveStore.Filter.all(), false, 0)).isEmpty();
    }

    @Test
    default void containsBoundsRemovalAndRetention() {
        ArchiveStore s = store();
        assertThat(s.bounds(ALICE)).isEmpty();
        s.append(List.of(entry(ALICE, 100, CAROL, "x"), entry(ALICE, 200, CAROL, "y"), entry(CAROL, 150, ALICE, "z")));
        assertThat(s.contains(ALICE, 100)).isTrue();
        assertThat(s.contains(ALICE, 150)).isFalse();
        assertThat(s.bounds(ALICE)).hasValueSatisfying(b -> assertThat(b).containsExactly(100L, 200L));
        assertThat(s.removeBefore(160)).isEqualTo(2);
        assertThat(ids(s.find(ALICE, ArchiveStore.Filter.all(), false, 10))).containsExactly(200L);
        s.setPrefs(ALICE, ArchivePrefs.of(ArchivePrefs.Mode.NEVER));
        s.removeArchive(ALICE);
        assertThat(s.count(ALICE, ArchiveStore.Filter.all())).isZero();
        assertThat(s.prefs(ALICE)).isEmpty();
    }

    @Test
    default void prefsAreStoredAndReplaced() {
        ArchiveStore s = store();
        assertThat(s.prefs(ALICE)).isEmpty();
        ArchivePrefs p = new ArchivePrefs(ArchivePrefs.Mode.ROSTER, Set.of(CAROL, BOB_PHONE.bare()), Set.of(Jid.parse("spam.example")));
        s.setPrefs(ALICE, p);
        assertThat(s.prefs(ALICE)).contains(p);
        ArchivePrefs q = ArchivePrefs.of(ArchivePrefs.Mode.ALWAYS);
        s.setPrefs(ALICE, q);
        assertThat(s.prefs(ALICE)).contains(q);
        assertThat(s.prefs(CAROL)).isEmpty();
    }
}
