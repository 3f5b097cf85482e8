package dev.meerkat.module;

import dev.meerkat.jid.Jid;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Optional;

/**
 * XEP-0030 nodes of an account's bare JID, answered by the module that owns them (XEP-0060 §5 on a
 * PEP service: its nodes, a node's info and items). Unlike {@link DiscoNode} the set of nodes
 * differs per account, so one provider answers for any node name.
 */
public interface AccountDiscoNodes {
    /** The identity/feature/form children of disco#info for the node; empty when the requester may not know it (item-not-found). */
    Optional<List<Element>> info(Jid account, String node, Jid requester);

    /**
     * The item children of disco#items: for the account itself when {@code node} is null (added to
     * what the account lists anyway), else for that node; empty when there is no such node for the
     * requester.
     */
    Optional<List<Element>> items(Jid account, String node, Jid requester);
}
