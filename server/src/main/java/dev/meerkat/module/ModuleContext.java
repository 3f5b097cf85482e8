package dev.meerkat.module;

import dev.meerkat.hooks.HookHandler;
import dev.meerkat.hooks.HookKey;
import dev.meerkat.xml.Element;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a module uses to plug into its host. Every registration is remembered and undone, in
 * reverse order, when the module stops.
 */
public final class ModuleContext {
    private final String moduleName;
    private final HostContext host;
    private final ServerServices services;
    private final Deque<Runnable> undo = new ArrayDeque<>();

    ModuleContext(String moduleName, HostContext host, ServerServices services) {
        this.moduleName = moduleName;
        this.host = host;
        this.services = services;
    }

    public String host() { return host.host(); }

    public HostContext hostContext() { return host; }

    public ServerServices services() { return services; }

    public <E> void hook(HookKey<E> key, int priority, HookHandler<E> handler) {
        undo.push(host.hooks().register(key, priority, moduleName, handler));
    }

    public void iq(IqTarget target, String name, String namespace, IqHandler handler) {
        undo.push(host.iq().register(target, name, namespace, handler));
    }

    /** An IQ handler also reachable before authentication (XEP-0077 registration). */
    public void preAuthIq(String name, String namespace, IqHandler handler) {
        undo.push(host.iq().registerPreAuth(name, namespace, handler));
    }

    public void serverFeature(String feature) { undo.push(host.disco().addServerFeature(feature)); }

    public void accountFeature(String feature) { undo.push(host.disco().addAccountFeature(feature)); }

    public void identity(String category, String type, String name) {
        undo.push(host.disco().addIdentity(new DiscoIdentity(category, type, name)));
    }

    /** An identity every account has (answered for a bare JID). */
    public void accountIdentity(String category, String type, String name) {
        undo.push(host.disco().addAccountIdentity(new DiscoIdentity(category, type, name)));
    }

    public void serverItem(String jid, String name) { undo.push(host.disco().addItem(new DiscoItem(jid, name))); }

    /** Answers disco#info and disco#items queries to the server for that {@code node}. */
    public void serverNode(String node, DiscoNode handler) { undo.push(host.disco().addServerNode(node, handler)); }

    /** Answers disco#info and disco#items queries with a node to any account's bare JID (one module per host). */
    public void accountNodes(AccountDiscoNodes provider) { undo.push(host.disco().setAccountNodes(provider)); }

    public void serverForm(Element form) { undo.push(host.disco().addServerForm(form)); }

    /** Offers a service to the rest of the server on this host (see {@link HostContext#service}). */
    public <T> void provide(Class<T> type, T service) { undo.push(host.provide(type, service)); }

    /** Registers any other clean-up to run at stop. */
    public void onStop(Runnable action) { undo.push(action); }

    void undoAll() {
        while (!undo.isEmpty()) {
            try {
                undo.pop().run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(ModuleContext.class).warn("clean-up of {} failed", moduleName, e);
            }
        }
    }
}
