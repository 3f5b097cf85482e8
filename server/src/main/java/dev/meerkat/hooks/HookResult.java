package dev.meerkat.hooks;

/**
 * What a hook handler decides: go on with the same event, go on with a replaced event (a filter
 * that rewrites a stanza), or stop the chain (the event was consumed or dropped).
 */
public sealed interface HookResult<E> {
    record Continue<E>(E event) implements HookResult<E> {}

    record Stop<E>(E event) implements HookResult<E> {}

    @SuppressWarnings("unchecked")
    static <E> HookResult<E> proceed() { return (HookResult<E>) Shared.UNCHANGED; }

    static <E> HookResult<E> proceedWith(E replaced) { return new Continue<>(replaced); }

    @SuppressWarnings("unchecked")
    static <E> HookResult<E> stop() { return (HookResult<E>) Shared.STOPPED; }

    // Shared instances: a null event means "unchanged".
    interface Shared {
        Continue<Object> UNCHANGED = new Continue<>(null);
        Stop<Object> STOPPED = new Stop<>(null);
    }
}
