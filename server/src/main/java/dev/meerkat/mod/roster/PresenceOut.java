package dev.meerkat.mod.roster;

import dev.meerkat.jid.Jid;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

/** Presence stanzas the server sends on a user's behalf when subscriptions change (RFC 6121 §3). */
public final class PresenceOut {
    private final Router router;
    private final SessionDirectory directory;

    public PresenceOut(Router router, SessionDirectory directory) {
        this.router = router;
        this.directory = directory;
    }

    /** A presence of the given type (null = available) between two addresses. */
    public static Presence presence(String type, Jid from, Jid to) {
        Element.Builder b = Element.builder("presence", Ns.CLIENT);
        if (type != null) b.attr("type", type);
        if (from != null) b.attr("from", from.toString());
        if (to != null) b.attr("to", to.toString());
        return (Presence) Stanza.of(b.build());
    }

    /** Routes a subscription stanza (subscribe, unsubscribed...) from the user's bare JID. */
    public void subscription(String type, Jid user, Jid contact) {
        router.route(presence(type, user.bare(), contact));
    }

    /** Routes a stanza already addressed. */
    public void forward(Presence p) {
        router.route(p);
    }

    /** The current presence of each available resource of the user, to the contact (§3.1.5). */
    public void currentPresence(Jid user, Jid contact) {
        for (SessionRef ref : directory.resources(user.bare())) {
            if (ref.available() && ref instanceof LocalSession s && s.presence() != null) {
                router.route(s.presence().withAddresses(s.jid(), contact));
            }
        }
    }

    /** Unavailable presence from each available resource of the user, to the contact (§3.2.2). */
    public void unavailable(Jid user, Jid contact) {
        for (SessionRef ref : directory.resources(user.bare())) {
            if (ref.available()) router.route(presence("unavailable", ref.jid(), contact));
        }
    }
}
