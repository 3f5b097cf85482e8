package dev.meerkat.admin;

import dev.meerkat.admin.AdminRoute.Param;
import dev.meerkat.jid.Jid;

import java.util.List;
import java.util.Map;

import static dev.meerkat.admin.AdminService.jid;
import static dev.meerkat.admin.AdminService.ordered;

/**
 * Routes over MUC rooms (mod_muc), after MongooseIM's {@code muc} category. A room is named by its
 * bare JID; its service is the mod_muc of whichever host serves that MUC domain, and a domain
 * without one answers 404.
 */
public final class MucRoutes {
    private MucRoutes() {
    }

    private static final int DEFAULT_MESSAGES = 50;

    /**
     * PATCH and PUT do the same: like a submitted muc#roomconfig form, they change the fields
     * given and keep the others.
     */
    private static AdminRoute changeConfig(String method, MucAdmin m, Param room) {
        return new AdminRoute(method, "/api/muc/rooms/config", "muc",
                "Change fields of a room's configuration as an owner submitting the form would (occupants get status 104); "
                        + "fields not given keep their value",
                List.of(room, Param.object("config", "muc#roomconfig fields by var (muc#roomconfig_roomname) or short name (roomname): "
                        + "string, boolean, integer or array of strings")), 200,
                r -> {
                    Jid j = jid("room", r.required("room"));
                    Map<String, Object> config = r.object("config");
                    if (config == null) throw AdminException.badRequest("config is required");
                    return ordered("room", j.toString(), "config", m.changeConfig(j, config));
                });
    }

    public static List<AdminRoute> of(MucAdmin m) {
        Param room = Param.required("room", "bare JID of a room, e.g. lobby@muc.localhost");
        Param reason = Param.optional("reason", "text the occupants are shown");
        return List.of(
                new AdminRoute("POST", "/api/muc/rooms", "muc",
                        "Create an instant room (unlocked, default configuration, persistent) owned by a user",
                        List.of(room, Param.required("owner", "bare JID of the owner")), 201,
                        r -> {
                            Jid created = m.createRoom(jid("room", r.required("room")), jid("owner", r.required("owner")));
                            return ordered("room", created.toString(), "owner", jid("owner", r.required("owner")).bare().toString());
                        }),
                new AdminRoute("GET", "/api/muc/rooms", "muc", "List the rooms of a MUC service",
                        List.of(Param.required("domain", "the MUC domain, e.g. muc.localhost")), 200,
                        r -> ordered("domain", r.required("domain"), "rooms", m.listRooms(r.required("domain")))),
                new AdminRoute("DELETE", "/api/muc/rooms", "muc", "Destroy a room; its occupants are told the reason",
                        List.of(room, reason), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            m.destroyRoom(j, r.string("reason"));
                            return ordered("destroyed", j.toString());
                        }),
                new AdminRoute("GET", "/api/muc/rooms/occupants", "muc", "List the occupants of a room (nick, real JID, role, affiliation)",
                        List.of(room), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            return ordered("room", j.toString(), "occupants", m.occupants(j));
                        }),
                new AdminRoute("GET", "/api/muc/rooms/affiliations", "muc", "List the affiliations of a room",
                        List.of(room), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            return ordered("room", j.toString(), "affiliations", m.affiliations(j));
                        }),
                new AdminRoute("PUT", "/api/muc/rooms/affiliations", "muc",
                        "Set a user's affiliation to a room (owner, admin, member, none, outcast)",
                        List.of(room, Param.required("user", "bare JID"), Param.required("affiliation", "owner, admin, member, none or outcast"),
                                reason), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            Jid u = jid("user", r.required("user"));
                            m.setAffiliation(j, u, r.required("affiliation"), r.string("reason"));
                            return ordered("room", j.toString(), "user", u.bare().toString(), "affiliation", r.required("affiliation"));
                        }),
                new AdminRoute("GET", "/api/muc/rooms/config", "muc", "Show a room's configuration", List.of(room), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            return ordered("room", j.toString(), "config", m.config(j));
                        }),
                changeConfig("PATCH", m, room),
                changeConfig("PUT", m, room),
                new AdminRoute("GET", "/api/muc/rooms/messages", "muc",
                        "Read a room's archive (mod_mam with muc = true), newest page first: messages oldest first, 'more' when older ones are left",
                        List.of(room, Param.optionalInteger("limit", "how many messages, 1 to " + MucAdmin.MAX_MESSAGES + " (default " + DEFAULT_MESSAGES + ")"),
                                Param.optional("before", "id of a message: only older ones (page back with the first id of the last page)")), 200,
                        r -> m.roomMessages(jid("room", r.required("room")), r.integer("limit", DEFAULT_MESSAGES), r.string("before"))),
                new AdminRoute("POST", "/api/muc/rooms/invite", "muc",
                        "Invite a user to a room (XEP-0249 direct invitation from the sender; members-only rooms make the recipient a member)",
                        List.of(room, Param.required("sender", "local JID the invitation comes from"),
                                Param.required("recipient", "JID of the invited user"), Param.optional("reason", "text of the invitation")), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            Jid to = jid("recipient", r.required("recipient"));
                            m.invite(j, jid("sender", r.required("sender")), to, r.string("reason"));
                            return ordered("room", j.toString(), "invited", to.toString());
                        }),
                new AdminRoute("POST", "/api/muc/rooms/kick", "muc", "Kick an occupant (by nick) out of a room",
                        List.of(room, Param.required("nick", "the occupant's nick"), reason), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            m.kick(j, r.required("nick"), r.string("reason"));
                            return ordered("room", j.toString(), "kicked", r.required("nick"));
                        }),
                new AdminRoute("POST", "/api/muc/rooms/message", "muc",
                        "Send a groupchat message to a room as a user who is in it",
                        List.of(room, Param.required("from", "the user (bare JID, or full JID of one session)"),
                                Param.required("body", "text")), 200,
                        r -> {
                            Jid j = jid("room", r.required("room"));
                            String nick = m.sendMessage(j, jid("from", r.required("from")), r.required("body"));
                            return ordered("room", j.toString(), "nick", nick, "sent", true);
                        }));
    }
}
