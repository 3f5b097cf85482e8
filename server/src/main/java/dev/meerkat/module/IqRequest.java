package dev.meerkat.module;

import dev.meerkat.jid.Jid;
import dev.meerkat.session.LocalSession;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

/**
 * An IQ request given to a handler.
 *
 * @param iq      the request, with 'from' stamped
 * @param target  the domain JID (SERVER) or the account's bare JID (BARE_JID) it is for
 * @param session the local session that sent it, or null if it came from elsewhere (another node,
 *                a component); before authentication (pre-auth handlers) the session has no JID
 */
public record IqRequest(Iq iq, Jid target, LocalSession session) {
    public Jid from() { return iq.from(); }

    public Element payload() { return iq.payload().orElseThrow(); }

    public boolean isGet() { return iq.type() == Iq.Type.GET; }

    public boolean isSet() { return iq.type() == Iq.Type.SET; }

    /** True when the sender asks about its own account. */
    public boolean fromOwner() { return iq.from() != null && target.hasLocal() && iq.from().sameBare(target); }

    public Iq result() { return replyFromTarget(iq.result()); }

    public Iq result(Element payload) { return replyFromTarget(iq.result(payload)); }

    public Iq error(StanzaError error) { return error(error, null); }

    public Iq error(StanzaError error, String text) { return error.replyTo(iq.withTo(target), text); }

    private Iq replyFromTarget(Iq reply) { return reply.withFrom(target); }
}
