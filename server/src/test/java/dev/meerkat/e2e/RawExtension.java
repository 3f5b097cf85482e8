package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.XmlEnvironment;
import org.jivesoftware.smack.provider.ExtensionElementProvider;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smack.util.PacketParserUtils;
import org.jivesoftware.smack.xml.XmlPullParser;

import javax.xml.namespace.QName;

/**
 * An extension element kept as the XML text the server sent. Smack's generic parser for unknown
 * extensions trips an assertion (tests run with -ea) on some namespace declarations, so tests
 * register this provider for the elements they inspect.
 */
record RawExtension(String name, String namespace, String xml) implements ExtensionElement {
    static void register(String name, String namespace) {
        ProviderManager.addExtensionProvider(name, namespace, new ExtensionElementProvider<RawExtension>() {
            @Override
            public RawExtension parse(XmlPullParser parser, int depth, XmlEnvironment env) throws java.io.IOException,
                    org.jivesoftware.smack.xml.XmlPullParserException {
                return new RawExtension(name, namespace, PacketParserUtils.parseElement(parser, true).toString());
            }
        });
    }

    static RawExtension of(org.jivesoftware.smack.packet.Stanza s, String name, String namespace) {
        return (RawExtension) s.getExtension(new QName(namespace, name));
    }

    @Override public String getElementName() { return name; }

    @Override public String getNamespace() { return namespace; }

    @Override public CharSequence toXML(XmlEnvironment env) { return xml; }
}
