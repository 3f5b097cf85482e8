package dev.meerkat.mod.privacy;

import dev.meerkat.config.Options;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.privacy.jdbc.JdbcPrivacyStore;
import dev.meerkat.mod.roster.jdbc.JdbcRosterStore;
import dev.meerkat.module.IqRequest;
import dev.meerkat.module.IqTarget;
import dev.meerkat.module.ModuleContext;
import dev.meerkat.module.ModuleFactory;
import dev.meerkat.module.ServerServices;
import dev.meerkat.module.XmppModule;
import dev.meerkat.routing.Router;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionDirectory;
import dev.meerkat.stanza.Iq;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Optional;

/**
 * XEP-0016 privacy lists: retrieving, editing and removing lists, the per-session active list
 * and the per-user default list, list pushes, and (through {@link PrivacyEnforcer}) applying them.
 * No options.
 */
public final class PrivacyModule implements XmppModule {
    private final PrivacyService service;
    private final SessionDirectory directory;
    private final Router router;

    public PrivacyModule(PrivacyService service, SessionDirectory directory, Router router) {
        this.service = service;
        this.directory = directory;
        this.router = router;
    }

    public static final class Factory implements ModuleFactory {
        @Override public String name() { return "mod_privacy"; }

        @Override
        public XmppModule create(String host, Options options, ServerServices services) {
            SessionDirectory directory = services.sessions().directory();
            PrivacyService service = new PrivacyService(new JdbcPrivacyStore(services.database()),
                    new JdbcRosterStore(services.database()), directory);
            return new PrivacyModule(service, directory, services.router());
        }
    }

    @Override
    public void start(ModuleContext ctx) {
        ctx.serverFeature(PrivacyXml.NS);
        ctx.iq(IqTarget.BARE_JID, "query", PrivacyXml.NS, this::handle);
        new PrivacyEnforcer(service, directory, router).register(ctx);
    }

    Iq handle(IqRequest r) {
        if (r.session() == null || !r.fromOwner()) return r.error(StanzaError.FORBIDDEN, "only the account itself may use its privacy lists");
        List<Element> children = r.payload().elements();
        try {
            if (r.isGet()) return get(r, children);
            if (children.size() != 1) return r.error(StanzaError.BAD_REQUEST, "exactly one of active, default or list");
            Element child = children.get(0);
            if (!PrivacyXml.NS.equals(child.namespace())) return r.error(StanzaError.BAD_REQUEST, "unknown element");
            return switch (child.name()) {
                case "active" -> setActive(r, child.attr("name"));
                case "default" -> setDefault(r, child.attr("name"));
                case "list" -> child.elements().isEmpty() ? removeList(r, PrivacyXml.checkName(child.attr("name")))
                        : putList(r, PrivacyXml.parseList(child));
                default -> r.error(StanzaError.BAD_REQUEST, "unknown element");
            };
        } catch (PrivacyXml.Invalid e) {
            return r.error(StanzaError.BAD_REQUEST, e.getMessage());
        }
    }

    private Iq get(IqRequest r, List<Element> children) {
        Jid user = r.target();
        if (children.isEmpty()) {
            PrivacyState state = service.state(r.session());
            Element.Builder b = Element.builder("query", PrivacyXml.NS);
            if (state.activeName() != null) b.child(Element.builder("active", PrivacyXml.NS).attr("name", state.activeName()).build());
            service.store().defaultName(user).ifPresent(d -> b.child(Element.builder("default", PrivacyXml.NS).attr("name", d).build()));
            for (String name : service.store().names(user)) b.child(Element.builder("list", PrivacyXml.NS).attr("name", name).build());
            return r.result(b.build());
        }
        // §2.2: one list at a time
        if (children.size() != 1 || !children.get(0).is("list", PrivacyXml.NS)) {
            return r.error(StanzaError.BAD_REQUEST, "ask for one list at a time");
        }
        String name = PrivacyXml.checkName(children.get(0).attr("name"));
        return service.store().list(user, name)
                .map(l -> r.result(Element.builder("query", PrivacyXml.NS).child(PrivacyXml.list(l)).build()))
                .orElseGet(() -> r.error(StanzaError.ITEM_NOT_FOUND, "no such list"));
    }

    private Iq setActive(IqRequest r, String name) {
        if (name == null) {
            service.setActive(r.session(), null);
            return r.result();
        }
        Optional<PrivacyList> list = service.store().list(r.target(), name);
        if (list.isEmpty()) return r.error(StanzaError.ITEM_NOT_FOUND, "no such list");
        service.setActive(r.session(), list.get());
        return r.result();
    }

    private Iq setDefault(IqRequest r, String name) {
        Jid user = r.target();
        Optional<String> current = service.store().defaultName(user);
        if (name != null && service.store().list(user, name).isEmpty()) return r.error(StanzaError.ITEM_NOT_FOUND, "no such list");
        // §2.5: the default list may not change under another resource that applies it
        if (current.isPresent() && !current.get().equals(name) && service.usedByOthers(user, r.session(), current.get())) {
            return r.error(StanzaError.CONFLICT, "the default list is in use by another resource");
        }
        if (!service.store().setDefault(user, name)) return r.error(StanzaError.ITEM_NOT_FOUND, "no such list");
        service.refresh(user);
        return r.result();
    }

    private Iq removeList(IqRequest r, String name) {
        Jid user = r.target();
        if (service.store().list(user, name).isEmpty()) return r.error(StanzaError.ITEM_NOT_FOUND, "no such list");
        // business rule 11
        if (service.usedByOthers(user, r.session(), name)) return r.error(StanzaError.CONFLICT, "the list is in use by another resource");
        service.store().remove(user, name);
        service.refresh(user);
        service.pushListName(user, name);
        return r.result();
    }

    private Iq putList(IqRequest r, PrivacyList list) {
        Jid user = r.target();
        service.store().put(user, list);
        service.refresh(user);
        service.pushListName(user, list.name());
        return r.result();
    }
}
