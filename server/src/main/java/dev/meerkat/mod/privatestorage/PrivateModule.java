package dev.meerkat.mod.privatestorage;

import dev.meerkat.config.Options;
import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.hooks.HookResult;
import dev.meerkat.hooks.Priority;
import dev.meerkat.mod.privatestorage.jdbc.JdbcPrivateStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.util.List;
import java.util.Set;

/**
 * XEP-0049 private XML storage ({@code jabber:iq:private}): a user keeps XML chunks on the server,
 * one per namespace, readable and writable only by the account itself. No options.
 */
public final class PrivateModule implements XmppModule {
    public static final String NS = "jabber:iq:private";
    /** Namespaces a chunk may not be kept under: XEP-0049 §3 lets the server refuse reserved ones. */
    static final Set<String> RESERVED = Set.of(Ns.CLIENT, Ns.SERVER, NS);

    private final PrivateStore store;

    public PrivateModule(PrivateStore store) {
        this.store = store;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_private"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new PrivateModule(new JdbcPrivateStore(services.database()));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.iq(IqTarget.BARE_JID, "query", NS, this::handle);
        ctx.hook(CoreHooks.USER_REMOVED, Priority.DEFAULT, e -> {
            store.removeAll(e.user());
            return HookResult.proceed();
        });
    }

    Iq handle(IqRequest r) {
        if (!r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "private storage belongs to its account only");
        List<Element> chunks = r.payload().elements();
        if (chunks.isEmpty()) return r.error(StanzaError.BAD_REQUEST, "the query names no namespace");
        for (Element chunk : chunks) {
            if (RESERVED.contains(chunk.namespace())) {
                return r.error(StanzaError.NOT_ACCEPTABLE, "the namespace " + chunk.namespace() + " is reserved");
            }
            if (chunk.namespace().length() > PrivateStore.MAX_NAMESPACE_LENGTH) {
                return r.error(StanzaError.NOT_ACCEPTABLE, "namespace too long");
            }
        }
        if (r.isSet()) {
            store.set(r.target().bare(), chunks);
            return r.result();
        }
        // XEP-0049 §2.2: a chunk with nothing stored comes back as it was asked for (empty)
        Element.Builder query = Element.builder("query", NS);
        for (Element chunk : chunks) {
            query.child(store.get(r.target().bare(), chunk.namespace()).orElse(Element.of(chunk.name(), chunk.namespace())));
        }
        return r.result(query.build());
    }
}
