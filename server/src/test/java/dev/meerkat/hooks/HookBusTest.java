package dev.meerkat.hooks;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HookBusTest {
    record Event(String text) {}

    static final HookKey<Event> KEY = HookKey.of("test", Event.class);

    @Test
    void handlersRunInPriorityOrderThenRegistrationOrder() {
        HookBus bus = new HookBus();
        List<String> order = new ArrayList<>();
        bus.register(KEY, Priority.LATE, "m1", e -> { order.add("late"); return HookResult.proceed(); });
        bus.register(KEY, Priority.EARLY, "m2", e -> { order.add("early-1"); return HookResult.proceed(); });
        bus.register(KEY, Priority.EARLY, "m3", e -> { order.add("early-2"); return HookResult.proceed(); });
        assertThat(bus.run(KEY, new Event("x")).stopped()).isFalse();
        assertThat(order).containsExactly("early-1", "early-2", "late");
    }

    @Test
    void stopEndsTheChainAndReplacementsCarryOn() {
        HookBus bus = new HookBus();
        List<String> seen = new ArrayList<>();
        bus.register(KEY, Priority.FIRST, "rewrite", e -> HookResult.proceedWith(new Event(e.text() + "!")));
        bus.register(KEY, Priority.DEFAULT, "stop", e -> { seen.add(e.text()); return HookResult.stop(); });
        bus.register(KEY, Priority.LAST, "never", e -> { seen.add("never"); return HookResult.proceed(); });
        HookBus.Outcome<Event> out = bus.run(KEY, new Event("hi"));
        assertThat(out.stopped()).isTrue();
        assertThat(out.event().text()).isEqualTo("hi!");
        assertThat(seen).containsExactly("hi!");
    }

    @Test
    void aFailingHandlerIsSkippedAndTheChainContinues() {
        HookBus bus = new HookBus();
        List<String> seen = new ArrayList<>();
        bus.register(KEY, Priority.EARLY, "broken", e -> { throw new IllegalStateException("boom"); });
        bus.register(KEY, Priority.LATE, "fine", e -> { seen.add(e.text()); return HookResult.proceed(); });
        assertThat(bus.run(KEY, new Event("ok")).stopped()).isFalse();
        assertThat(seen).containsExactly("ok");
    }

    @Test
    void unregisteringRemovesTheHandler() {
        HookBus bus = new HookBus();
        List<String> seen = new ArrayList<>();
        Runnable undo = bus.register(KEY, Priority.DEFAULT, "m", e -> { seen.add("x"); return HookResult.proceed(); });
        undo.run();
        bus.run(KEY, new Event("e"));
        assertThat(seen).isEmpty();
        assertThat(bus.hasHandlers(KEY)).isFalse();
    }
}
