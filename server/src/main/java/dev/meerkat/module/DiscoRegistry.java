package dev.meerkat.module;

import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What one host says about itself in service discovery: identities, features and items of the
 * server, features of its accounts (answered for a bare JID), and extended info forms (XEP-0128).
 * Modules add entries through their {@link ModuleContext}; reads are lock-free.
 */
public final class DiscoRegistry {
    private final CopyOnWriteArrayList<DiscoIdentity> identities = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<DiscoIdentity> accountIdentities = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> serverFeatures = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> accountFeatures = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<DiscoItem> items = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Element> serverForms = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<String, DiscoNode> serverNodes = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicReference<AccountDiscoNodes> accountNodes = new java.util.concurrent.atomic.AtomicReference<>();

    Runnable addIdentity(DiscoIdentity identity) { return add(identities, identity); }

    Runnable addAccountIdentity(DiscoIdentity identity) { return add(accountIdentities, identity); }

    Runnable addServerFeature(String feature) { return add(serverFeatures, feature); }

    Runnable addAccountFeature(String feature) { return add(accountFeatures, feature); }

    Runnable addItem(DiscoItem item) { return add(items, item); }

    Runnable addServerForm(Element form) { return add(serverForms, form); }

    Runnable addServerNode(String node, DiscoNode handler) {
        if (serverNodes.putIfAbsent(node, handler) != null) throw new IllegalStateException("two handlers for disco node " + node);
        return () -> serverNodes.remove(node, handler);
    }

    Runnable setAccountNodes(AccountDiscoNodes provider) {
        if (!accountNodes.compareAndSet(null, provider)) throw new IllegalStateException("two providers of account disco nodes");
        return () -> accountNodes.compareAndSet(provider, null);
    }

    /** The module answering for nodes of accounts (PEP), if one registered. */
    public java.util.Optional<AccountDiscoNodes> accountNodes() { return java.util.Optional.ofNullable(accountNodes.get()); }

    /** The handler of a node of the server, if a module registered one. */
    public java.util.Optional<DiscoNode> serverNode(String node) { return java.util.Optional.ofNullable(serverNodes.get(node)); }

    public List<DiscoIdentity> identities() { return List.copyOf(identities); }

    /** Identities of every account besides account/registered (e.g. XEP-0163 pubsub/pep). */
    public List<DiscoIdentity> accountIdentities() { return List.copyOf(accountIdentities); }

    /** Sorted and without duplicates, as clients compare feature lists (XEP-0115 hashing). */
    public Set<String> serverFeatures() { return new java.util.TreeSet<>(serverFeatures); }

    public Set<String> accountFeatures() { return new java.util.TreeSet<>(accountFeatures); }

    public List<DiscoItem> items() { return List.copyOf(items); }

    public List<Element> serverForms() { return List.copyOf(serverForms); }

    private static <T> Runnable add(CopyOnWriteArrayList<T> list, T value) {
        list.add(value);
        return () -> list.remove(value);
    }
}
