package dev.meerkat.mod.muc.room;

/** muc#roomconfig_allowpm: who may send private messages to other occupants. */
public enum AllowPm {
    ANYONE("anyone"), PARTICIPANTS("participants"), MODERATORS("moderators"), NONE("none");

    private final String xml;

    AllowPm(String xml) { this.xml = xml; }

    public String xml() { return xml; }

    public static AllowPm parse(String s) {
        for (AllowPm a : values()) if (a.xml.equals(s)) return a;
        return null;
    }
}
