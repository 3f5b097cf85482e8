package dev.meerkat.load.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyTimelineTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    @Test
    void groupsBySendingSecondAndCountsTheSlowOnes() {
        LatencyTimeline t = new LatencyTimeline(3);
        long start = 5 * SECOND;
        t.start(start);
        t.record(start + 100 * MS, 2 * MS);
        t.record(start + 900 * MS, 20 * MS);
        t.record(start + SECOND + 1, 150 * MS);
        t.record(start + 2 * SECOND + 5, 1 * MS);
        assertThat(t.lines()).containsExactly(
                "SECOND t=0 delivered=2 over_10ms=1 over_100ms=0 max_ms=20.00",
                "SECOND t=1 delivered=1 over_10ms=1 over_100ms=1 max_ms=150.00",
                "SECOND t=2 delivered=1 over_10ms=0 over_100ms=0 max_ms=1.00");
    }

    @Test
    void leavesOutWhatWasSentBeforeTheStartOrAfterTheLastSecond() {
        LatencyTimeline t = new LatencyTimeline(1);
        t.start(10 * SECOND);
        t.record(10 * SECOND - 1, 500 * MS);   // a warm-up message
        t.record(11 * SECOND, 500 * MS);       // past the window
        assertThat(t.lines()).isEmpty();
        t.record(10 * SECOND, 3 * MS);
        assertThat(t.lines()).containsExactly("SECOND t=0 delivered=1 over_10ms=0 over_100ms=0 max_ms=3.00");
    }
}
