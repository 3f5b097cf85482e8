package dev.meerkat.admin;

import dev.meerkat.hooks.CoreHooks;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.roster.RosterItem;
import dev.meerkat.mod.roster.RosterService;
import dev.meerkat.module.HostContext;
import dev.meerkat.module.ServerServices;
import dev.meerkat.session.LocalSession;
import dev.meerkat.session.SessionRef;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stream.StreamError;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;
import dev.meerkat.xml.ParserLimits;
import dev.meerkat.xml.StreamHeader;
import dev.meerkat.xml.XmlStreamException;
import dev.meerkat.xml.XmlStreamHandler;
import dev.meerkat.xml.XmlStreamParser;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the admin API does, independent of HTTP. Every method blocks (storage, password hashing):
 * callers run it off the event loops. Refusals are {@link AdminException}s with an HTTP status.
 */
public final class AdminService {
    private static final int IMPORT_MAX_LINES = 100_000;

    private final ServerServices services;

    public AdminService(ServerServices services) {
        this.services = services;
    }

    // ---- accounts ----

    public Jid registerUser(String user, String domain, String password) {
        Jid jid = account(user, domain);
        if (password == null || password.isEmpty()) throw AdminException.badRequest("password is required");
        boolean created;
        try {
            created = services.auth().register(jid, password);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(e.getMessage());
        }
        if (!created) throw AdminException.conflict("user " + jid + " already exists");
        host(jid).hooks().run(CoreHooks.USER_REGISTERED, new CoreHooks.UserRegistered(jid));
        return jid;
    }

    /** Removes the account, lets modules drop its data, and ends its sessions. */
    public void removeUser(Jid jid) {
        requireAccount(jid);
        if (!services.auth().removeUser(jid)) throw AdminException.notFound("user " + jid + " does not exist");
        host(jid).hooks().run(CoreHooks.USER_REMOVED, new CoreHooks.UserRemoved(jid));
        for (LocalSession s : localSessions(jid)) s.close(StreamError.NOT_AUTHORIZED, "account removed");
    }

    public void changePassword(Jid jid, String password) {
        requireAccount(jid);
        if (password == null || password.isEmpty()) throw AdminException.badRequest("password is required");
        boolean changed;
        try {
            changed = services.auth().setPassword(jid, password);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest(e.getMessage());
        }
        if (!changed) throw AdminException.notFound("user " + jid + " does not exist");
    }

    public List<String> listUsers(String domain) {
        return services.auth().listUsers(localDomain(domain), 0, Integer.MAX_VALUE);
    }

    public long countUsers(String domain) { return services.auth().countUsers(localDomain(domain)); }

    public boolean userExists(Jid jid) {
        requireAccount(jid);
        return services.auth().userExists(jid);
    }

    /**
     * Creates accounts from CSV lines {@code user,domain,password} (the password may contain
     * commas; blank lines and lines starting with # are skipped). Lines that fail are reported and
     * the others still imported.
     */
    public Map<String, Object> importUsers(String csv) {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<Map<String, Object>> failed = new ArrayList<>();
        String[] lines = csv.split("\r?\n", -1);
        if (lines.length > IMPORT_MAX_LINES) throw AdminException.badRequest("at most " + IMPORT_MAX_LINES + " lines per import");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(",", 3);
            try {
                if (f.length < 3) throw AdminException.badRequest("expected user,domain,password");
                created.add(registerUser(f[0].strip(), f[1].strip(), f[2]).toString());
            } catch (AdminException e) {
                if (e.status() == 409) existing.add(f[0].strip() + "@" + f[1].strip());
                else failed.add(ordered("line", i + 1, "reason", e.getMessage()));
            }
        }
        return ordered("created", created, "existing", existing, "failed", failed);
    }

    // ---- sessions ----

    /** Sessions of this node, of one domain or (null) of all, sorted by JID. */
    public List<Map<String, Object>> sessions(String domain) {
        String d = domain == null || domain.isEmpty() ? null : localDomain(domain);
        return services.sessions().localSessions().stream()
                .filter(s -> s.jid() != null && (d == null || s.jid().domain().equals(d)))
                .sorted(Comparator.comparing(s -> s.jid().toString()))
                .map(AdminService::describe).toList();
    }

    public int countSessions(String domain) { return sessions(domain).size(); }

    /** The sessions of one account, as {@link #sessions} describes them. */
    public List<Map<String, Object>> userSessions(Jid user) {
        requireAccount(user);
        return localSessions(user).stream().sorted(Comparator.comparing(s -> s.jid().toString())).map(AdminService::describe).toList();
    }

    /**
     * Ends the sessions of a user (a bare JID: all of them; a full JID: that one) with a
     * {@code policy-violation} stream error carrying the reason. Returns how many were ended.
     */
    public int kickUser(Jid jid, String reason) {
        if (jid == null || !jid.hasLocal()) throw AdminException.badRequest("a user JID is required");
        List<LocalSession> targets = localSessions(jid.bare()).stream()
                .filter(s -> jid.isBare() || s.jid().equals(jid)).toList();
        if (targets.isEmpty()) throw AdminException.notFound("no session of " + jid);
        String text = reason == null || reason.isBlank() ? "kicked by an administrator" : reason;
        for (LocalSession s : targets) s.close(StreamError.POLICY_VIOLATION, text);
        return targets.size();
    }

    private List<LocalSession> localSessions(Jid bare) {
        List<LocalSession> out = new ArrayList<>();
        for (SessionRef r : services.sessions().directory().resources(bare.bare())) {
            if (r instanceof LocalSession ls) out.add(ls);
        }
        return out;
    }

    private static Map<String, Object> describe(LocalSession s) {
        return ordered("jid", s.jid().toString(),
                "transport", s.transportName(),
                "ip", s.remoteAddress() == null ? null : s.remoteAddress().getAddress().getHostAddress(),
                "secure", s.isSecure(),
                "priority", s.priority(),
                "available", s.available(),
                "started", s.startedAt().toString());
    }

    // ---- stanzas ----

    /** Routes a chat message as if the user had sent it (the user need not be online). */
    public void sendMessage(Jid from, Jid to, String body) {
        if (from == null || to == null) throw AdminException.badRequest("from and to are required");
        if (body == null) throw AdminException.badRequest("body is required");
        if (!services.hosts().isLocal(from.domain())) throw AdminException.badRequest("from must be a local JID");
        services.router().route(Stanza.of(Element.builder("message", Ns.CLIENT)
                .attr("from", from.toString()).attr("to", to.toString()).attr("type", "chat")
                .textChild("body", body).build()));
    }

    /** Routes any stanza; its 'from' must be a local JID (a user or a served domain) and 'to' set. */
    public void sendStanza(String xml) {
        if (xml == null || xml.isBlank()) throw AdminException.badRequest("stanza is required");
        Element e = parseStanza(xml);
        Stanza s;
        try {
            s = Stanza.of(e);
        } catch (RuntimeException ex) {
            throw AdminException.badRequest("invalid address: " + ex.getMessage());
        }
        if (s.from() == null || s.to() == null) throw AdminException.badRequest("the stanza needs 'from' and 'to'");
        if (!services.hosts().isLocal(s.from().domain())) throw AdminException.badRequest("'from' must be a local JID");
        services.router().route(s);
    }

    /** One stanza in jabber:client unless it declares its own namespace. */
    private static Element parseStanza(String xml) {
        Element e = parseElement(xml);
        if (!Stanza.isStanza(e)) throw AdminException.badRequest("not a stanza: <" + e.name() + "/>");
        return e;
    }

    /** One XML element given by an operator, in jabber:client unless it declares its own namespace. */
    static Element parseElement(String xml) {
        List<Element> elements = new ArrayList<>();
        XmlStreamParser parser = new XmlStreamParser(ParserLimits.DEFAULT, new XmlStreamHandler() {
            @Override public void streamOpened(StreamHeader header) { }

            @Override public void element(Element element) { elements.add(element); }

            @Override public void streamClosed() { }
        }, false);
        String doc = "<stream:stream xmlns='jabber:client' xmlns:stream='" + Ns.STREAMS + "'>" + xml + "</stream:stream>";
        try {
            byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
            parser.feed(bytes, 0, bytes.length);
        } catch (XmlStreamException ex) {
            throw AdminException.badRequest("not well-formed XML: " + ex.getMessage());
        }
        if (elements.size() != 1) throw AdminException.badRequest("expected exactly one element, got " + elements.size());
        return elements.getFirst();
    }

    // ---- roster ----

    public List<Map<String, Object>> listContacts(Jid user) {
        return roster(user).items(user).stream().map(AdminService::describe).toList();
    }

    public void addContact(Jid user, Jid contact, String name, List<String> groups) {
        requireContact(contact);
        if (!roster(user).addContact(user, contact, name, groups == null ? List.of() : groups)) {
            throw new AdminException(409, "the roster of " + user + " is full");
        }
    }

    public void deleteContact(Jid user, Jid contact) {
        requireContact(contact);
        if (!roster(user).removeContact(user, contact)) throw AdminException.notFound(contact + " is not in the roster of " + user);
    }

    public void setMutualSubscription(Jid a, Jid b, String action) {
        boolean connect = switch (action == null ? "" : action) {
            case "connect" -> true;
            case "disconnect" -> false;
            default -> throw AdminException.badRequest("action must be connect or disconnect");
        };
        requireContact(b);
        if (a.bare().equals(b.bare())) throw AdminException.badRequest("the two users must differ");
        roster(a).setMutualSubscription(a.bare(), b.bare(), connect);
    }

    private RosterService roster(Jid user) { return moduleService(user, RosterService.class, "mod_roster"); }

    /** The service a module provides on the host of an existing account; 404 if either is missing. */
    <T> T moduleService(Jid user, Class<T> type, String module) {
        requireAccount(user);
        if (!services.auth().userExists(user)) throw AdminException.notFound("user " + user + " does not exist");
        return host(user).service(type)
                .orElseThrow(() -> AdminException.notFound(module + " is not enabled on " + user.domain()));
    }

    private static Map<String, Object> describe(RosterItem i) {
        return ordered("jid", i.contact().toString(), "name", i.name(), "groups", i.groups(),
                "subscription", i.state().subscription().xml(),
                "ask", i.state().pendingOut() ? "subscribe" : null);
    }

    private static void requireContact(Jid contact) {
        if (contact == null || !contact.hasLocal() || !contact.isBare()) throw AdminException.badRequest("contact must be a bare user JID");
    }

    // ---- stats ----

    /** Node-wide figures, and the same per served domain. */
    public Map<String, Object> stats() {
        Map<String, Object> hosts = new LinkedHashMap<>();
        long registered = 0;
        for (String h : services.hosts().names()) {
            long users = services.auth().countUsers(h);
            registered += users;
            hosts.put(h, ordered("onlineUsers", onlineUsers(h), "registeredUsers", users, "sessions", countSessions(h)));
        }
        long uptime = Duration.between(services.startedAt(), services.clock().instant()).toSeconds();
        return ordered("onlineUsers", onlineUsers(null), "registeredUsers", registered,
                "sessions", services.sessions().localCount(), "uptimeSeconds", uptime,
                "version", services.version(), "hosts", hosts);
    }

    private long onlineUsers(String domain) {
        return services.sessions().localSessions().stream()
                .filter(s -> s.jid() != null && (domain == null || s.jid().domain().equals(domain)))
                .map(s -> s.jid().bare()).distinct().count();
    }

    // ---- helpers ----

    /** Parses a JID given by an operator; 400 if invalid. */
    public static Jid jid(String name, String value) {
        if (value == null || value.isBlank()) throw AdminException.badRequest(name + " is required");
        Jid j = Jid.parseOrNull(value.strip());
        if (j == null) throw AdminException.badRequest(name + ": not a valid JID: " + value);
        return j;
    }

    private Jid account(String user, String domain) {
        String d = localDomain(domain);
        if (user == null || user.isBlank()) throw AdminException.badRequest("username is required");
        if (user.contains("@") || user.contains("/")) throw AdminException.badRequest("invalid username: " + user);
        Jid j = Jid.parseOrNull(user.strip() + "@" + d);
        if (j == null || !j.hasLocal()) throw AdminException.badRequest("invalid username: " + user);
        return j;
    }

    private void requireAccount(Jid jid) {
        if (jid == null || !jid.hasLocal()) throw AdminException.badRequest("a user JID (user@domain) is required");
        localDomain(jid.domain());
    }

    private String localDomain(String domain) {
        if (domain == null || domain.isBlank()) throw AdminException.badRequest("domain is required");
        Jid d = Jid.parseOrNull(domain.strip());
        if (d == null || !d.isDomainOnly()) throw AdminException.badRequest("not a domain: " + domain);
        if (!services.hosts().isLocal(d.domain())) throw AdminException.notFound("domain " + d.domain() + " is not served here");
        return d.domain();
    }

    private HostContext host(Jid jid) { return services.hosts().get(jid.domain()); }

    /** A map that keeps insertion order and allows null values (JSON null). */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }
}
