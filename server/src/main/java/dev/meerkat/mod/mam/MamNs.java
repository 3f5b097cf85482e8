package dev.meerkat.mod.mam;

/** The namespaces of message archiving. */
public final class MamNs {
    private MamNs() {}

    public static final String MAM = "urn:xmpp:mam:2";
    public static final String EXTENDED = "urn:xmpp:mam:2#extended";
    public static final String SID = "urn:xmpp:sid:0";
    public static final String FORWARD = "urn:xmpp:forward:0";
    public static final String DELAY = "urn:xmpp:delay";
    public static final String RSM = "http://jabber.org/protocol/rsm";
    public static final String DATA = "jabber:x:data";
    public static final String FULLTEXT = "urn:xmpp:fulltext:0";
    public static final String HINTS = "urn:xmpp:hints";
}
