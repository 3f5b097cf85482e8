package dev.meerkat.mod.presence;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.presence.SubscriptionRules.Kind;
import dev.meerkat.mod.presence.SubscriptionRules.Outcome;
import dev.meerkat.mod.roster.PresenceOut;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterPushes;
import dev.meerkat.mod.roster.RosterStore;
import dev.meerkat.mod.roster.SubState;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * Applies {@link SubscriptionRules} to the store: outbound stanzas of a local user (§3.x.2) and
 * inbound stanzas for a local user (§3.x.3), with the roster pushes and presence they entail.
 */
final class Subscriptions {
    private final RosterStore store;
    private final RosterPushes pushes;
    private final PresenceOut out;
    private final SessionDirectory directory;
    private final Predicate<Jid> userExists;
    private final boolean preApproval;
    private final int maxRosterSize;

    Subscriptions(RosterStore store, RosterPushes pushes, PresenceOut out, SessionDirectory directory,
                  Predicate<Jid> userExists, boolean preApproval, int maxRosterSize) {
        this.store = store;
        this.pushes = pushes;
        this.out = out;
        this.directory = directory;
        this.userExists = userExists;
        this.preApproval = preApproval;
        this.maxRosterSize = maxRosterSize;
    }

    /** A subscription stanza the session's user sent to {@code p.to()}. */
    void outbound(LocalSession session, Presence p, Kind kind) {
        Jid user = session.jid().bare();
        Jid contact = p.to().bare();
        if (contact.equals(user)) return;  // one's own presence needs no subscription
        if (contact.toString().length() > RosterStore.MAX_CONTACT_LENGTH) {
            session.send(StanzaError.NOT_ACCEPTABLE.replyTo(p, "the JID is too long"));
            return;
        }
        if (kind == Kind.SUBSCRIBE && store.item(user, contact).filter(i -> !i.hidden()).isEmpty() && rosterFull(user)) {
            session.send(StanzaError.POLICY_VIOLATION.replyTo(p, "the roster is full"));
            return;
        }
        RosterStore.Change change = store.update(user, contact, cur -> {
            SubState s = cur.map(RosterItem::state).orElse(SubState.NONE);
            SubState next = SubscriptionRules.outbound(s, kind, preApproval).state();
            if (next.equals(s)) return cur;
            RosterItem item = cur.orElse(RosterItem.of(contact)).withState(next);
            // the user acted on this contact, so it belongs in the roster (§3.1.2, §3.1.5)
            return item.hidden() && next.isEmpty() ? Optional.empty() : Optional.of(item.visible());
        });
        Outcome o = SubscriptionRules.outbound(change.before().map(RosterItem::state).orElse(SubState.NONE), kind, preApproval);
        pushes.push(user, change);
        if (o.sendUnavailable()) out.unavailable(user, contact);
        if (o.forward()) out.forward(p.withAddresses(user, contact));  // bare JID stamped as 'from' (§3.1.2)
        if (o.sendPresence()) out.currentPresence(user, contact);
    }

    /** A subscription stanza from {@code p.from()} for the local user {@code p.to()}. */
    void inbound(Presence p, Kind kind) {
        Jid user = p.to().bare();
        Jid contact = p.from().bare();
        if (user.equals(contact)) return;
        if (store.item(user, contact).isEmpty() && !userExists.test(user)) {
            // §3.1.3: no such account; the sender learns it will get no presence
            if (kind == Kind.SUBSCRIBE) out.subscription("unsubscribed", user, contact);
            return;
        }
        String status = status(p);
        RosterStore.Change change = store.update(user, contact, cur -> {
            SubState s = cur.map(RosterItem::state).orElse(SubState.NONE);
            SubState next = SubscriptionRules.inbound(s, kind).state();
            if (next.equals(s)) return cur;
            RosterItem item = cur.orElse(RosterItem.hiddenEntry(contact)).withState(next);
            if (next.pendingIn() && !s.pendingIn()) item = item.withPendingStatus(clip(status));
            return item.hidden() && next.isEmpty() ? Optional.empty() : Optional.of(item);
        });
        Outcome o = SubscriptionRules.inbound(change.before().map(RosterItem::state).orElse(SubState.NONE), kind);
        pushes.push(user, change);
        if (o.forward()) deliverToAvailable(user, p.withAddresses(contact, user));
        if (o.autoReply()) out.subscription("subscribed", user, contact);
        if (o.sendPresence()) out.currentPresence(user, contact);
        if (o.sendUnavailable()) out.unavailable(user, contact);
    }

    /** §3.1.3: requests still pending are delivered again when a resource becomes available. */
    void redeliverPending(LocalSession session) {
        Jid user = session.jid().bare();
        for (RosterItem item : store.items(user)) {
            if (!item.state().pendingIn()) continue;
            Presence request = PresenceOut.presence("subscribe", item.contact(), user);
            if (item.pendingStatus() != null) {
                request = new Presence(request.element().withChild(Element.builder("status", request.element().namespace())
                        .text(item.pendingStatus()).build()), request.from(), request.to());
            }
            session.deliver(request);
        }
    }

    private void deliverToAvailable(Jid user, Presence p) {
        for (SessionRef ref : directory.resources(user)) {
            if (ref.available()) ref.deliver(p);
        }
    }

    private boolean rosterFull(Jid user) {
        return store.items(user).stream().filter(i -> !i.hidden()).count() >= maxRosterSize;
    }

    private static String status(Presence p) {
        return p.element().childText("status", p.element().namespace()).orElse(null);
    }

    private static String clip(String status) {
        return status == null || status.length() <= RosterStore.MAX_TEXT_LENGTH ? status : status.substring(0, RosterStore.MAX_TEXT_LENGTH);
    }
}
