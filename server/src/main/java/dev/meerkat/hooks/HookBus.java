package dev.meerkat.hooks;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Typed hooks with priorities. Registration is copy-on-write so that running a hook (every stanza
 * does) reads one volatile array and takes no lock. A handler that throws is logged with the hook
 * and owner names and the chain continues with the event as it was.
 *
 * <p>Threading: {@link #run} executes handlers on the caller's thread. Callers must not run hooks
 * on a Netty event loop, since handlers may do storage I/O.
 */
public final class HookBus {
    private static final Logger log = LoggerFactory.getLogger(HookBus.class);

    private final Map<HookKey<?>, Registration<?>[]> handlers = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    /** Outcome of running a hook: whether a handler stopped it, and the (possibly replaced) event. */
    public record Outcome<E>(boolean stopped, E event) {}

    private record Registration<E>(HookKey<E> key, int priority, long seq, String owner, HookHandler<E> handler) {}

    /** Registers a handler; the returned handle removes it. {@code owner} names it in logs (a module name). */
    public <E> Runnable register(HookKey<E> key, int priority, String owner, HookHandler<E> handler) {
        Registration<E> reg = new Registration<>(key, priority, seq.incrementAndGet(), owner, handler);
        handlers.compute(key, (k, old) -> {
            List<Registration<?>> list = new ArrayList<>(old == null ? List.of() : List.of(old));
            list.add(reg);
            list.sort(Comparator.<Registration<?>>comparingInt(Registration::priority).thenComparingLong(Registration::seq));
            return list.toArray(new Registration<?>[0]);
        });
        return () -> handlers.computeIfPresent(key, (k, old) -> {
            List<Registration<?>> list = new ArrayList<>(List.of(old));
            list.remove(reg);
            return list.isEmpty() ? null : list.toArray(new Registration<?>[0]);
        });
    }

    @SuppressWarnings("unchecked")
    public <E> Outcome<E> run(HookKey<E> key, E event) {
        Registration<?>[] regs = handlers.get(key);
        if (regs == null) return new Outcome<>(false, event);
        E current = event;
        for (Registration<?> r : regs) {
            Registration<E> reg = (Registration<E>) r;
            HookResult<E> result;
            try {
                result = reg.handler().handle(current);
            } catch (Exception | LinkageError | AssertionError e) {
                log.error("hook {} handler of {} failed; continuing", key.name(), reg.owner(), e);
                continue;
            }
            if (result instanceof HookResult.Stop<E> stop) {
                return new Outcome<>(true, stop.event() == null ? current : stop.event());
            }
            if (result instanceof HookResult.Continue<E> cont && cont.event() != null) current = cont.event();
        }
        return new Outcome<>(false, current);
    }

    public boolean hasHandlers(HookKey<?> key) { return handlers.containsKey(key); }
}
