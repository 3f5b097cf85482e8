package dev.meerkat.hooks;

/** A hook handler. It may run on any thread except a Netty event loop, and may block briefly. */
@FunctionalInterface
public interface HookHandler<E> {
    HookResult<E> handle(E event) throws Exception;
}
