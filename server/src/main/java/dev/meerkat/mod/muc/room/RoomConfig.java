package dev.meerkat.mod.muc.room;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A room's configuration (XEP-0045 §15.5.3, muc#roomconfig). Immutable; {@link #encode()} and
 * {@link #decode} give the text kept by the room store.
 *
 * @param maxUsers      0 means no limit below the service ceiling
 * @param historyLength messages kept for new occupants
 * @param archiving     whether the room keeps a message archive (XEP-0313), when the server offers one
 */
public record RoomConfig(String name, String description, boolean persistent, boolean publicRoom,
                         boolean membersOnly, boolean moderated, String password, int maxUsers, Whois whois,
                         int historyLength, boolean allowInvites, boolean changeSubject, AllowPm allowPm,
                         boolean archiving) {

    public static RoomConfig defaults(int maxUsers, int historyLength) {
        return defaults(maxUsers, historyLength, false);
    }

    public static RoomConfig defaults(int maxUsers, int historyLength, boolean archiving) {
        return new RoomConfig("", "", false, true, false, false, "", maxUsers, Whois.MODERATORS, historyLength,
                false, false, AllowPm.ANYONE, archiving);
    }

    public boolean passwordProtected() { return !password.isEmpty(); }

    public RoomConfig withPersistent(boolean v) {
        return new RoomConfig(name, description, v, publicRoom, membersOnly, moderated, password, maxUsers, whois,
                historyLength, allowInvites, changeSubject, allowPm, archiving);
    }

    public RoomConfig withMembersOnly(boolean v) {
        return new RoomConfig(name, description, persistent, publicRoom, v, moderated, password, maxUsers, whois,
                historyLength, allowInvites, changeSubject, allowPm, archiving);
    }

    public RoomConfig withPassword(String v) {
        return new RoomConfig(name, description, persistent, publicRoom, membersOnly, moderated, v, maxUsers, whois,
                historyLength, allowInvites, changeSubject, allowPm, archiving);
    }

    public RoomConfig withModerated(boolean v) {
        return new RoomConfig(name, description, persistent, publicRoom, membersOnly, v, password, maxUsers, whois,
                historyLength, allowInvites, changeSubject, allowPm, archiving);
    }

    /** One {@code key=value} line per field; values are escaped so a newline cannot break a line. */
    public String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("description", description);
        m.put("persistent", Boolean.toString(persistent));
        m.put("public", Boolean.toString(publicRoom));
        m.put("members_only", Boolean.toString(membersOnly));
        m.put("moderated", Boolean.toString(moderated));
        m.put("password", password);
        m.put("max_users", Integer.toString(maxUsers));
        m.put("whois", whois.xml());
        m.put("history_length", Integer.toString(historyLength));
        m.put("allow_invites", Boolean.toString(allowInvites));
        m.put("change_subject", Boolean.toString(changeSubject));
        m.put("allow_pm", allowPm.xml());
        m.put("archiving", Boolean.toString(archiving));
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> b.append(k).append('=').append(escape(v)).append('\n'));
        return b.toString();
    }

    /** Reads {@link #encode()}'s text; missing or unreadable keys keep the given defaults. */
    public static RoomConfig decode(String text, RoomConfig defaults) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
        }
        RoomConfig d = defaults;
        Whois whois = Whois.parse(m.getOrDefault("whois", ""));
        AllowPm pm = AllowPm.parse(m.getOrDefault("allow_pm", ""));
        return new RoomConfig(m.getOrDefault("name", d.name), m.getOrDefault("description", d.description),
                bool(m, "persistent", d.persistent), bool(m, "public", d.publicRoom),
                bool(m, "members_only", d.membersOnly), bool(m, "moderated", d.moderated),
                m.getOrDefault("password", d.password), integer(m, "max_users", d.maxUsers),
                whois == null ? d.whois : whois, integer(m, "history_length", d.historyLength),
                bool(m, "allow_invites", d.allowInvites), bool(m, "change_subject", d.changeSubject),
                pm == null ? d.allowPm : pm, bool(m, "archiving", d.archiving));
    }

    private static boolean bool(Map<String, String> m, String k, boolean d) {
        String v = m.get(k);
        return v == null ? d : Boolean.parseBoolean(v);
    }

    private static int integer(Map<String, String> m, String k, int d) {
        try {
            return m.containsKey(k) ? Integer.parseInt(m.get(k)) : d;
        } catch (NumberFormatException e) {
            return d;
        }
    }

    private static String escape(String v) { return v.replace("\\", "\\\\").replace("\n", "\\n"); }

    private static String unescape(String v) {
        StringBuilder b = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char n = v.charAt(++i);
                b.append(n == 'n' ? '\n' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
