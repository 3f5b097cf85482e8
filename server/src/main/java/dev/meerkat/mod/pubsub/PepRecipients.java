package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * XEP-0163 §4.3 notification addressing for a PEP node: every available resource of the owner and
 * of each contact with a presence subscription to the owner ('from' or 'both' in the owner's
 * roster) that may read the node and whose caps say {@code node+notify}; plus explicit
 * subscribers. Contacts on other servers are not reached (their caps are unknown here).
 */
public final class PepRecipients implements Recipients {
    private final RosterStore roster;
    private final SessionDirectory directory;
    private final CapsTracker caps;
    private final Access access;
    private final SubscriberRecipients subscribers;

    public PepRecipients(RosterStore roster, SessionDirectory directory, CapsTracker caps, Access access, SubscriberRecipients subscribers) {
        this.roster = roster;
        this.directory = directory;
        this.caps = caps;
        this.access = access;
        this.subscribers = subscribers;
    }

    @Override
    public Set<Jid> of(PubSubNode node) {
        Jid owner = node.service();
        Set<Jid> to = new LinkedHashSet<>();
        addInterested(owner, node, to);
        for (RosterItem i : roster.items(owner)) {
            if (i.hidden() || !i.state().hasFrom() || !access.mayRead(node, i.contact())) continue;
            addInterested(i.contact(), node, to);
        }
        to.addAll(subscribers.of(node));
        return to;
    }

    private void addInterested(Jid bare, PubSubNode node, Set<Jid> to) {
        for (SessionRef s : directory.resources(bare)) {
            if (caps.wants(s, node.id())) to.add(s.jid());
        }
    }
}
