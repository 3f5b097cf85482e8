package dev.meerkat.mod.pubsub;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.pubsub.model.AccessModel;
import dev.meerkat.mod.pubsub.model.Affiliation;
import dev.meerkat.mod.pubsub.model.PubSubNode;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.stanza.StanzaError;

import java.util.Optional;

/**
 * Who may read a node (XEP-0060 §4.5 access models, §6.1.3 and §6.5.9 errors). The 'presence' and
 * 'roster' models look at the node owner's roster, so they work for owners that are local users.
 */
public final class Access {
    private final PubSubStore store;
    private final RosterStore roster;

    public Access(PubSubStore store, RosterStore roster) {
        this.store = store;
        this.roster = roster;
    }

    /** The requester's affiliation (bare JID), NONE when none is stored. */
    public Affiliation affiliation(PubSubNode node, Jid requester) {
        if (requester.bare().equals(node.owner().bare())) return Affiliation.OWNER;
        Affiliation a = store.affiliations(node.service(), node.id()).get(requester.bare());
        return a == null ? Affiliation.NONE : a;
    }

    /** Empty when the requester may subscribe and read items, else the error to answer with. */
    public Optional<PubSubError> readDenied(PubSubNode node, Jid requester) {
        Affiliation a = affiliation(node, requester);
        if (a == Affiliation.OUTCAST) return Optional.of(PubSubError.forbidden());
        if (a.canReadRegardless()) return Optional.empty();
        AccessModel model = node.config().accessModel();
        return switch (model) {
            case OPEN -> Optional.empty();
            case PRESENCE -> ownersItem(node, requester).filter(i -> i.state().hasFrom()).isPresent() ? Optional.empty()
                    : Optional.of(PubSubError.of(StanzaError.NOT_AUTHORIZED, "presence-subscription-required"));
            case ROSTER -> ownersItem(node, requester)
                    .filter(i -> i.groups().stream().anyMatch(node.config().rosterGroups()::contains)).isPresent()
                    ? Optional.empty() : Optional.of(PubSubError.of(StanzaError.NOT_AUTHORIZED, "not-in-roster-group"));
            case WHITELIST -> Optional.of(PubSubError.of(StanzaError.NOT_ALLOWED, "closed-node"));
        };
    }

    public boolean mayRead(PubSubNode node, Jid requester) { return readDenied(node, requester).isEmpty(); }

    /** XEP-0060 §7.1.3.1: whether the requester may publish, given the node's publish model. */
    public boolean mayPublish(PubSubNode node, Jid requester) {
        Affiliation a = affiliation(node, requester);
        if (a == Affiliation.OUTCAST) return false;
        if (a.canPublish()) return true;
        return switch (node.config().publishModel()) {
            case "open" -> true;
            case "subscribers" -> store.subscriptions(node.service(), node.id()).stream()
                    .anyMatch(s -> s.jid().bare().equals(requester.bare()));
            default -> false;
        };
    }

    private Optional<RosterItem> ownersItem(PubSubNode node, Jid requester) {
        return roster.item(node.owner().bare(), requester.bare()).filter(i -> !i.hidden());
    }
}
