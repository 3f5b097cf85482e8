package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.module.AccountDiscoNodes;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Optional;

/**
 * XEP-0060 §5 discovery on a PEP service (the account's bare JID): its readable nodes, and a node's
 * info and items. A node the requester may not read answers item-not-found, as if it did not
 * exist, so that a whitelist node (bookmarks, OpenPGP secret key) does not even show its name.
 * Clients such as Smack's OpenPGP support ask a contact's node info before fetching its items.
 */
final class PepDiscoNodes implements AccountDiscoNodes {
    private final PubSubService pep;

    PepDiscoNodes(PubSubService pep) {
        this.pep = pep;
    }

    @Override
    public Optional<List<Element>> info(Jid account, String node, Jid requester) {
        return pep.store().node(account, node, pep.defaults())
                .filter(n -> requester != null && pep.access().mayRead(n, requester))
                .map(NodeDisco::info);
    }

    @Override
    public Optional<List<Element>> items(Jid account, String node, Jid requester) {
        if (requester == null) return Optional.empty();
        if (node == null) return Optional.of(NodeDisco.nodes(pep, account, requester));
        return pep.store().node(account, node, pep.defaults())
                .filter(n -> pep.access().mayRead(n, requester))
                .map(n -> NodeDisco.items(pep, n, requester));
    }
}
