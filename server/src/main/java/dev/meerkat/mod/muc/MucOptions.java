package dev.meerkat.mod.muc;

import dev.meerkat.config.ConfigException;
import dev.meerkat.config.Options;
import dev.meerkat.jid.Jid;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The options of mod_muc (docs/modules/mod_muc.md).
 *
 * @param domain          the service's domain, e.g. {@code muc.example.org}
 * @param accessCreate    "all", "admin", or the JIDs (bare or domain) allowed to create rooms
 * @param maxRoomsPerUser rooms a user may own at once (service admins are not limited)
 * @param maxUsers        default and ceiling of occupants per room
 * @param historySize     default number of messages a room keeps for newcomers
 * @param maxHistorySize  the most a room owner may ask for
 * @param archiveByDefault whether new rooms archive their messages (when mod_mam offers room archives)
 */
public record MucOptions(String domain, List<String> accessCreate, int maxRoomsPerUser, int maxUsers, int historySize,
                         int maxHistorySize, boolean archiveByDefault) {

    public static MucOptions read(String host, Options o) {
        String domain = o.string("host", "muc.@HOST@").replace("@HOST@", host);
        if (Jid.parseOrNull(domain) == null || !Jid.parse(domain).isDomainOnly()) {
            throw new ConfigException(o.path() + ".host: not a domain: " + domain);
        }
        List<String> access;
        try {
            access = List.of(o.oneOf("access_create", Set.of("all", "admin"), "all"));
        } catch (ConfigException notAString) {
            access = o.stringList("access_create", List.of("all"));
        }
        int maxUsers = o.integer("max_users", 200, 1, 100_000);
        int maxHistory = o.integer("max_history_size", 100, 0, 10_000);
        int history = o.integer("history_size", 20, 0, maxHistory);
        return new MucOptions(domain, List.copyOf(access), o.integer("max_rooms_per_user", 100, 1, 1_000_000), maxUsers,
                history, maxHistory, o.bool("archive_by_default", true));
    }

    /** Whether {@code user} may create rooms; {@code isAdmin} says whether a JID is a server admin. */
    public boolean mayCreate(Jid user, Predicate<Jid> isAdmin) {
        if (accessCreate.contains("all")) return true;
        if (isAdmin.test(user)) return true;
        String bare = user.bare().toString();
        return accessCreate.contains(bare) || accessCreate.contains(user.domain());
    }
}
