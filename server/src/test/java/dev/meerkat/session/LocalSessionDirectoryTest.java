package dev.meerkat.session;

import dev.meerkat.jid.Jid;
import dev.meerkat.stanza.Stanza;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSessionDirectoryTest {
    /** A session as the directory sees it; identity is what matters. */
    private static final class Ref implements SessionRef {
        private final Jid jid;

        Ref(String jid) { this.jid = Jid.parse(jid); }

        @Override public Jid jid() { return jid; }

        @Override public String node() { return "n1"; }

        @Override public int priority() { return 0; }

        @Override public boolean available() { return true; }

        @Override public void deliver(Stanza stanza) { }
    }

    private final LocalSessionDirectory dir = new LocalSessionDirectory();

    @Test
    void findsSessionsByFullJidAndListsThemByBareJid() {
        Ref phone = new Ref("alice@localhost/phone");
        Ref laptop = new Ref("alice@localhost/laptop");
        Ref bob = new Ref("bob@localhost/x");
        dir.put(phone);
        dir.put(laptop);
        dir.put(bob);
        assertThat(dir.find(Jid.parse("alice@localhost/phone"))).containsSame(phone);
        assertThat(dir.find(Jid.parse("alice@localhost/tablet"))).isEmpty();
        assertThat(dir.find(Jid.parse("carol@localhost/phone"))).isEmpty();
        assertThat(dir.resources(Jid.parse("alice@localhost"))).containsExactlyInAnyOrder(phone, laptop);
        // a full JID given where a bare one is asked for means its account
        assertThat(dir.resources(Jid.parse("alice@localhost/any"))).containsExactlyInAnyOrder(phone, laptop);
        assertThat(dir.resources(Jid.parse("carol@localhost"))).isEmpty();
        assertThat(dir.count()).isEqualTo(3);
        assertThat(dir.all()).containsExactlyInAnyOrder(phone, laptop, bob);
    }

    @Test
    void aSecondSessionWithTheSameFullJidReplacesTheFirst() {
        Ref first = new Ref("alice@localhost/phone");
        Ref second = new Ref("alice@localhost/phone");
        assertThat(dir.put(first)).isEmpty();
        assertThat(dir.put(second)).containsSame(first);
        assertThat(dir.find(Jid.parse("alice@localhost/phone"))).containsSame(second);
        assertThat(dir.resources(Jid.parse("alice@localhost"))).containsExactly(second);
        assertThat(dir.count()).isEqualTo(1);
        // the replaced session ending later must not take the new one with it
        dir.remove(first);
        assertThat(dir.find(Jid.parse("alice@localhost/phone"))).containsSame(second);
        assertThat(dir.count()).isEqualTo(1);
        dir.remove(second);
        assertThat(dir.find(Jid.parse("alice@localhost/phone"))).isEmpty();
        assertThat(dir.resources(Jid.parse("alice@localhost"))).isEmpty();
        assertThat(dir.count()).isZero();
    }

    @Test
    void theListHandedOutIsASnapshotThatLaterLoginsDoNotChange() {
        Ref phone = new Ref("alice@localhost/phone");
        dir.put(phone);
        List<SessionRef> before = dir.resources(Jid.parse("alice@localhost"));
        dir.put(new Ref("alice@localhost/laptop"));
        assertThat(before).containsExactly(phone);
        assertThatThrownBy(() -> before.add(phone)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void concurrentLoginsAndLogoutsKeepTheCountRight() throws Exception {
        int threads = 4;
        int perThread = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<List<Ref>> kept = new ArrayList<>();
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Ref> mine = new ArrayList<>();
                kept.add(mine);
                int id = t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        // ten accounts shared by all threads, a resource per thread and step
                        Ref r = new Ref("u" + (i % 10) + "@localhost/t" + id + "-" + i);
                        dir.put(r);
                        if (i % 2 == 0) dir.remove(r);
                        else mine.add(r);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (var f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        int expected = threads * perThread / 2;
        assertThat(dir.count()).isEqualTo(expected);
        assertThat(dir.all()).hasSize(expected);
        for (List<Ref> mine : kept) for (Ref r : mine) assertThat(dir.find(r.jid())).containsSame(r);
    }
}
