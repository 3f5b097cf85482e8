package dev.meerkat.module;

/** Whom an IQ handler answers for. */
public enum IqTarget {
    /** IQs to the host's domain JID. */
    SERVER,
    /**
     * IQs to an account's bare JID, answered by the server on the account's behalf (RFC 6120
     * §10.3.3 / RFC 6121 §8.5.2.1.3); an IQ without 'to' from a user counts as one to the user's own
     * bare JID.
     */
    BARE_JID
}
