package dev.meerkat.mod.offline;

import dev.meerkat.stanza.Message;
import dev.meerkat.xml.Element;

import java.util.Set;

/**
 * Which messages for an offline user are kept (XEP-0160 §3, XEP-0334 hints). Only chat and normal
 * messages are kept: errors and headlines are dropped and groupchat is refused by the delivery
 * rules before the offline hook runs.
 */
public final class OfflinePolicy {
    public static final String HINTS_NS = "urn:xmpp:hints";

    /** What to do with a message for a user with no available resource. */
    public enum Action {
        /** Keep it for the next login. */
        STORE,
        /** Do not keep it and tell the sender (service-unavailable, RFC 6121 §8.5.2.1.1). */
        BOUNCE,
        /** Do not keep it and say nothing: it only mattered while the user was there (chat states). */
        DROP
    }

    /**
     * Payloads worth keeping besides a body or subject, by namespace: encrypted bodies (OMEMO, OX,
     * OpenPGP), invitations, delivery receipts and chat markers (the sender's client shows them as
     * ticks, so they must survive the recipient being offline).
     */
    private static final Set<String> STORABLE_NAMESPACES = Set.of(
            "eu.siacs.conversations.axolotl", "urn:xmpp:omemo:2", "urn:xmpp:openpgp:0", "jabber:x:encrypted",
            "jabber:x:conference", "urn:xmpp:receipts", "urn:xmpp:chat-markers:0");

    private OfflinePolicy() {}

    public static Action decide(Message m) {
        String type = m.type();
        if (!type.equals("chat") && !type.equals("normal")) return Action.BOUNCE;
        Element e = m.element();
        if (e.child("no-store", HINTS_NS).isPresent()) return Action.BOUNCE;
        if (e.child("store", HINTS_NS).isPresent() || hasStorableContent(m)) return Action.STORE;
        return Action.DROP;
    }

    private static boolean hasStorableContent(Message m) {
        Element e = m.element();
        if (e.child("body", e.namespace()).isPresent() || e.child("subject", e.namespace()).isPresent()) return true;
        for (Element child : e.elements()) {
            if (STORABLE_NAMESPACES.contains(child.namespace())) return true;
            // XEP-0045 §7.8.2 mediated invitation
            if (child.is("x", "http://jabber.org/protocol/muc#user") && child.child("invite", child.namespace()).isPresent()) return true;
        }
        return false;
    }
}
