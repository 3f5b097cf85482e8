package dev.meerkat.mod.mam;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArchiveIdsTest {
    /** A clock whose time the test sets. */
    private static final class SetClock extends Clock {
        final AtomicLong millis = new AtomicLong();

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }

        @Override public Clock withZone(java.time.ZoneId zone) { return this; }

        @Override public Instant instant() { return Instant.ofEpochMilli(millis.get()); }
    }

    @Test
    void idsIncreaseWithinAMillisecondAndWhenTheClockGoesBack() {
        SetClock clock = new SetClock();
        clock.millis.set(1_700_000_000_000L);
        ArchiveIds ids = new ArchiveIds(clock);
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) made.add(ids.next());
        clock.millis.set(1_600_000_000_000L);
        made.add(ids.next());
        clock.millis.set(1_800_000_000_000L);
        made.add(ids.next());
        assertThat(made).isSorted().doesNotHaveDuplicates();
        assertThat(ArchiveIds.timestamp(made.get(0))).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(ArchiveIds.timestamp(made.get(6))).isEqualTo(Instant.ofEpochMilli(1_800_000_000_000L));
    }

    @Test
    void formattedIdsSortLikeTheNumbersAndParseBack() {
        long[] values = {0, 1, 31, 32, 1_700_000_000_000L << 20, (1_700_000_000_000L << 20) + 1, Long.MAX_VALUE};
        String previous = null;
        for (long v : values) {
            String s = ArchiveIds.format(v);
            assertThat(s).hasSize(13);
            assertThat(ArchiveIds.parse(s)).isEqualTo(v);
            if (previous != null) assertThat(s).isGreaterThan(previous);
            previous = s;
        }
    }

    @Test
    void malformedIdsAreRejected() {
        assertThatThrownBy(() -> ArchiveIds.parse("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveIds.parse("000000000000u")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveIds.parse("z000000000000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArchiveIds.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void timeBoundsEncloseEveryIdOfTheirMillisecond() {
        Instant t = Instant.parse("2024-05-01T10:00:00.123Z");
        SetClock clock = new SetClock();
        clock.millis.set(t.toEpochMilli());
        ArchiveIds ids = new ArchiveIds(clock);
        long a = ids.next();
        long b = ids.next();
        assertThat(a).isGreaterThanOrEqualTo(ArchiveIds.lowestAt(t)).isLessThanOrEqualTo(ArchiveIds.highestAt(t));
        assertThat(b).isLessThanOrEqualTo(ArchiveIds.highestAt(t));
        assertThat(ArchiveIds.highestAt(t.minusMillis(1))).isLessThan(a);
        assertThat(ArchiveIds.lowestAt(t.plusMillis(1))).isGreaterThan(b);
    }
}
