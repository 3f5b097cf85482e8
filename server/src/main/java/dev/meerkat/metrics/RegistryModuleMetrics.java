package dev.meerkat.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@link ModuleMetrics} on a Micrometer registry. The registry returns the existing meter when a
 * name is registered again, so the same module on several hosts shares one node-wide series.
 */
final class RegistryModuleMetrics implements ModuleMetrics {
    private final MeterRegistry registry;

    RegistryModuleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Count counter(String name, String description) {
        Counter c = Counter.builder(name).description(description).register(registry);
        return c::increment;
    }

    @Override
    public Timing timer(String name, String description) {
        Timer t = Timer.builder(name).description(description).register(registry);
        return t::record;
    }
}
