package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.NodeConfig;
import dev.meerkat.mod.pubsub.model.PubSubItem;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.module.Hosts;
import dev.meerkat.session.LocalSession;

import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0163 §4.3.1 / XEP-0060 send_last_published_item "on_sub_and_presence": when a client becomes
 * available (or its caps change), it gets the last item of every PEP node it is interested in and
 * may read: its own account's nodes and those of local contacts whose presence it receives.
 */
public final class LastItems {
    private final PubSubService pep;
    private final RosterStore roster;
    private final CapsTracker caps;
    private final Hosts hosts;

    public LastItems(PubSubService pep, RosterStore roster, CapsTracker caps, Hosts hosts) {
        this.pep = pep;
        this.roster = roster;
        this.caps = caps;
        this.hosts = hosts;
    }

    public void send(LocalSession session) {
        Jid user = session.jid().bare();
        List<Jid> publishers = new ArrayList<>();
        publishers.add(user);
        for (RosterItem i : roster.items(user)) {
            if (!i.hidden() && i.state().hasTo() && hosts.isLocal(i.contact().domain()) && i.contact().hasLocal()) {
                publishers.add(i.contact());
            }
        }
        for (Jid publisher : publishers) {
            for (PubSubNode node : pep.store().nodes(publisher, pep.defaults())) {
                if (!node.config().sendLast().equals("on_sub_and_presence") || !node.config().flag(NodeConfig.DELIVER_NOTIFICATIONS)) continue;
                if (!caps.wants(session, node.id()) || !pep.access().mayRead(node, user)) continue;
                List<PubSubItem> last = pep.store().items(publisher, node.id(), 1);
                if (!last.isEmpty()) pep.notifier().published(node, last.getFirst(), List.of(session.jid()));
            }
        }
    }
}
