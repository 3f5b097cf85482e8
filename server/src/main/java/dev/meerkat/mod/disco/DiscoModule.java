package dev.meerkat.mod.disco;

import dev.meerkat.config.Options;
import dev.meerkat.jid.Jid;
import dev.meerkat.module.DiscoIdentity;
import dev.meerkat.module.DiscoItem;
import dev.meerkat.module.DiscoRegistry;
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
import java.util.TreeSet;

/**
 * XEP-0030 Service Discovery for the server and for accounts. It answers from the host's
 * {@link DiscoRegistry}, which every module fills in, so it never needs to know other modules.
 * Option {@code extra_domains}: more item JIDs to list for the server.
 */
public final class DiscoModule implements XmppModule {
    private final List<String> extraDomains;
    private final String serverName;
    private DiscoRegistry registry;

    public DiscoModule(List<String> extraDomains, String serverName) {
        this.extraDomains = extraDomains;
        this.serverName = serverName;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_disco"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            return new DiscoModule(options.stringList("extra_domains", List.of()), options.string("server_name", "Meerkat"));
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        registry = ctx.hostContext().disco();
        ctx.identity("server", "im", serverName);
        ctx.serverFeature(Ns.DISCO_INFO);
        ctx.serverFeature(Ns.DISCO_ITEMS);
        ctx.accountFeature(Ns.DISCO_INFO);
        ctx.accountFeature(Ns.DISCO_ITEMS);
        for (String d : extraDomains) ctx.serverItem(d, null);
        ctx.iq(IqTarget.SERVER, "query", Ns.DISCO_INFO, this::serverInfo);
        ctx.iq(IqTarget.SERVER, "query", Ns.DISCO_ITEMS, this::serverItems);
        ctx.iq(IqTarget.BARE_JID, "query", Ns.DISCO_INFO, this::accountInfo);
        ctx.iq(IqTarget.BARE_JID, "query", Ns.DISCO_ITEMS, this::accountItems);
    }

    Iq serverInfo(IqRequest r) {
        if (!r.isGet()) return r.error(StanzaError.NOT_ALLOWED);
        String node = r.payload().attr("node");
        if (node != null) return nodeAnswer(r, Ns.DISCO_INFO, node);
        Element.Builder q = Element.builder("query", Ns.DISCO_INFO);
        for (DiscoIdentity id : registry.identities()) q.child(identity(id));
        features(q, registry.serverFeatures());
        registry.serverForms().forEach(q::child);
        return r.result(q.build());
    }

    Iq serverItems(IqRequest r) {
        if (!r.isGet()) return r.error(StanzaError.NOT_ALLOWED);
        String node = r.payload().attr("node");
        if (node != null) return nodeAnswer(r, Ns.DISCO_ITEMS, node);
        Element.Builder q = Element.builder("query", Ns.DISCO_ITEMS);
        for (DiscoItem item : registry.items()) {
            q.child(Element.builder("item", Ns.DISCO_ITEMS).attr("jid", item.jid()).attr("name", item.name()).build());
        }
        return r.result(q.build());
    }

    /** A node some module answers for (ad-hoc commands, ...); unknown nodes do not exist. */
    private Iq nodeAnswer(IqRequest r, String namespace, String node) {
        var handler = registry.serverNode(node);
        if (handler.isEmpty()) return r.error(StanzaError.ITEM_NOT_FOUND);
        List<Element> children = namespace.equals(Ns.DISCO_INFO) ? handler.get().info(r.from()) : handler.get().items(r.from());
        return r.result(Element.builder("query", namespace).attr("node", node).children(children).build());
    }

    Iq accountInfo(IqRequest r) {
        if (!r.isGet()) return r.error(StanzaError.NOT_ALLOWED);
        String node = r.payload().attr("node");
        if (node != null) return accountNode(r, Ns.DISCO_INFO, node);
        Element.Builder q = Element.builder("query", Ns.DISCO_INFO)
                .child(identity(new DiscoIdentity("account", "registered", null)));
        for (DiscoIdentity id : registry.accountIdentities()) q.child(identity(id));
        features(q, registry.accountFeatures());
        return r.result(q.build());
    }

    Iq accountItems(IqRequest r) {
        if (!r.isGet()) return r.error(StanzaError.NOT_ALLOWED);
        String node = r.payload().attr("node");
        if (node != null) return accountNode(r, Ns.DISCO_ITEMS, node);
        List<Element> items = registry.accountNodes().flatMap(p -> p.items(r.target().bare(), null, r.from())).orElse(List.of());
        return r.result(Element.builder("query", Ns.DISCO_ITEMS).children(items).build());
    }

    /** A node of an account (XEP-0060 §5 on PEP), answered by the module that provides them; else none exists. */
    private Iq accountNode(IqRequest r, String namespace, String node) {
        var provider = registry.accountNodes();
        if (provider.isEmpty()) return r.error(StanzaError.ITEM_NOT_FOUND);
        Jid account = r.target().bare();
        var children = namespace.equals(Ns.DISCO_INFO) ? provider.get().info(account, node, r.from())
                : provider.get().items(account, node, r.from());
        if (children.isEmpty()) return r.error(StanzaError.ITEM_NOT_FOUND);
        return r.result(Element.builder("query", namespace).attr("node", node).children(children.get()).build());
    }

    private static Element identity(DiscoIdentity id) {
        return Element.builder("identity", Ns.DISCO_INFO).attr("category", id.category()).attr("type", id.type())
                .attr("name", id.name()).build();
    }

    private static void features(Element.Builder q, Set<String> features) {
        for (String f : new TreeSet<>(features)) q.child(Element.builder("feature", Ns.DISCO_INFO).attr("var", f).build());
    }
}
