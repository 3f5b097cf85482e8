package dev.meerkat.mod.pubsub;

/** Namespaces and form types of XEP-0060, XEP-0163 and the XEP-0115 caps element. */
public final class PubSubNs {
    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = PUBSUB + "#owner";
    public static final String EVENT = PUBSUB + "#event";
    public static final String ERRORS = PUBSUB + "#errors";
    public static final String NODE_CONFIG = PUBSUB + "#node_config";
    public static final String PUBLISH_OPTIONS = PUBSUB + "#publish-options";
    public static final String META_DATA = PUBSUB + "#meta-data";
    public static final String DATA = "jabber:x:data";
    public static final String CAPS = "http://jabber.org/protocol/caps";
    /** Suffix of a client's feature announcing interest in a node (XEP-0163 §4.3, "filtered notifications"). */
    public static final String NOTIFY_SUFFIX = "+notify";

    private PubSubNs() {}

    /** A feature of the pubsub namespace, e.g. {@code feature("publish")}. */
    public static String feature(String name) { return PUBSUB + "#" + name; }
}
