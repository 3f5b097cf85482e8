package dev.meerkat.mod.muc.room;

import dev.meerkat.mod.muc.MucNs;
import dev.meerkat.stanza.StanzaError;
import dev.meerkat.stanza.StanzaException;
import dev.meerkat.xml.Element;

import java.util.List;
import java.util.Map;

/** The muc#roomconfig form of §15.5.3: a configuration as a form, and a submitted form applied to one. */
public final class ConfigForm {
    private ConfigForm() {}

    private static final List<String> MAX_USERS = List.of("10", "20", "30", "50", "100", "200", "500", "1000");

    /** The field of the archiving switch, as Prosody names it. */
    public static final String ARCHIVING = "muc#roomconfig_enablearchiving";
    /**
     * XEP-0045's logging field, the same switch (as in Openfire, whose room log is its MAM archive):
     * Smack's {@code MucConfigFormManager.enablePublicLogging()} sets it and expects status 170.
     */
    public static final String LOGGING = "muc#roomconfig_enablelogging";
    /** ejabberd's name, accepted on submit. */
    private static final String ARCHIVING_EJABBERD = "mam";

    /** @param archivingOffered whether the server can archive rooms (the switch is shown) */
    public static Element form(RoomConfig c, int ceiling, boolean archivingOffered) {
        List<String> maxUsers = new java.util.ArrayList<>(MAX_USERS.stream().filter(v -> Integer.parseInt(v) <= ceiling).toList());
        String current = Integer.toString(c.maxUsers() <= 0 ? ceiling : c.maxUsers());
        if (!maxUsers.contains(current)) maxUsers.add(current);
        DataForm.Builder form = new DataForm.Builder("form", MucNs.ROOMCONFIG).title("Configuration of the room")
                .text("muc#roomconfig_roomname", "Natural-language room name", c.name())
                .text("muc#roomconfig_roomdesc", "Short description of the room", c.description())
                .bool("muc#roomconfig_persistentroom", "Make the room persistent", c.persistent())
                .bool("muc#roomconfig_publicroom", "Make the room publicly searchable", c.publicRoom())
                .bool("muc#roomconfig_membersonly", "Make the room members-only", c.membersOnly())
                .bool("muc#roomconfig_moderatedroom", "Make the room moderated", c.moderated())
                .bool("muc#roomconfig_passwordprotectedroom", "Password required to enter", c.passwordProtected())
                .field("muc#roomconfig_roomsecret", "text-private", "Password", List.of(c.password()), List.of())
                .field("muc#roomconfig_maxusers", "list-single", "Maximum number of occupants", List.of(current), maxUsers)
                .field("muc#roomconfig_whois", "list-single", "Who may discover real JIDs", List.of(c.whois().xml()),
                        List.of(Whois.MODERATORS.xml(), Whois.ANYONE.xml()))
                .text("muc#roomconfig_historylength", "Maximum number of history messages", Integer.toString(c.historyLength()))
                .bool("muc#roomconfig_allowinvites", "Allow occupants to invite others", c.allowInvites())
                .bool("muc#roomconfig_changesubject", "Allow occupants to change the subject", c.changeSubject())
                .field("muc#roomconfig_allowpm", "list-single", "Who may send private messages", List.of(c.allowPm().xml()),
                        List.of(AllowPm.ANYONE.xml(), AllowPm.PARTICIPANTS.xml(), AllowPm.MODERATORS.xml(), AllowPm.NONE.xml()));
        if (archivingOffered) {
            form.bool(ARCHIVING, "Archive the room's messages (XEP-0313)", c.archiving());
            form.bool(LOGGING, "Log the room's messages (the same switch as archiving)", c.archiving());
        }
        return form.build();
    }

    /**
     * The configuration a submitted form asks for; fields left out keep their value. A password
     * protection switched on without a secret, or any value out of range, is a not-acceptable error.
     */
    public static RoomConfig apply(RoomConfig c, Map<String, List<String>> v, int ceiling, int historyCeiling) {
        boolean protectedRoom = bool(v, "muc#roomconfig_passwordprotectedroom", c.passwordProtected());
        String secret = single(v, "muc#roomconfig_roomsecret", c.password());
        if (protectedRoom && secret.isEmpty()) throw bad("a password-protected room needs a password");
        String maxUsers = single(v, "muc#roomconfig_maxusers", Integer.toString(c.maxUsers()));
        int max = maxUsers.equals("none") ? 0 : integer(maxUsers, "muc#roomconfig_maxusers");
        if (max < 0 || max > ceiling) throw bad("muc#roomconfig_maxusers must be between 1 and " + ceiling);
        int history = integer(single(v, "muc#roomconfig_historylength", Integer.toString(c.historyLength())),
                "muc#roomconfig_historylength");
        if (history < 0 || history > historyCeiling) throw bad("muc#roomconfig_historylength must be between 0 and " + historyCeiling);
        Whois whois = Whois.parse(single(v, "muc#roomconfig_whois", c.whois().xml()));
        if (whois == null) throw bad("muc#roomconfig_whois must be moderators or anyone");
        AllowPm pm = AllowPm.parse(single(v, "muc#roomconfig_allowpm", c.allowPm().xml()));
        if (pm == null) throw bad("muc#roomconfig_allowpm must be anyone, participants, moderators or none");
        boolean archiving = archiving(v, c.archiving());
        return new RoomConfig(single(v, "muc#roomconfig_roomname", c.name()), single(v, "muc#roomconfig_roomdesc", c.description()),
                bool(v, "muc#roomconfig_persistentroom", c.persistent()), bool(v, "muc#roomconfig_publicroom", c.publicRoom()),
                bool(v, "muc#roomconfig_membersonly", c.membersOnly()), bool(v, "muc#roomconfig_moderatedroom", c.moderated()),
                protectedRoom ? secret : "", max, whois, history,
                bool(v, "muc#roomconfig_allowinvites", c.allowInvites()), bool(v, "muc#roomconfig_changesubject", c.changeSubject()), pm,
                archiving);
    }

    /**
     * The archiving switch under any of its names. A client submits the whole form with one box
     * toggled, so a name whose value differs from the current one decides.
     */
    private static boolean archiving(Map<String, List<String>> v, boolean current) {
        boolean next = current;
        for (String var : List.of(ARCHIVING, LOGGING, ARCHIVING_EJABBERD)) {
            if (bool(v, var, current) != current) next = !current;
        }
        return next;
    }

    private static String single(Map<String, List<String>> v, String var, String dflt) {
        List<String> values = v.get(var);
        if (values == null) return dflt;
        return values.isEmpty() ? "" : values.get(0);
    }

    private static boolean bool(Map<String, List<String>> v, String var, boolean dflt) {
        List<String> values = v.get(var);
        if (values == null || values.isEmpty()) return dflt;
        Boolean b = DataForm.parseBool(values.get(0));
        if (b == null) throw bad(var + " must be a boolean");
        return b;
    }

    private static int integer(String s, String var) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw bad(var + " must be a number");
        }
    }

    private static StanzaException bad(String text) { return new StanzaException(StanzaError.NOT_ACCEPTABLE, text); }
}
