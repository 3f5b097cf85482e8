package dev.meerkat.mod.privacy;

import dev.meerkat.jid.Jid;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The privacy lists of local users and which one is each user's default (XEP-0016). The XEP-0191
 * blocklist is kept here too, as the deny-everything JID items of the default list. Methods block
 * on storage: never call them on a Netty event loop.
 */
public interface PrivacyStore {
    /** The names of the user's lists, in code point order. */
    List<String> names(Jid user);

    Optional<PrivacyList> list(Jid user, String name);

    Optional<String> defaultName(Jid user);

    /** The default list, read in one go (the check for stanzas to a user with no session). */
    Optional<PrivacyList> defaultList(Jid user);

    /**
     * Reads the list (an empty list if there is none), applies {@code change} and writes the result
     * as the whole list, under a lock on the list so that concurrent changes apply one after the other. The
     * result must keep the name. The function may run more than once and must have no side effects.
     *
     * @return the list as written
     */
    PrivacyList update(Jid user, String name, UnaryOperator<PrivacyList> change);

    /** Writes the list, replacing a list of the same name. */
    default void put(Jid user, PrivacyList list) {
        update(user, list.name(), old -> list);
    }

    /**
     * Removes the list; if it was the default list the user has no default afterwards.
     *
     * @return false if there was no such list
     */
    boolean remove(Jid user, String name);

    /**
     * Makes the list the default, or clears the default with null.
     *
     * @return false (nothing changed) if there is no list of that name
     */
    boolean setDefault(Jid user, String name);

    /** Removes every list of the user (the account was removed). */
    void removeAll(Jid user);
}
