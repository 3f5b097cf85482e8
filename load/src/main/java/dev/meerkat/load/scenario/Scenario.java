package dev.meerkat.load.scenario;

import dev.meerkat.load.client.Connector;
import dev.meerkat.load.stats.CpuClock;
import dev.meerkat.load.stats.ServerProbe;

/**
 * One kind of load. Every run is bounded in time and count and returns by itself. A new kind is
 * one more implementation plus one {@link ScenarioKind}.
 */
public interface Scenario {
    /**
     * What a scenario gets: connections, the clocks to measure with ({@code server} may be null),
     * and where to print progress lines that scripts may wait for.
     */
    record Context(Connector connector, CpuClock cpu, ServerProbe server, java.io.PrintStream progress) { }

    RunResult run(Context ctx) throws InterruptedException;
}
