package dev.meerkat.mod.ping;

import dev.meerkat.config.Options;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.stanza.Iq;

/** XEP-0199 XMPP Ping: answers pings to the server and, on a user's behalf, to a bare JID. */
public final class PingModule implements XmppModule {
    public static final String NAMESPACE = "urn:xmpp:ping";

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_ping"; }

        @Override public XmppModule create(String host, Options options, ServerServices services) { return new PingModule(); }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.serverFeature(NAMESPACE);
        ctx.iq(IqTarget.SERVER, "ping", NAMESPACE, PingModule::pong);
        ctx.iq(IqTarget.BARE_JID, "ping", NAMESPACE, PingModule::pong);
    }

    static Iq pong(IqRequest request) {
        return request.isGet() ? request.result() : request.error(dev.meerkat.stanza.StanzaError.BAD_REQUEST);
    }
}
