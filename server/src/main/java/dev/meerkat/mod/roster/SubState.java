package dev.meerkat.mod.roster;

/**
 * The subscription state of one contact as RFC 6121 Appendix A names it ("None + Pending Out",
 * "To + Pending In", ...), plus the pre-approval of §3.4.
 *
 * @param pendingOut the user asked to subscribe to the contact and awaits an answer (ask='subscribe')
 * @param pendingIn  the contact asked to subscribe to the user and awaits the user's answer
 * @param preApproved the user approved a subscription request the contact has not sent yet
 */
public record SubState(Subscription subscription, boolean pendingOut, boolean pendingIn, boolean preApproved) {
    public static final SubState NONE = new SubState(Subscription.NONE, false, false, false);

    public SubState {
        if (subscription == null) throw new IllegalArgumentException("subscription is required");
    }

    public boolean hasTo() { return subscription.hasTo(); }

    public boolean hasFrom() { return subscription.hasFrom(); }

    /** Nothing at all: no subscription, nothing pending, nothing approved. */
    public boolean isEmpty() { return equals(NONE); }

    public SubState withSubscription(Subscription s) { return new SubState(s, pendingOut, pendingIn, preApproved); }

    public SubState withTo(boolean value) { return withSubscription(subscription.withTo(value)); }

    public SubState withFrom(boolean value) { return withSubscription(subscription.withFrom(value)); }

    public SubState withPendingOut(boolean value) { return new SubState(subscription, value, pendingIn, preApproved); }

    public SubState withPendingIn(boolean value) { return new SubState(subscription, pendingOut, value, preApproved); }

    public SubState withPreApproved(boolean value) { return new SubState(subscription, pendingOut, pendingIn, value); }
}
