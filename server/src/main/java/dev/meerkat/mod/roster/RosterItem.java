package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;

import java.util.List;

/**
 * One contact of a user as the server keeps it.
 *
 * @param contact       the contact's bare JID
 * @param name          the user's name for the contact, or null
 * @param groups        the user's groups for the contact, in the order given, without duplicates
 * @param state         subscription state
 * @param pendingStatus the status text of the contact's pending subscribe request (shown again
 *                      when it is redelivered), or null
 * @param hidden        an entry the server keeps only to remember a request from someone the user
 *                      never added (RFC 6121 §3.1.3: the request must not add the contact to the
 *                      roster); it is not part of the roster the user sees
 */
public record RosterItem(Jid contact, String name, List<String> groups, SubState state, String pendingStatus, boolean hidden) {
    public RosterItem {
        if (contact == null || !contact.isBare()) throw new IllegalArgumentException("contact must be a bare JID: " + contact);
        groups = List.copyOf(groups);
        if (state == null) state = SubState.NONE;
        if (!state.pendingIn()) pendingStatus = null;
    }

    /** A new, visible item with no subscription. */
    public static RosterItem of(Jid contact) {
        return new RosterItem(contact, null, List.of(), SubState.NONE, null, false);
    }

    /** A new hidden entry (see {@link #hidden}). */
    public static RosterItem hiddenEntry(Jid contact) {
        return new RosterItem(contact, null, List.of(), SubState.NONE, null, true);
    }

    public RosterItem withState(SubState s) { return new RosterItem(contact, name, groups, s, pendingStatus, hidden); }

    public RosterItem withPendingStatus(String status) { return new RosterItem(contact, name, groups, state, status, hidden); }

    /** The user's own data (name, groups); this makes the item part of the visible roster. */
    public RosterItem withUserData(String newName, List<String> newGroups) {
        return new RosterItem(contact, newName, newGroups, state, pendingStatus, false);
    }

    public RosterItem visible() { return hidden ? new RosterItem(contact, name, groups, state, pendingStatus, false) : this; }
}
