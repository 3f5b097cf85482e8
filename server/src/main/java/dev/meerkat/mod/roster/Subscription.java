package dev.meerkat.mod.roster;

import java.util.Locale;

/** The 'subscription' attribute of a roster item (RFC 6121 §2.1.2.5). */
public enum Subscription {
    NONE(false, false), TO(true, false), FROM(false, true), BOTH(true, true);

    private final boolean to;
    private final boolean from;

    Subscription(boolean to, boolean from) {
        this.to = to;
        this.from = from;
    }

    /** The user receives the contact's presence. */
    public boolean hasTo() { return to; }

    /** The contact receives the user's presence. */
    public boolean hasFrom() { return from; }

    public static Subscription of(boolean to, boolean from) {
        return to ? (from ? BOTH : TO) : (from ? FROM : NONE);
    }

    public Subscription withTo(boolean value) { return of(value, from); }

    public Subscription withFrom(boolean value) { return of(to, value); }

    public String xml() { return name().toLowerCase(Locale.ROOT); }

    public static Subscription fromXml(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
