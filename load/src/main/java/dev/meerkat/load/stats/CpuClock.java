package dev.meerkat.load.stats;

import java.lang.management.ManagementFactory;

/** This process's CPU time, so a report shows whether the generator itself was the bottleneck. */
public final class CpuClock {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU time used by this JVM so far (all threads, user + system), in nanoseconds. */
    public long processCpuNanos() { return os.getProcessCpuTime(); }

    /** The open-file limit of this process (as "ulimit -n" reports it), or -1 when unknown. */
    public long maxOpenFiles() {
        return os instanceof com.sun.management.UnixOperatingSystemMXBean u ? u.getMaxFileDescriptorCount() : -1;
    }
}
