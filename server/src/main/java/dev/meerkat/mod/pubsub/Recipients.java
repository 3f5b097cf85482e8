package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.PubSubNode;

import java.util.Set;

/** Who receives a node's event notifications: explicit subscribers, and for PEP interested contacts. */
public interface Recipients {
    Set<Jid> of(PubSubNode node);
}
