package dev.meerkat.module;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.List;

/**
 * A XEP-0030 node of the server (a query with a {@code node} attribute), answered by the module
 * that owns it. Methods may throw {@link dev.meerkat.stanza.StanzaException} to refuse the
 * requester (forbidden, item-not-found).
 */
public interface DiscoNode {
    /** The identity and feature children of the disco#info answer for this requester. */
    List<Element> info(Jid requester);

    /** The item children of the disco#items answer for this requester. */
    List<Element> items(Jid requester);
}
