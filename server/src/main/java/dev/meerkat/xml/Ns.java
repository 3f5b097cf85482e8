package dev.meerkat.xml;

/** Namespaces used across the server. */
public final class Ns {
    private Ns() {}

    public static final String CLIENT = "jabber:client";
    public static final String SERVER = "jabber:server";
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    public static final String SASL_CHANNEL_BINDING = "urn:xmpp:sasl-cb:0";
    public static final String REGISTER_FEATURE = "http://jabber.org/features/iq-register";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    public static final String DATA_FORMS = "jabber:x:data";
}
