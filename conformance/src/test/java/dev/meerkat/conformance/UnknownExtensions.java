package dev.meerkat.conformance;

import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.xml.XmlPullParser;

import java.io.IOException;
import java.util.List;

/**
 * Smack 4.5.0-beta5's generic parser for extensions it has no provider for trips an internal
 * assertion on a default namespace declaration when assertions are on (as in this suite), and the
 * connection's reader thread dies, failing every later test on that connection. Elements the
 * server legitimately sends and Smack has no provider for are parsed here instead, by name only
 * (attributes, text and children are not needed by any test).
 */
final class UnknownExtensions {
    /** XEP-0060 application error conditions SINT tests look for. */
    private static final List<String> PUBSUB_ERRORS = List.of("closed-node", "configuration-required", "invalid-jid",
            "invalid-options", "invalid-payload", "invalid-subid", "item-forbidden", "item-required", "jid-required",
            "max-items-exceeded", "max-nodes-exceeded", "nodeid-required", "not-in-roster-group", "not-subscribed",
            "payload-too-big", "payload-required", "pending-subscription", "precondition-not-met",
            "presence-subscription-required", "subid-required", "too-many-subscriptions", "unsupported");

    private UnknownExtensions() {}

    static void register() {
        for (String condition : PUBSUB_ERRORS) register(condition, "http://jabber.org/protocol/pubsub#errors");
        register("x", "vcard-temp:x:update");  // XEP-0153 avatar hash that mod_vcard adds to presence
    }

    private static void register(String name, String namespace) {
        ProviderManager.addExtensionProvider(name, namespace, new ExtensionElementProvider<StandardExtensionElement>() {
            @Override
            public StandardExtensionElement parse(XmlPullParser parser, int depth, XmlEnvironment env)
                    throws IOException, org.jivesoftware.smack.xml.XmlPullParserException {
                while (!(parser.getEventType() == XmlPullParser.Event.END_ELEMENT && parser.getDepth() == depth)) parser.next();
                return StandardExtensionElement.builder(name, namespace).build();
            }
        });
    }
}
