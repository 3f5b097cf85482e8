package dev.meerkat.mod.muc.room;

/** muc#roomconfig_whois: who sees occupants' real JIDs. */
public enum Whois {
    /** Semi-anonymous room. */
    MODERATORS("moderators"),
    /** Non-anonymous room. */
    ANYONE("anyone");

    private final String xml;

    Whois(String xml) { this.xml = xml; }

    public String xml() { return xml; }

    public static Whois parse(String s) {
        for (Whois w : values()) if (w.xml.equals(s)) return w;
        return null;
    }
}
