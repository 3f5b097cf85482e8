package dev.meerkat.mod.privatestorage;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Optional;

/**
 * XEP-0049 private XML of local users: one element per (user, namespace of the element). Methods
 * block on storage: never call them on a Netty event loop.
 */
public interface PrivateStore {
    /** Longest namespace the store can key on (characters). */
    int MAX_NAMESPACE_LENGTH = 250;

    /** The user's element in this namespace, if stored. */
    Optional<Element> get(Jid user, String namespace);

    /**
     * Stores each element under its namespace, replacing what was there, all or nothing.
     *
     * @throws IllegalArgumentException if a namespace is longer than {@link #MAX_NAMESPACE_LENGTH}
     */
    void set(Jid user, List<Element> elements);

    /** Removes everything the user stored (the account was removed). */
    void removeAll(Jid user);
}
