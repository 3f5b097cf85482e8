package dev.meerkat.ctl;

import java.util.List;

/**
 * One meerkatctl command: {@code meerkatctl <category> <name> --opt value...}, sent to the admin
 * API as {@code method path} with the options as query parameters (GET, DELETE) or JSON members.
 */
record CtlCommand(String category, String name, String description, String method, String path, List<Opt> options) {

    enum Kind { STRING, LIST, FILE, FIELDS }

    /**
     * @param names   the option's names, the first is the main one ({@code --user-a}, {@code --userA})
     * @param apiName the API parameter it fills
     * @param kind    LIST: comma-separated, sent as an array; FILE: a path whose content is the request body;
     *                FIELDS: repeatable {@code name=value}, sent as one JSON object
     */
    record Opt(List<String> names, String apiName, boolean required, Kind kind, String description) {
        static Opt req(String name, String apiName, String description) {
            return new Opt(List.of(name), apiName, true, Kind.STRING, description);
        }

        static Opt opt(String name, String apiName, String description) {
            return new Opt(List.of(name), apiName, false, Kind.STRING, description);
        }

        Opt alias(String other) {
            List<String> all = new java.util.ArrayList<>(names);
            all.add(other);
            return new Opt(List.copyOf(all), apiName, required, kind, description);
        }

        Opt kind(Kind k) { return new Opt(names, apiName, required, k, description); }
    }

    static final List<CtlCommand> ALL = List.of(
            new CtlCommand("account", "registerUser", "Register a user", "POST", "/api/accounts", List.of(
                    Opt.req("--domain", "domain", "served domain"),
                    Opt.req("--username", "username", "localpart"),
                    Opt.req("--password", "password", "password"))),
            new CtlCommand("account", "removeUser", "Remove a user, its data and sessions", "DELETE", "/api/accounts", List.of(
                    Opt.req("--user", "user", "bare JID"))),
            new CtlCommand("account", "changeUserPassword", "Change a user's password", "PUT", "/api/accounts/password", List.of(
                    Opt.req("--user", "user", "bare JID"),
                    Opt.req("--newPassword", "password", "the new password").alias("--new-password").alias("--password"))),
            new CtlCommand("account", "listUsers", "List the users of a domain", "GET", "/api/accounts", List.of(
                    Opt.req("--domain", "domain", "served domain"))),
            new CtlCommand("account", "countUsers", "Count the users of a domain", "GET", "/api/accounts/count", List.of(
                    Opt.req("--domain", "domain", "served domain"))),
            new CtlCommand("account", "checkUser", "Tell whether a user exists", "GET", "/api/accounts/exists", List.of(
                    Opt.req("--user", "user", "bare JID"))),
            new CtlCommand("account", "importUsers", "Register users from a CSV file of user,domain,password lines", "POST",
                    "/api/accounts/import", List.of(Opt.req("--file", "csv", "CSV file").kind(Kind.FILE))),

            new CtlCommand("session", "listSessions", "List the sessions of this node", "GET", "/api/sessions", List.of(
                    Opt.opt("--domain", "domain", "only this domain"),
                    Opt.opt("--user", "user", "only this user (bare JID)"))),
            new CtlCommand("session", "countSessions", "Count the sessions of this node", "GET", "/api/sessions/count", List.of(
                    Opt.opt("--domain", "domain", "only this domain"))),
            new CtlCommand("session", "kickUser", "End a user's sessions (bare JID) or one session (full JID)", "POST",
                    "/api/sessions/kick", List.of(
                    Opt.req("--user", "user", "bare or full JID"),
                    Opt.opt("--reason", "reason", "text sent to the client"))),

            new CtlCommand("stanza", "sendMessage", "Send a chat message as a user", "POST", "/api/stanzas/message", List.of(
                    Opt.req("--from", "from", "local JID"),
                    Opt.req("--to", "to", "recipient JID"),
                    Opt.req("--body", "body", "text"))),
            new CtlCommand("stanza", "sendStanza", "Route a stanza given as XML (with from and to)", "POST", "/api/stanzas", List.of(
                    Opt.req("--stanza", "stanza", "the stanza XML"))),

            new CtlCommand("roster", "listContacts", "List a user's contacts", "GET", "/api/roster", List.of(
                    Opt.req("--user", "user", "bare JID"))),
            new CtlCommand("roster", "addContact", "Add a contact to a user's roster (or update it)", "POST", "/api/roster/contacts", List.of(
                    Opt.req("--user", "user", "bare JID"),
                    Opt.req("--contact", "contact", "bare JID"),
                    Opt.opt("--name", "name", "display name"),
                    Opt.opt("--groups", "groups", "comma-separated group names").kind(Kind.LIST))),
            new CtlCommand("roster", "deleteContact", "Remove a contact from a user's roster", "DELETE", "/api/roster/contacts", List.of(
                    Opt.req("--user", "user", "bare JID"),
                    Opt.req("--contact", "contact", "bare JID"))),
            new CtlCommand("roster", "setMutualSubscription", "Subscribe two users to each other, or undo it", "POST",
                    "/api/roster/subscription", List.of(
                    Opt.req("--user-a", "userA", "bare JID").alias("--userA"),
                    Opt.req("--user-b", "userB", "bare JID").alias("--userB"),
                    Opt.req("--action", "action", "connect or disconnect"))),

            new CtlCommand("vcard", "getVcard", "Print a user's vCard (XML)", "GET", "/api/vcard", List.of(
                    Opt.req("--user", "user", "bare JID"))),
            new CtlCommand("vcard", "setVcard", "Set (replace) a user's vCard", "PUT", "/api/vcard", List.of(
                    Opt.req("--user", "user", "bare JID"),
                    Opt.req("--vcard", "vcard", "<vCard xmlns='vcard-temp'>...</vCard>"))),

            new CtlCommand("last", "getLast", "When a user was last online, and its last status", "GET", "/api/last", List.of(
                    Opt.req("--user", "user", "bare JID"))),
            new CtlCommand("last", "setLast", "Set a user's last activity", "PUT", "/api/last", List.of(
                    Opt.req("--user", "user", "bare JID"),
                    Opt.opt("--timestamp", "timestamp", "ISO-8601 instant or Unix seconds (default: now)"),
                    Opt.opt("--status", "status", "status text"))),

            new CtlCommand("offline", "countMessages", "Count the offline messages kept for a user", "GET", "/api/offline/count", List.of(
                    Opt.req("--user", "user", "bare JID"))),
            new CtlCommand("offline", "deleteMessages", "Delete the offline messages kept for a user", "DELETE", "/api/offline", List.of(
                    Opt.req("--user", "user", "bare JID"))),

            new CtlCommand("muc", "createInstantRoom", "Create a room (unlocked, persistent) owned by a user", "POST", "/api/muc/rooms", List.of(
                    Opt.req("--room", "room", "bare room JID, e.g. lobby@muc.localhost"),
                    Opt.req("--owner", "owner", "bare JID of the owner"))),
            new CtlCommand("muc", "listRooms", "List the rooms of a MUC service", "GET", "/api/muc/rooms", List.of(
                    Opt.req("--domain", "domain", "MUC domain, e.g. muc.localhost").alias("--mucDomain"))),
            new CtlCommand("muc", "deleteRoom", "Destroy a room, telling its occupants why", "DELETE", "/api/muc/rooms", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.opt("--reason", "reason", "text shown to the occupants"))),
            new CtlCommand("muc", "listRoomUsers", "List the occupants of a room", "GET", "/api/muc/rooms/occupants", List.of(
                    Opt.req("--room", "room", "bare room JID"))),
            new CtlCommand("muc", "listRoomAffiliations", "List the affiliations of a room", "GET", "/api/muc/rooms/affiliations", List.of(
                    Opt.req("--room", "room", "bare room JID"))),
            new CtlCommand("muc", "setUserAffiliation", "Set a user's affiliation to a room", "PUT", "/api/muc/rooms/affiliations", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.req("--user", "user", "bare JID"),
                    Opt.req("--affiliation", "affiliation", "owner, admin, member, none or outcast"),
                    Opt.opt("--reason", "reason", "text shown to the occupants"))),
            new CtlCommand("muc", "getRoomConfig", "Show a room's configuration", "GET", "/api/muc/rooms/config", List.of(
                    Opt.req("--room", "room", "bare room JID"))),
            new CtlCommand("muc", "changeRoomConfig", "Change fields of a room's configuration, as an owner submitting the form would",
                    "PATCH", "/api/muc/rooms/config", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.req("--field", "config", "a muc#roomconfig field as name=value (roomname=Lobby, "
                            + "membersonly=true...); repeat for more").kind(Kind.FIELDS))),
            new CtlCommand("muc", "getRoomMessages", "List a room's archived messages (mod_mam with muc = true), oldest first",
                    "GET", "/api/muc/rooms/messages", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.opt("--limit", "limit", "how many of the newest messages (default 50)"),
                    Opt.opt("--before", "before", "only messages older than this id"))),
            new CtlCommand("muc", "inviteUser", "Send a user an invitation to a room (XEP-0249) from another user", "POST",
                    "/api/muc/rooms/invite", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.req("--sender", "sender", "local JID the invitation comes from"),
                    Opt.req("--recipient", "recipient", "JID of the invited user"),
                    Opt.opt("--reason", "reason", "text of the invitation"))),
            new CtlCommand("muc", "kickUser", "Kick an occupant (by nick) out of a room", "POST", "/api/muc/rooms/kick", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.req("--nick", "nick", "the occupant's nick"),
                    Opt.opt("--reason", "reason", "text shown to the occupants"))),
            new CtlCommand("muc", "sendMessageToRoom", "Send a groupchat message as a user who is in the room", "POST",
                    "/api/muc/rooms/message", List.of(
                    Opt.req("--room", "room", "bare room JID"),
                    Opt.req("--from", "from", "bare JID, or full JID of one session"),
                    Opt.req("--body", "body", "text"))),

            new CtlCommand("stat", "stats", "Online users, registered users, sessions, uptime", "GET", "/api/stats", List.of()));
}
