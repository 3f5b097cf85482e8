package dev.meerkat.load.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerProbeTest {
    @Test
    void cpuTicksAreUtimePlusStimeEvenWhenTheCommandHasSpacesAndParens() {
        String stat = "1234 (java (x) y) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 30 0 100 0 0";
        assertThat(ServerProbe.parseCpuTicks(stat)).isEqualTo(325);
        assertThat(ServerProbe.parseSystemTicks(stat)).isEqualTo(75);
    }

    @Test
    void rssComesFromVmRss() {
        assertThat(ServerProbe.parseRssKib("Name:\tjava\nVmPeak:\t 999 kB\nVmRSS:\t  123456 kB\nThreads: 3\n")).isEqualTo(123456);
    }

    @Test
    void readsThisProcess() throws Exception {
        ServerProbe self = new ServerProbe(ProcessHandle.current().pid());
        assertThat(self.rssKib()).isPositive();
        assertThat(self.cpuNanos()).isPositive();
    }
}
