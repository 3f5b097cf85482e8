package dev.meerkat.admin;

import dev.meerkat.jid.Jid;
import dev.meerkat.mod.mam.RoomArchive;
import dev.meerkat.mod.muc.MucService;
import dev.meerkat.mod.muc.room.Affiliation;
import dev.meerkat.mod.muc.room.Occupant;
import dev.meerkat.mod.muc.room.Room;
import dev.meerkat.mod.muc.room.RoomConfig;
import dev.meerkat.module.HostContext;
import dev.meerkat.module.ServerServices;
import dev.meerkat.stanza.Stanza;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;
import dev.meerkat.xml.Ns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import static dev.meerkat.admin.AdminService.ordered;

/**
 * What the admin API does with MUC rooms (mod_muc), independent of HTTP. Each operation runs on
 * the room's own executor, between its stanzas, so it sees and changes the room exactly as a
 * stanza would; the caller (a blocking thread) waits for it. Occupants are told what happens as
 * they would be after the same action by a moderator or owner.
 */
public final class MucAdmin {
    /** A room works through its queue quickly; this only guards against one stuck on storage. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CONFERENCE_NS = "jabber:x:conference";
    private static final String CONFIG_PREFIX = "muc#roomconfig_";
    /** The largest page of room messages one request returns. */
    static final int MAX_MESSAGES = 500;

    private final ServerServices services;

    public MucAdmin(ServerServices services) {
        this.services = services;
    }

    /** Creates an unlocked, persistent room owned by {@code owner}; 409 if it exists. */
    public Jid createRoom(Jid room, Jid owner) {
        requireUser("owner", owner);
        MucService muc = service(requireRoom(room).domain());
        if (!await(muc.createRoom(room.local(), owner.bare()))) throw AdminException.conflict("room " + room + " already exists");
        return room.bare();
    }

    /** The rooms of a MUC service, sorted by JID. */
    public List<Map<String, Object>> listRooms(String mucDomain) {
        Jid d = Jid.parseOrNull(mucDomain == null ? "" : mucDomain.strip());
        if (d == null || !d.isDomainOnly()) throw AdminException.badRequest("not a domain: " + mucDomain);
        MucService muc = service(d.domain());
        List<Map<String, Object>> out = new ArrayList<>();
        for (String name : muc.roomNames()) {
            try {
                muc.inRoom(name, MucAdmin::summary).map(MucAdmin::await).ifPresent(out::add);
            } catch (AdminException gone) {
                if (gone.status() != 404) throw gone;  // closed while we looked: not a room any more
            }
        }
        out.sort(Comparator.comparing(m -> (String) m.get("room")));
        return out;
    }

    /** §10.9 as the owner would: occupants are told the reason, the stored room is removed. */
    public void destroyRoom(Jid room, String reason) {
        inRoom(room, r -> {
            r.destroy(null, blankToNull(reason), null);
            return true;
        });
    }

    public List<Map<String, Object>> occupants(Jid room) {
        return inRoom(room, r -> r.occupants().stream()
                .sorted(Comparator.comparing(Occupant::nick))
                .map(o -> ordered("nick", o.nick(), "jid", o.realJid().toString(), "role", o.role().xml(),
                        "affiliation", r.affiliation(o.realJid()).xml()))
                .toList());
    }

    public List<Map<String, Object>> affiliations(Jid room) {
        return inRoom(room, r -> r.affiliations().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparing(Jid::toString)))
                .map(e -> ordered("jid", e.getKey().toString(), "affiliation", e.getValue().xml()))
                .toList());
    }

    public Map<String, Object> config(Jid room) {
        return inRoom(room, r -> describe(r.config()));
    }

    /**
     * §9–10 as an owner would. Taking the room's last owner away is refused (409): a room without
     * an owner could not be configured or destroyed by its users any more.
     */
    public void setAffiliation(Jid room, Jid user, String affiliation, String reason) {
        if (user == null || !user.hasLocal()) throw AdminException.badRequest("user must be a user JID");
        Affiliation aff = Affiliation.parse(affiliation);
        if (aff == null) throw AdminException.badRequest("affiliation must be one of owner, admin, member, none, outcast");
        inRoom(room, r -> {
            boolean lastOwner = r.affiliation(user) == Affiliation.OWNER && aff != Affiliation.OWNER
                    && r.affiliations().values().stream().filter(a -> a == Affiliation.OWNER).count() == 1;
            if (lastOwner) throw AdminException.conflict(user.bare() + " is the last owner of " + r.jid());
            r.setAffiliation(user.bare(), aff, null, blankToNull(reason));
            return true;
        });
    }

    /** §8.2 as a moderator would: the occupant gets 307 and the reason; everyone sees it leave. */
    public void kick(Jid room, String nick, String reason) {
        if (nick == null || nick.isBlank()) throw AdminException.badRequest("nick is required");
        inRoom(room, r -> {
            Occupant o = r.occupant(nick).orElseThrow(() -> AdminException.notFound("no occupant " + nick + " in " + r.jid()));
            r.setRole(o, dev.meerkat.mod.muc.room.Role.NONE, null, blankToNull(reason));
            return true;
        });
    }

    /**
     * A groupchat message from a user who is in the room (a full JID: that session; a bare JID:
     * its first occupant), reflected to every occupant as if the user had sent it. An operator
     * speaks for a user, so a moderated room's voice rule does not apply.
     */
    public String sendMessage(Jid room, Jid from, String body) {
        requireUser("from", from);
        if (body == null || body.isEmpty()) throw AdminException.badRequest("body is required");
        String id = UUID.randomUUID().toString();
        return inRoom(room, r -> {
            Occupant sender = r.occupants().stream()
                    .filter(o -> from.isBare() ? o.realJid().bare().equals(from) : o.realJid().equals(from))
                    .findFirst()
                    .orElseThrow(() -> AdminException.conflict(from + " is not in the room " + r.jid()));
            r.reflect(sender, Element.builder("message", Ns.CLIENT).attr("id", id).attr("type", "groupchat")
                    .textChild("body", body).build());
            return sender.nick();
        });
    }

    /**
     * A XEP-0249 direct invitation from {@code sender} to {@code recipient} (it reaches the
     * recipient whether or not the sender is online or in the room). In a members-only room the
     * recipient is made a member first, so that the invitation can be used.
     */
    public void invite(Jid room, Jid sender, Jid recipient, String reason) {
        requireUser("sender", sender);
        if (!services.hosts().isLocal(sender.domain())) throw AdminException.badRequest("sender must be a local JID");
        if (recipient == null || !recipient.hasLocal()) throw AdminException.badRequest("recipient must be a user JID");
        RoomConfig config = inRoom(room, r -> {
            if (r.config().membersOnly() && !r.affiliation(recipient).atLeast(Affiliation.MEMBER)) {
                r.setAffiliation(recipient.bare(), Affiliation.MEMBER, null, null);
            }
            return r.config();
        });
        String why = blankToNull(reason);
        Element.Builder x = Element.builder("x", CONFERENCE_NS).attr("jid", room.bare().toString()).attr("reason", why);
        if (config.passwordProtected()) x.attr("password", config.password());
        services.router().route(Stanza.of(Element.builder("message", Ns.CLIENT)
                .attr("from", sender.bare().toString()).attr("to", recipient.toString()).attr("id", UUID.randomUUID().toString())
                .textChild("body", sender.bare() + " invites you to the room " + room.bare() + (why == null ? "" : ": " + why))
                .child(x.build()).build()));
    }

    /**
     * Changes the named fields of a room's configuration as an owner's form submission does (the
     * room's own code path: occupants get status 104 and whatever the change implies, a persistent
     * room is stored). Names are the form's vars ({@code muc#roomconfig_roomname}) or the part after
     * {@code muc#roomconfig_} ({@code roomname}); a name the room's form does not have is refused
     * (400) with that name. Values are strings, booleans, numbers or arrays of strings. Returns the
     * new configuration.
     */
    public Map<String, Object> changeConfig(Jid room, Map<String, Object> fields) {
        Jid r = requireRoom(room);
        if (fields == null || fields.isEmpty()) throw AdminException.badRequest("config must name at least one field");
        Map<String, String> given = new LinkedHashMap<>();  // var -> the name the operator used
        Map<String, List<String>> values = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            String var = name.startsWith(CONFIG_PREFIX) || name.contains("#") ? name : CONFIG_PREFIX + name;
            given.put(var, name);
            values.put(var, formValues(name, value));
        });
        MucService muc = service(r.domain());
        return await(muc.inRoom(r.local(), rm -> {
            Set<String> known = muc.configFields(rm);
            for (String var : values.keySet()) {
                if (!known.contains(var)) {
                    throw AdminException.badRequest("unknown field " + given.get(var) + "; the room's form has "
                            + String.join(", ", known.stream().map(k -> k.replace(CONFIG_PREFIX, "")).toList()));
                }
            }
            return describe(muc.submitConfig(rm, values));
        }).orElseThrow(() -> AdminException.notFound("no room " + r)));
    }

    /**
     * A page of the room's archive (mod_mam with {@code muc = true}): the newest {@code limit}
     * messages before the message {@code before} (the newest of all when null), oldest first.
     * 404 for no such room or message id, 409 when the host does not archive rooms or the room has
     * archiving switched off.
     */
    public Map<String, Object> roomMessages(Jid room, int limit, String before) {
        Jid r = requireRoom(room);
        if (limit < 1 || limit > MAX_MESSAGES) throw AdminException.badRequest("limit must be between 1 and " + MAX_MESSAGES);
        HostContext host = host(r.domain());
        boolean archiving = inRoom(r, rm -> rm.config().archiving());
        RoomArchive archive = host.service(RoomArchive.class).orElseThrow(() -> AdminException.conflict(
                "rooms of " + r.domain() + " are not archived: mod_mam does not run with muc = true on " + host.host()));
        if (!archiving) throw AdminException.conflict("room " + r + " does not archive its messages (muc#roomconfig_enablearchiving is off)");
        RoomArchive.Recent page;
        try {
            page = archive.recent(r, blankToNull(before), limit);
        } catch (NoSuchElementException e) {
            throw AdminException.notFound(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("before: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(503, "interrupted");
        }
        List<Map<String, Object>> messages = page.messages().stream()
                .map(m -> ordered("id", m.id(), "timestamp", m.timestamp().toString(), "nick", m.nick(),
                        "jid", m.realJid() == null ? null : m.realJid().toString(), "body", m.body()))
                .toList();
        return ordered("room", r.toString(), "messages", messages, "more", page.more());
    }

    // ---- helpers ----

    private static List<String> formValues(String name, Object value) {
        return switch (value) {
            case String s -> List.of(s);
            case Boolean b -> List.of(b.toString());
            case Long n -> List.of(n.toString());
            case List<?> list -> list.stream().map(o -> {
                if (o instanceof String s) return s;
                throw AdminException.badRequest(name + " must be a string, boolean, integer or array of strings");
            }).toList();
            case null, default -> throw AdminException.badRequest(name + " must be a string, boolean, integer or array of strings");
        };
    }

    private <T> T inRoom(Jid room, Function<Room, T> operation) {
        Jid r = requireRoom(room);
        return await(service(r.domain()).inRoom(r.local(), operation)
                .orElseThrow(() -> AdminException.notFound("no room " + r)));
    }

    /** The MUC service at {@code domain}, found among the services mod_muc provides on each host. */
    private MucService service(String domain) {
        return host(domain).service(MucService.class).orElseThrow();
    }

    /** The host whose mod_muc serves {@code domain}. */
    private HostContext host(String domain) {
        for (String host : services.hosts().names()) {
            HostContext h = services.hosts().get(host);
            MucService s = h.service(MucService.class).orElse(null);
            if (s != null && s.domain().equals(domain)) return h;
        }
        throw AdminException.notFound("no MUC service at " + domain + " (mod_muc is not enabled for it)");
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AdminException a) throw a;
            // what an owner submitting the same form would be told (not-acceptable)
            if (cause instanceof StanzaException se) throw AdminException.badRequest(se.text() == null ? se.getMessage() : se.text());
            if (cause instanceof NoSuchElementException) throw AdminException.notFound("the room is gone");
            if (cause instanceof RuntimeException r) throw r;
            throw new IllegalStateException(cause);
        } catch (TimeoutException e) {
            throw new AdminException(503, "the room did not answer within " + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(503, "interrupted");
        }
    }

    private static Jid requireRoom(Jid room) {
        if (room == null || !room.hasLocal() || !room.isBare()) throw AdminException.badRequest("room must be a bare room JID, e.g. lobby@muc.example.org");
        return room;
    }

    private static void requireUser(String name, Jid user) {
        if (user == null || !user.hasLocal()) throw AdminException.badRequest(name + " must be a user JID");
    }

    private static Map<String, Object> summary(Room r) {
        RoomConfig c = r.config();
        return ordered("room", r.jid().toString(), "name", c.name(), "occupants", r.occupants().size(),
                "persistent", c.persistent(), "public", c.publicRoom(), "membersOnly", c.membersOnly(), "locked", r.locked());
    }

    private static Map<String, Object> describe(RoomConfig c) {
        return ordered("name", c.name(), "description", c.description(), "persistent", c.persistent(),
                "public", c.publicRoom(), "membersOnly", c.membersOnly(), "moderated", c.moderated(),
                "passwordProtected", c.passwordProtected(), "maxUsers", c.maxUsers(), "whois", c.whois().xml(),
                "historyLength", c.historyLength(), "allowInvites", c.allowInvites(), "changeSubject", c.changeSubject(),
                "allowPm", c.allowPm().xml(), "archiving", c.archiving());
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}
