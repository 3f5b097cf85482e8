package dev.meerkat.e2e;

import org.jivesoftware.smack.packet.IQ;

/** An IQ request with a hand-written child body, to send what Smack's managers refuse to build. */
final class RawIq extends IQ {
    private final String body;

    RawIq(Type type, String element, String namespace, String body) {
        super(element, namespace);
        setType(type);
        this.body = body;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        if (body.isEmpty()) {
            xml.setEmptyElement();
            return xml;
        }
        xml.rightAngleBracket();
        xml.append(body);
        return xml;
    }
}
