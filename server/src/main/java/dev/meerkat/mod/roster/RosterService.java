package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;

import java.util.List;

/**
 * The roster of a host's users for server-side callers (the admin API), offered by mod_roster
 * through {@code HostContext.service(RosterService.class)}. Changes push to the users' interested
 * resources as a client's roster set would. Methods block on storage.
 */
public interface RosterService {
    /** The user's visible roster, sorted by contact. */
    List<RosterItem> items(Jid user);

    /** Adds the contact or updates its name and groups; false if the roster is full. */
    boolean addContact(Jid user, Jid contact, String name, List<String> groups);

    /** Removes the contact and cancels the subscriptions it carried (RFC 6121 §2.5); false if absent. */
    boolean removeContact(Jid user, Jid contact);

    /**
     * Connect: each user gets the other in the roster with subscription both, and they exchange
     * current presence. Disconnect: each removes the other (cancelling the subscriptions).
     */
    void setMutualSubscription(Jid a, Jid b, boolean connect);
}
