package dev.meerkat.mod.muc;

/** The namespaces and status codes of XEP-0045. */
public final class MucNs {
    private MucNs() {}

    public static final String MUC = "http://jabber.org/protocol/muc";
    public static final String USER = MUC + "#user";
    public static final String ADMIN = MUC + "#admin";
    public static final String OWNER = MUC + "#owner";
    public static final String REQUEST = MUC + "#request";
    public static final String ROOMCONFIG = MUC + "#roomconfig";
    public static final String ROOMINFO = MUC + "#roominfo";
    public static final String STABLE_ID = MUC + "#stable_id";
    public static final String DELAY = "urn:xmpp:delay";
    public static final String PING = "urn:xmpp:ping";

    public static final int NON_ANONYMOUS = 100;
    public static final int CONFIG_CHANGED = 104;
    public static final int SELF = 110;
    public static final int LOGGING_ON = 170;
    public static final int LOGGING_OFF = 171;
    public static final int CREATED = 201;
    public static final int NICK_ASSIGNED = 210;
    public static final int BANNED = 301;
    public static final int NEW_NICK = 303;
    public static final int KICKED = 307;
    public static final int AFFILIATION_REMOVED = 321;
    public static final int MEMBERS_ONLY_REMOVED = 322;
    public static final int SHUTDOWN = 332;
}
