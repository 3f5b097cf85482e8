package dev.meerkat.load.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads another process's CPU time and resident memory from Linux /proc, for a server on this
 * machine. CPU ticks are converted with USER_HZ = 100, which is what Linux exposes to user space
 * on every common architecture.
 */
public final class ServerProbe {
    private static final long NANOS_PER_TICK = 10_000_000L;
    private final Path proc;

    public ServerProbe(long pid) {
        this.proc = Path.of("/proc", Long.toString(pid));
    }

    /** utime + stime of the process, in nanoseconds. */
    public long cpuNanos() throws IOException {
        return parseCpuTicks(Files.readString(proc.resolve("stat"))) * NANOS_PER_TICK;
    }

    /** stime alone: the CPU the kernel spent for the process (system calls, and on loopback the TCP input they trigger). */
    public long systemCpuNanos() throws IOException {
        return parseSystemTicks(Files.readString(proc.resolve("stat"))) * NANOS_PER_TICK;
    }

    /** VmRSS in KiB. */
    public long rssKib() throws IOException {
        return parseRssKib(Files.readString(proc.resolve("status")));
    }

    /** Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may itself hold spaces or ')'. */
    static long parseCpuTicks(String stat) {
        String[] f = fieldsFromState(stat);
        return Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    }

    static long parseSystemTicks(String stat) {
        return Long.parseLong(fieldsFromState(stat)[15 - 3]);
    }

    /** The fields from 3 (state) on: utime is field 14, stime field 15. */
    private static String[] fieldsFromState(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" +");
    }

    static long parseRssKib(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
        throw new IllegalStateException("no VmRSS line");
    }
}
