package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.NodeSubscription;
import dev.meerkat.mod.pubsub.model.PubSubNode;

import java.util.LinkedHashSet;
import java.util.Set;

/** The JIDs explicitly subscribed to a node (XEP-0060 §7.1.2) that may still read it and have delivery on (§6.3). */
public final class SubscriberRecipients implements Recipients {
    private final PubSubStore store;
    private final Access access;

    public SubscriberRecipients(PubSubStore store, Access access) {
        this.store = store;
        this.access = access;
    }

    @Override
    public Set<Jid> of(PubSubNode node) {
        Set<Jid> to = new LinkedHashSet<>();
        for (NodeSubscription s : store.subscriptions(node.service(), node.id())) {
            // an access model made stricter after subscribing must not leak items (XEP-0060 §4.5)
            if (s.state() != NodeSubscription.State.SUBSCRIBED || !s.options().deliver()) continue;
            if (access.mayRead(node, s.jid())) to.add(s.jid());
        }
        return to;
    }
}
