package dev.meerkat.hooks;

/** A typed hook name: handlers registered under a key receive events of type {@code E}. */
public record HookKey<E>(String name, Class<E> eventType) {
    public static <E> HookKey<E> of(String name, Class<E> eventType) {
        return new HookKey<>(name, eventType);
    }

    @Override
    public String toString() { return name; }
}
