package dev.meerkat.mod.pubsub.model;

import dev.meerkat.jid.Jid;

/**
 * One subscription to a node (XEP-0060 §4.2). A JID has at most one subscription per node, so the
 * subid is informational (it is still reported, as clients echo it back).
 *
 * @param jid   the subscribed JID, bare or full, exactly as subscribed
 * @param subid the subscription id
 * @param state subscribed (pending and unconfigured are not used by this server)
 * @param options the subscription's options (XEP-0060 §6.3)
 */
public record NodeSubscription(Jid jid, String subid, State state, SubscriptionOptions options) {
    /** A subscription with the default options. */
    public NodeSubscription(Jid jid, String subid, State state) {
        this(jid, subid, state, SubscriptionOptions.DEFAULT);
    }

    public NodeSubscription withOptions(SubscriptionOptions newOptions) {
        return new NodeSubscription(jid, subid, state, newOptions);
    }

    public enum State {
        SUBSCRIBED, PENDING, UNCONFIGURED, NONE;

        public String xml() { return name().toLowerCase(java.util.Locale.ROOT); }

        public static State fromXml(String value) {
            for (State s : values()) if (s.xml().equals(value)) return s;
            return null;
        }
    }
}
