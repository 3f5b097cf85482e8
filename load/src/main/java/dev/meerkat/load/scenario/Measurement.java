package dev.meerkat.load.scenario;

import dev.meerkat.load.stats.CpuClock;
import dev.meerkat.load.stats.ServerProbe;

import java.io.IOException;

/**
 * CPU of the generator and (when its PID is known) of the server over a measured window, and the
 * server's RSS at the end of it. CPU is given as percent of one core, so 200 is both cores here.
 */
final class Measurement {
    private final CpuClock cpu;
    private final ServerProbe server;
    private long startWall;
    private long startGen;
    private long startServer;
    private long startServerSystem;

    Measurement(CpuClock cpu, ServerProbe server) {
        this.cpu = cpu;
        this.server = server;
    }

    void start() {
        startWall = System.nanoTime();
        startGen = cpu.processCpuNanos();
        startServer = serverCpu();
        startServerSystem = serverSystemCpu();
    }

    long elapsedNanos() { return System.nanoTime() - startWall; }

    /**
     * Adds gen_cpu_s, gen_cpu_pct, and server_cpu_s, server_cpu_pct (user + system),
     * server_sys_cpu_pct (system alone), server_rss_kib when a server PID was given.
     */
    void finish(RunResult r) {
        double wall = (System.nanoTime() - startWall) / 1e9;
        double gen = (cpu.processCpuNanos() - startGen) / 1e9;
        r.put("window_s", wall);
        r.put("gen_cpu_s", gen).put("gen_cpu_pct", wall > 0 ? 100 * gen / wall : 0.0);
        if (server != null) {
            double srv = (serverCpu() - startServer) / 1e9;
            double sys = (serverSystemCpu() - startServerSystem) / 1e9;
            r.put("server_cpu_s", srv).put("server_cpu_pct", wall > 0 ? 100 * srv / wall : 0.0);
            r.put("server_sys_cpu_pct", wall > 0 ? 100 * sys / wall : 0.0);
            r.put("server_rss_kib", serverRss());
        }
    }

    private long serverCpu() { return read(ServerProbe::cpuNanos, 0); }

    private long serverSystemCpu() { return read(ServerProbe::systemCpuNanos, 0); }

    private interface Reading {
        long from(ServerProbe probe) throws IOException;
    }

    /** A figure of the server, or {@code otherwise} when there is no server PID or it cannot be read. */
    private long read(Reading reading, long otherwise) {
        if (server == null) return otherwise;
        try {
            return reading.from(server);
        } catch (IOException e) {
            return otherwise;
        }
    }

    private long serverRss() { return read(ServerProbe::rssKib, -1); }
}
