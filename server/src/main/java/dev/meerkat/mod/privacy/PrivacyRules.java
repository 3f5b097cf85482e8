package dev.meerkat.mod.privacy;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.Subscription;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The matching rules of XEP-0016 (§2 "Syntax and Semantics", "Business Rules"): the first item, in
 * ascending order, that matches both the other entity and the kind of stanza decides; with no
 * match the stanza is allowed. No I/O here: the roster entry is asked for only when a group or
 * subscription item is reached.
 */
public final class PrivacyRules {
    private PrivacyRules() {}

    /**
     * @param list    the list in force (null: no list, everything allowed)
     * @param traffic the kind of stanza and its direction
     * @param other   the other party: the sender of an incoming stanza, the recipient of an outgoing one
     * @param contact the user's roster entry for {@code other}'s bare JID, if any (hidden entries
     *                count as absent)
     */
    public static boolean allowed(PrivacyList list, Traffic traffic, Jid other, Supplier<Optional<RosterItem>> contact) {
        if (list == null) return true;
        Optional<RosterItem> entry = null;
        for (PrivacyItem item : list.items()) {
            if (!appliesTo(item, traffic)) continue;
            boolean matches = switch (item.type()) {
                case FALL_THROUGH -> true;
                case JID -> jidMatches(Jid.parse(item.value()), other);
                case GROUP, SUBSCRIPTION -> {
                    if (entry == null) entry = contact.get().filter(i -> !i.hidden());
                    yield item.type() == PrivacyItem.Type.GROUP
                            ? entry.map(i -> i.groups().contains(item.value())).orElse(false)
                            : subscription(entry).xml().equals(item.value());
                }
            };
            if (matches) return item.allow();
        }
        return true;
    }

    static boolean appliesTo(PrivacyItem item, Traffic traffic) {
        return item.appliesToAll() || (traffic.kind() != null && item.kinds().contains(traffic.kind()));
    }

    /** Someone not in the roster has subscription "none", as for a roster item without one. */
    private static Subscription subscription(Optional<RosterItem> entry) {
        return entry.map(i -> i.state().subscription()).orElse(Subscription.NONE);
    }

    /**
     * §2.1: a JID item matches as precisely as it is written — user@domain/resource only that
     * resource, user@domain any resource, domain/resource only that JID, and domain every JID of
     * the domain.
     */
    public static boolean jidMatches(Jid item, Jid other) {
        if (item.hasLocal()) return item.hasResource() ? item.equals(other) : item.equals(other.bare());
        if (item.hasResource()) return item.equals(other);
        return item.domain().equals(other.domain());
    }
}
