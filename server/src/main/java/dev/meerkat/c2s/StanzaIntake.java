package dev.meerkat.c2s;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookBus;
import dev.meerkat.jid.Jid;
import dev.meerkat.jid.JidFormatException;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.Message;
import dev.meerkat.stanza.Presence;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stream.StreamError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.UUID;

/**
 * What a client sends once authenticated: resource binding (RFC 6120 §7), then stanzas, each
 * checked (RFC 6120 §8: addresses, IQ shape), stamped with the session's full JID, passed through
 * the user-send hook and routed.
 */
final class StanzaIntake {
    private final C2sEnvironment env;
    private final ClientSession session;

    StanzaIntake(C2sEnvironment env, ClientSession session) {
        this.env = env;
        this.session = session;
    }

    /** Authenticated, not yet bound: only a bind request (or a legacy session request) is expected. */
    void beforeBind(Element e) {
        if (!e.is("iq", Ns.CLIENT)) {
            session.streamError(StreamError.NOT_AUTHORIZED, "bind a resource first");
            return;
        }
        Element bind = e.child("bind", Ns.BIND).orElse(null);
        if (bind == null || !"set".equals(e.attr("type")) || e.attr("id") == null) {
            Iq iq = parseOrNull(e);
            if (iq != null && iq.isRequest()) session.write(StanzaError.NOT_AUTHORIZED.replyTo(iq.withAddresses(null, null), "bind a resource first").element());
            else session.streamError(StreamError.NOT_AUTHORIZED, "bind a resource first");
            return;
        }
        Iq iq = parseOrNull(e);
        if (iq == null) {
            session.streamError(StreamError.INVALID_FROM, "bad address on the bind request");
            return;
        }
        String requested = bind.childText("resource", Ns.BIND).map(String::strip).orElse("");
        Jid full;
        try {
            full = session.user().withResource(requested.isEmpty() ? generatedResource() : requested);
        } catch (JidFormatException ex) {
            session.write(StanzaError.BAD_REQUEST.replyTo(iq.withAddresses(null, null), "invalid resource").element());
            return;
        }
        Element result = Element.builder("iq", Ns.CLIENT).attr("type", "result").attr("id", iq.id())
                .child("bind", Ns.BIND, b -> b.textChild("jid", full.toString())).build();
        session.write(result);
        session.bound(full);
    }

    private static String generatedResource() {
        return "meerkat-" + UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }

    void stanza(Element e) {
        if (!Stanza.isStanzaName(e.name())) {
            HookBus.Outcome<CoreHooks.NonStanzaElement> out = session.hostContext().hooks()
                    .run(CoreHooks.NON_STANZA_ELEMENT, new CoreHooks.NonStanzaElement(session, e));
            if (!out.stopped()) session.streamError(StreamError.UNSUPPORTED_STANZA_TYPE, "unexpected element " + e.name());
            return;
        }
        if (!Ns.CLIENT.equals(e.namespace())) {
            session.streamError(StreamError.INVALID_NAMESPACE, "stanzas must be in jabber:client");
            return;
        }
        if ("".equals(e.attr("to")) || "".equals(e.attr("from"))) {
            session.streamError(StreamError.IMPROPER_ADDRESSING, "an address attribute is empty");
            return;
        }
        Jid own = session.jid();
        String fromAttr = e.attr("from");
        if (fromAttr != null) {
            Jid from = Jid.parseOrNull(fromAttr);
            if (from == null || !(from.equals(own) || from.equals(own.bare()))) {
                session.streamError(StreamError.INVALID_FROM, "'from' does not match the session");
                return;
            }
        }
        Stanza stanza;
        try {
            stanza = Stanza.of(e.withAttr("from", own.toString()));
        } catch (JidFormatException ex) {
            Stanza withoutTo = Stanza.of(e.withoutAttr("to").withAttr("from", own.toString()));
            if (!withoutTo.isError()) session.write(StanzaError.JID_MALFORMED.replyTo(withoutTo, "invalid 'to' address").element().withoutAttr("from"));
            return;
        }
        if (stanza instanceof Iq iq) {
            if (iq.type() == null || iq.id() == null || (iq.isRequest() && iq.element().elements().size() != 1)) {
                if (!"error".equals(iq.typeAttr()) && !"result".equals(iq.typeAttr())) {
                    session.write(StanzaError.BAD_REQUEST.replyTo(iq.withTo(iq.to() == null ? own.bare() : iq.to()), "malformed IQ").element());
                }
                return;
            }
            if (iq.isRequest() && iq.to() == null && iq.payload().get().is("session", Ns.SESSION)) {
                session.write(iq.result().element().withoutAttr("to").withoutAttr("from"));  // RFC 3921 legacy no-op
                return;
            }
        }
        HookBus.Outcome<CoreHooks.UserSend> sent = session.hostContext().hooks().run(CoreHooks.USER_SEND, new CoreHooks.UserSend(session, stanza));
        if (sent.stopped()) return;
        stanza = sent.event().stanza();
        if (stanza.to() == null) {
            switch (stanza) {
                case Presence p -> { session.presenceBroadcast(p); return; }
                // RFC 6120 §10.3: no 'to' means the account itself, handled by the server for it
                case Iq iq -> stanza = iq.withTo(own.bare());
                case Message m -> stanza = m.withTo(own.bare());
            }
        }
        env.router().route(stanza);
    }

    private static Iq parseOrNull(Element e) {
        try {
            return (Iq) Stanza.of(e.withoutAttr("from"));
        } catch (JidFormatException ex) {
            return null;
        }
    }
}
