package dev.meerkat.load.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyHistogramTest {
    @Test
    void emptyHistogramReportsZero() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.count()).isZero();
        assertThat(h.percentile(99)).isZero();
        assertThat(h.max()).isZero();
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 50; v++) h.record(v);
        assertThat(h.percentile(50)).isEqualTo(25);
        assertThat(h.percentile(100)).isEqualTo(50);
        assertThat(h.percentile(0)).isEqualTo(1);
    }

    @Test
    void percentilesOfAUniformSpreadAreWithinTheBucketError() {
        LatencyHistogram h = new LatencyHistogram();
        for (long ms = 1; ms <= 1000; ms++) h.record(ms * 1_000_000);
        assertThat(h.count()).isEqualTo(1000);
        assertThat((double) h.percentile(50)).isCloseTo(500e6, within(500e6 / 64));
        assertThat((double) h.percentile(95)).isCloseTo(950e6, within(950e6 / 64));
        assertThat((double) h.percentile(99)).isCloseTo(990e6, within(990e6 / 64));
        assertThat(h.percentile(100)).isEqualTo(1000_000_000L);
        assertThat(h.max()).isEqualTo(1000_000_000L);
    }

    @Test
    void aSingleOutlierDecidesOnlyTheTop() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < 999; i++) h.record(1_000_000);
        h.record(5_000_000_000L);
        assertThat(h.percentile(99)).isLessThanOrEqualTo(1_000_000 + 1_000_000 / 64);
        assertThat(h.percentile(99.95)).isGreaterThan(4_900_000_000L);
        assertThat(h.max()).isEqualTo(5_000_000_000L);
    }

    @Test
    void bucketEdgesContainTheirValues() {
        for (long v : new long[] {0, 63, 64, 65, 127, 128, 1000, 123_456_789, Long.MAX_VALUE / 2}) {
            int i = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.upperEdge(i)).isGreaterThanOrEqualTo(v);
            if (i > 0) assertThat(LatencyHistogram.upperEdge(i - 1)).isLessThan(v);
        }
    }

    @Test
    void negativeSamplesCountAsZero() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5);
        assertThat(h.percentile(50)).isZero();
        assertThat(h.count()).isEqualTo(1);
    }
}
