package dev.meerkat.admin;

import dev.meerkat.admin.AdminRoute.Param;
import dev.meerkat.jid.Jid;

import java.util.List;

import static dev.meerkat.admin.AdminService.jid;
import static dev.meerkat.admin.AdminService.ordered;

/** The routes of the core: accounts, sessions, stanzas, roster, stats. */
public final class CoreRoutes {
    private CoreRoutes() {
    }

    public static List<AdminRoute> of(AdminService s) {
        Param user = Param.required("user", "bare JID of an account, e.g. alice@localhost");
        Param domain = Param.required("domain", "a served domain");
        return List.of(
                new AdminRoute("POST", "/api/accounts", "account", "Register a user",
                        List.of(Param.required("username", "localpart"), domain, Param.required("password", "password")), 201,
                        r -> ordered("jid", s.registerUser(r.required("username"), r.required("domain"), r.required("password")).toString())),
                new AdminRoute("GET", "/api/accounts", "account", "List the users of a domain", List.of(domain), 200,
                        r -> ordered("domain", r.required("domain"), "users", s.listUsers(r.required("domain")))),
                new AdminRoute("DELETE", "/api/accounts", "account", "Remove a user (its data and sessions too)", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            s.removeUser(j);
                            return ordered("removed", j.toString());
                        }),
                new AdminRoute("GET", "/api/accounts/count", "account", "Count the users of a domain", List.of(domain), 200,
                        r -> ordered("domain", r.required("domain"), "count", s.countUsers(r.required("domain")))),
                new AdminRoute("GET", "/api/accounts/exists", "account", "Check that a user exists", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            return ordered("user", j.toString(), "exists", s.userExists(j));
                        }),
                new AdminRoute("PUT", "/api/accounts/password", "account", "Change a user's password",
                        List.of(user, Param.required("password", "the new password")), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            s.changePassword(j, r.required("password"));
                            return ordered("user", j.toString());
                        }),
                new AdminRoute("POST", "/api/accounts/import", "account",
                        "Register users from CSV lines user,domain,password (body text/csv, or JSON member csv)",
                        List.of(Param.optional("csv", "the CSV text, when the body is JSON")), 200,
                        r -> s.importUsers(r.contentType().startsWith("text/csv") ? r.rawBody() : r.required("csv"))),

                new AdminRoute("GET", "/api/sessions", "session", "List sessions of this node (all, of a domain, or of a user)",
                        List.of(Param.optional("domain", "only this domain"), Param.optional("user", "only this account")), 200,
                        r -> ordered("sessions", r.string("user") != null ? s.userSessions(jid("user", r.string("user")))
                                : s.sessions(r.string("domain")))),
                new AdminRoute("GET", "/api/sessions/count", "session", "Count sessions of this node",
                        List.of(Param.optional("domain", "only this domain")), 200,
                        r -> ordered("count", s.countSessions(r.string("domain")))),
                new AdminRoute("POST", "/api/sessions/kick", "session",
                        "End a user's sessions (bare JID) or one session (full JID) with a policy-violation stream error",
                        List.of(Param.required("user", "bare or full JID"), Param.optional("reason", "text sent with the stream error")), 200,
                        r -> ordered("kicked", s.kickUser(jid("user", r.required("user")), r.string("reason")))),

                new AdminRoute("POST", "/api/stanzas/message", "stanza", "Send a chat message as a user",
                        List.of(Param.required("from", "local JID"), Param.required("to", "recipient JID"), Param.required("body", "text")), 200,
                        r -> {
                            s.sendMessage(jid("from", r.required("from")), jid("to", r.required("to")), r.required("body"));
                            return ordered("sent", true);
                        }),
                new AdminRoute("POST", "/api/stanzas", "stanza", "Route any stanza (XML with from and to)",
                        List.of(Param.required("stanza", "the stanza XML")), 200,
                        r -> {
                            s.sendStanza(r.required("stanza"));
                            return ordered("sent", true);
                        }),

                new AdminRoute("GET", "/api/roster", "roster", "List a user's contacts", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            return ordered("user", j.toString(), "contacts", s.listContacts(j));
                        }),
                new AdminRoute("POST", "/api/roster/contacts", "roster", "Add a contact to a user's roster (or update it)",
                        List.of(user, Param.required("contact", "bare JID"), Param.optional("name", "display name"),
                                Param.strings("groups", "group names (array, or comma-separated)")), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            Jid c = jid("contact", r.required("contact"));
                            s.addContact(j, c, r.string("name"), r.strings("groups"));
                            return ordered("user", j.toString(), "contact", c.toString());
                        }),
                new AdminRoute("DELETE", "/api/roster/contacts", "roster", "Remove a contact from a user's roster",
                        List.of(user, Param.required("contact", "bare JID")), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            Jid c = jid("contact", r.required("contact"));
                            s.deleteContact(j, c);
                            return ordered("user", j.toString(), "removed", c.toString());
                        }),
                new AdminRoute("POST", "/api/roster/subscription", "roster",
                        "Make two users subscribed to each other (connect) or remove each from the other's roster (disconnect)",
                        List.of(Param.required("userA", "bare JID"), Param.required("userB", "bare JID"),
                                Param.required("action", "connect or disconnect")), 200,
                        r -> {
                            s.setMutualSubscription(jid("userA", r.required("userA")), jid("userB", r.required("userB")), r.required("action"));
                            return ordered("action", r.required("action"));
                        }),

                new AdminRoute("GET", "/api/stats", "stat", "Online users, registered users, sessions, uptime; also per domain",
                        List.of(), 200, r -> s.stats()));
    }
}
