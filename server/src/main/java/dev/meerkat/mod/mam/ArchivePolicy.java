package dev.meerkat.mod.mam;

import dev.meerkat.stanza.Message;
import dev.meerkat.xml.Element;

import java.util.Set;

/**
 * Which one-to-one messages go into archives, as ejabberd and MongooseIM decide: chat and normal
 * messages with a non-empty body or an encrypted payload, or with an XEP-0334 {@code <store/>}
 * hint; never errors, headlines or groupchat (rooms keep their own archive), never messages with
 * {@code <no-store/>} or {@code <no-permanent-store/>}. Chat states, receipts and markers alone are
 * not archived. Server-made wrappers (archive results, carbon copies) are never archived again.
 */
public final class ArchivePolicy {
    /** Payloads that stand for a body: OMEMO (both versions), OpenPGP for XMPP, legacy OpenPGP. */
    private static final Set<String> ENCRYPTED = Set.of(
            "eu.siacs.conversations.axolotl", "urn:xmpp:omemo:2", "urn:xmpp:openpgp:0", "jabber:x:encrypted");
    private static final String CARBONS = "urn:xmpp:carbons:2";

    private ArchivePolicy() {}

    public static boolean archivable(Message m) {
        String type = m.type();
        if (!type.equals("chat") && !type.equals("normal")) return false;
        return worthKeeping(m.element());
    }

    /**
     * Which groupchat messages a room archives: the same content rules as one-to-one messages
     * (a body, an encrypted payload or a store hint; no-store wins). Subject changes alone have no
     * body and are not archived.
     */
    public static boolean archivableGroupchat(Element message) {
        return "groupchat".equals(message.attr("type")) && worthKeeping(message);
    }

    private static boolean worthKeeping(Element e) {
        boolean storeHint = false;
        boolean content = false;
        for (Element child : e.elements()) {
            String ns = child.namespace();
            if (ns.equals(MamNs.HINTS)) {
                if (child.name().equals("no-store") || child.name().equals("no-permanent-store")) return false;
                if (child.name().equals("store")) storeHint = true;
            } else if (child.is("result", MamNs.MAM) || ns.equals(CARBONS)) {
                return false;
            } else if (child.is("body", e.namespace())) {
                if (!child.text().isEmpty()) content = true;
            } else if (ENCRYPTED.contains(ns)) {
                content = true;
            }
        }
        return content || storeHint;
    }

    /** The element with every {@code <stanza-id/>} claiming to be by {@code by} removed (XEP-0359 §4: a client could forge them). */
    public static Element withoutStanzaIdsBy(Element message, String by) {
        boolean found = false;
        for (Element child : message.elements()) {
            if (child.is("stanza-id", MamNs.SID) && by.equals(child.attr("by"))) {
                found = true;
                break;
            }
        }
        if (!found) return message;
        return message.withChildren(message.children().stream()
                .filter(n -> !(n instanceof Element c && c.is("stanza-id", MamNs.SID) && by.equals(c.attr("by")))).toList());
    }

    public static Element stanzaId(long id, String by) {
        return Element.builder("stanza-id", MamNs.SID).attr("id", ArchiveIds.format(id)).attr("by", by).build();
    }
}
