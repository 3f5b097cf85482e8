package dev.meerkat.util;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SerialExecutorTest {
    /** Runs submitted drains only when told to, so a test sees exactly who runs what. */
    private static final class ManualExecutor implements Executor {
        final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
        @Override public void execute(Runnable r) { tasks.add(r); }
        void runAll() { Runnable r; while ((r = tasks.poll()) != null) r.run(); }
    }

    @Test
    void executeOrRunRunsOnTheCallerWhenIdleThenCallsAfterDrain() {
        ManualExecutor delegate = new ManualExecutor();
        List<String> log = new ArrayList<>();
        SerialExecutor ex = new SerialExecutor(delegate, () -> log.add("flush"));
        Thread caller = Thread.currentThread();
        ex.executeOrRun(() -> log.add(Thread.currentThread() == caller ? "inline" : "elsewhere"));
        assertThat(log).containsExactly("inline", "flush");
        assertThat(delegate.tasks).isEmpty();
        assertThat(ex.pending()).isZero();
    }

    @Test
    void executeOrRunQueuesBehindWorkAlreadyPending() {
        ManualExecutor delegate = new ManualExecutor();
        List<String> log = new ArrayList<>();
        SerialExecutor ex = new SerialExecutor(delegate, () -> log.add("flush"));
        ex.execute(() -> log.add("a"));
        ex.executeOrRun(() -> log.add("b"));
        assertThat(log).isEmpty();  // b did not overtake a
        delegate.runAll();
        assertThat(log).containsExactly("a", "b", "flush");
    }

    @Test
    void anInlineDrainHandsOverToTheDelegateAfterAFewTasks() {
        ManualExecutor delegate = new ManualExecutor();
        List<Integer> order = new ArrayList<>();
        int[] flushes = {0};
        SerialExecutor[] ex = new SerialExecutor[1];
        ex[0] = new SerialExecutor(delegate, () -> flushes[0]++);
        // the first task queues 20 more while it runs inline
        ex[0].executeOrRun(() -> {
            order.add(0);
            for (int i = 1; i <= 20; i++) { int n = i; ex[0].execute(() -> order.add(n)); }
        });
        assertThat(order).hasSizeLessThan(21);
        assertThat(flushes[0]).isEqualTo(1);
        assertThat(delegate.tasks).hasSize(1);
        delegate.runAll();
        assertThat(order).hasSize(21).isSorted();
        assertThat(ex[0].pending()).isZero();
    }

    @Test
    void queuedBehindDrainCountsOnlyWorkSubmittedAfterTheRound() {
        ManualExecutor delegate = new ManualExecutor();
        List<Integer> seen = new ArrayList<>();
        SerialExecutor[] ex = new SerialExecutor[1];
        ex[0] = new SerialExecutor(delegate, () -> {
            if (seen.isEmpty()) ex[0].execute(() -> { });
            seen.add(ex[0].queuedBehindDrain());
        });
        for (int i = 0; i < 5; i++) ex[0].execute(() -> { });
        delegate.runAll();
        // first round: 5 tasks done (not counted), one queued by the flush itself; second round: none
        assertThat(seen).containsExactly(1, 0);
        assertThat(ex[0].pending()).isZero();
    }

    @RepeatedTest(25)  // races show up once in many runs; each is a few tens of ms
    void concurrentSubmittersKeepEachOnesOrderAndNeverOverlap() throws Exception {
        ExecutorService vts = Executors.newVirtualThreadPerTaskExecutor();
        List<int[]> log = Collections.synchronizedList(new ArrayList<>());
        int[] running = {0};
        int[] overlaps = {0};
        SerialExecutor ex = new SerialExecutor(vts, () -> { });
        int submitters = 8, each = 2000;
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            int id = s;
            threads.add(Thread.ofVirtual().start(() -> {
                for (int i = 0; i < each; i++) {
                    int n = i;
                    Runnable task = () -> {
                        if (++running[0] != 1) overlaps[0]++;
                        log.add(new int[]{id, n});
                        running[0]--;
                    };
                    if (n % 2 == 0) ex.executeOrRun(task); else ex.execute(task);
                }
            }));
        }
        for (Thread t : threads) t.join();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (ex.pending() > 0 && System.nanoTime() < end) Thread.sleep(10);
        vts.shutdown();
        assertThat(ex.pending()).isZero();
        assertThat(overlaps[0]).isZero();
        assertThat(log).hasSize(submitters * each);
        int[] last = new int[submitters];
        java.util.Arrays.fill(last, -1);
        for (int[] e : log) {
            assertThat(e[1]).isGreaterThan(last[e[0]]);
            last[e[0]] = e[1];
        }
    }
}
