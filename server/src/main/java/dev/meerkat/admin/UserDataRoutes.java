package dev.meerkat.admin;

import dev.meerkat.admin.AdminRoute.Param;
import dev.meerkat.jid.Jid;
import dev.meerkat.mod.last.LastActivityStore.LastActivity;
import dev.meerkat.mod.last.LastService;
import dev.meerkat.mod.offline.OfflineService;
import dev.meerkat.mod.vcard.VCardService;

import java.time.Clock;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.List;

import static dev.meerkat.admin.AdminService.jid;
import static dev.meerkat.admin.AdminService.ordered;

/**
 * Routes over what feature modules keep per user: vCard (mod_vcard), last activity (mod_last) and
 * offline messages (mod_offline). Each reaches its module through the service the module provides
 * on the user's host, and answers 404 when the module is not enabled there.
 */
public final class UserDataRoutes {
    private UserDataRoutes() {
    }

    public static List<AdminRoute> of(AdminService s, Clock clock) {
        Param user = Param.required("user", "bare JID of an account, e.g. alice@localhost");
        return List.of(
                new AdminRoute("GET", "/api/vcard", "vcard", "Get a user's vCard (XEP-0054) as XML", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            String xml = s.moduleService(j, VCardService.class, "mod_vcard").vcard(j)
                                    .orElseThrow(() -> AdminException.notFound("no vCard stored for " + j)).toXml();
                            return ordered("user", j.toString(), "vcard", xml);
                        }),
                new AdminRoute("PUT", "/api/vcard", "vcard", "Set (replace) a user's vCard",
                        List.of(user, Param.required("vcard", "<vCard xmlns='vcard-temp'>...</vCard>")), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            VCardService vcards = s.moduleService(j, VCardService.class, "mod_vcard");
                            try {
                                vcards.setVcard(j, AdminService.parseElement(r.required("vcard")));
                            } catch (IllegalArgumentException e) {
                                throw AdminException.badRequest(e.getMessage());
                            }
                            return ordered("user", j.toString());
                        }),

                new AdminRoute("GET", "/api/last", "last", "When a user was last online (XEP-0012) and its last status", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            LastActivity last = s.moduleService(j, LastService.class, "mod_last").last(j)
                                    .orElseThrow(() -> AdminException.notFound("no last activity recorded for " + j));
                            return describe(j, last);
                        }),
                new AdminRoute("PUT", "/api/last", "last", "Set a user's last activity",
                        List.of(user, Param.optional("timestamp", "ISO-8601 instant or Unix seconds; now when absent"),
                                Param.optional("status", "status text")), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            LastService lasts = s.moduleService(j, LastService.class, "mod_last");
                            LastActivity last = new LastActivity(instant(r.string("timestamp"), clock), r.string("status"));
                            lasts.setLast(j, last);
                            return describe(j, last);
                        }),

                new AdminRoute("GET", "/api/offline/count", "offline", "Count the offline messages kept for a user", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            return ordered("user", j.toString(), "count", s.moduleService(j, OfflineService.class, "mod_offline").count(j));
                        }),
                new AdminRoute("DELETE", "/api/offline", "offline", "Delete the offline messages kept for a user", List.of(user), 200,
                        r -> {
                            Jid j = jid("user", r.required("user"));
                            return ordered("user", j.toString(), "deleted", s.moduleService(j, OfflineService.class, "mod_offline").deleteAll(j));
                        }));
    }

    private static Object describe(Jid user, LastActivity last) {
        return ordered("user", user.toString(), "timestamp", last.at().toString(), "status", last.status());
    }

    /** An operator's time: Unix seconds or an ISO-8601 instant; now when absent. */
    static Instant instant(String value, Clock clock) {
        if (value == null || value.isBlank()) return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String v = value.strip();
        try {
            return v.chars().allMatch(Character::isDigit) ? Instant.ofEpochSecond(Long.parseLong(v)) : Instant.parse(v);
        } catch (DateTimeException | NumberFormatException e) {
            throw AdminException.badRequest("timestamp: expected an ISO-8601 instant or Unix seconds, got " + value);
        }
    }
}
