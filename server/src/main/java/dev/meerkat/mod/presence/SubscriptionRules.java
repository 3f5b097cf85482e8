package dev.meerkat.mod.presence;

import dev.meerkat.mod.roster.SubState;

/**
 * The subscription state machine of RFC 6121 §3 and Appendix A as pure functions: the state of a
 * contact and a subscription stanza in, the new state and what the server must send out. No I/O,
 * so every row of the Appendix A tables is a unit test.
 */
public final class SubscriptionRules {
    private SubscriptionRules() {}

    public enum Kind {
        SUBSCRIBE, SUBSCRIBED, UNSUBSCRIBE, UNSUBSCRIBED;

        /** The kind for a presence 'type', or null when it is not a subscription stanza. */
        public static Kind of(String type) {
            if (type == null) return null;
            return switch (type) {
                case "subscribe" -> SUBSCRIBE;
                case "subscribed" -> SUBSCRIBED;
                case "unsubscribe" -> UNSUBSCRIBE;
                case "unsubscribed" -> UNSUBSCRIBED;
                default -> null;
            };
        }
    }

    /**
     * What processing a subscription stanza amounts to.
     *
     * @param state           the contact's state afterwards
     * @param forward         outbound: route the stanza to the contact; inbound: deliver it to the
     *                        user's available resources
     * @param autoReply       inbound only: answer the sender with "subscribed" on the user's behalf
     * @param sendPresence    send the current presence of the user's available resources to the contact
     * @param sendUnavailable send unavailable presence from the user's available resources to the contact
     */
    public record Outcome(SubState state, boolean forward, boolean autoReply, boolean sendPresence, boolean sendUnavailable) {
        static Outcome of(SubState state, boolean forward) { return new Outcome(state, forward, false, false, false); }
    }

    /**
     * A stanza the user sends to the contact (Appendix A.2; pre-approval §3.4).
     *
     * @param preApproval whether the server supports pre-approval; without it a "subscribed" with no
     *                    pending request is ignored
     */
    public static Outcome outbound(SubState s, Kind kind, boolean preApproval) {
        return switch (kind) {
            // A.2.1: always routed, since the contact's server may need to resynchronise (and answers
            // itself if the user is already subscribed)
            case SUBSCRIBE -> Outcome.of(s.hasTo() ? s : s.withPendingOut(true), true);
            // A.2.2
            case UNSUBSCRIBE -> Outcome.of(s.withTo(false).withPendingOut(false), true);
            case SUBSCRIBED -> approve(s, preApproval);
            case UNSUBSCRIBED -> {
                // A.2.4; cancelling a subscription also withdraws a pre-approval (§3.4)
                if (s.hasFrom() || s.pendingIn()) {
                    yield new Outcome(s.withFrom(false).withPendingIn(false).withPreApproved(false), true, false, false, s.hasFrom());
                }
                yield Outcome.of(s.withPreApproved(false), true);
            }
        };
    }

    /** A.2.3 and §3.4: approving a pending request, or pre-approving one not sent yet. */
    private static Outcome approve(SubState s, boolean preApproval) {
        if (s.pendingIn()) {
            // §3.1.5: the contact's server routes the approval and sends the contact's presence
            return new Outcome(s.withFrom(true).withPendingIn(false).withPreApproved(false), true, false, true, false);
        }
        if (s.hasFrom() || !preApproval) return Outcome.of(s, false);
        return Outcome.of(s.withPreApproved(true), false);
    }

    /** A stanza the contact sent to the user, processed at the user's server (Appendix A.3). */
    public static Outcome inbound(SubState s, Kind kind) {
        return switch (kind) {
            case SUBSCRIBE -> {
                // §3.1.3: an existing subscription is confirmed on the user's behalf
                if (s.hasFrom()) yield new Outcome(s, false, true, false, false);
                // §3.4: a pre-approved request is accepted without asking the user
                if (s.preApproved()) yield new Outcome(s.withFrom(true).withPreApproved(false), false, true, true, false);
                if (s.pendingIn()) yield Outcome.of(s, false);
                yield Outcome.of(s.withPendingIn(true), true);
            }
            case UNSUBSCRIBE -> {
                // A.3.2; §3.3.3: the contact no longer gets the user's presence
                if (!s.hasFrom() && !s.pendingIn()) yield Outcome.of(s, false);
                yield new Outcome(s.withFrom(false).withPendingIn(false), true, false, false, s.hasFrom());
            }
            // A.3.3: an approval nobody asked for is ignored
            case SUBSCRIBED -> s.pendingOut() ? Outcome.of(s.withTo(true).withPendingOut(false), true) : Outcome.of(s, false);
            // A.3.4
            case UNSUBSCRIBED -> s.hasTo() || s.pendingOut()
                    ? Outcome.of(s.withTo(false).withPendingOut(false), true) : Outcome.of(s, false);
        };
    }
}
