package dev.meerkat.xml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parser gives its Aalto reader back between top-level elements and reads on as if it had kept it. */
class XmlStreamParserIdleTest {
    private static final String HEADER = "<?xml version='1.0'?>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";

    private final RecordingHandler handler = new RecordingHandler();
    private final XmlReaders readers = new XmlReaders();

    private static void feed(XmlStreamParser p, String s) throws XmlStreamException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.feed(b, 0, b.length);
    }

    @Test
    void readerIsHeldOnlyWhileATopLevelUnitIsIncomplete() throws Exception {
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, handler, false, readers);
        assertThat(p.holdsReader()).as("before the first byte").isFalse();
        feed(p, "<?xml version='1.0'?><stream:str");
        assertThat(p.holdsReader()).as("inside the header").isTrue();
        feed(p, "eam xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>");
        assertThat(p.holdsReader()).as("after the header").isFalse();
        feed(p, "<message to='a@b'><bo");
        assertThat(p.holdsReader()).as("inside a stanza").isTrue();
        feed(p, "dy>hi</body></message>");
        assertThat(p.holdsReader()).as("after the stanza").isFalse();
        feed(p, " \n ");
        assertThat(p.holdsReader()).as("whitespace keepalive between stanzas").isFalse();
        feed(p, "<presence/> <");
        assertThat(p.holdsReader()).as("start of the next stanza pending").isTrue();
        feed(p, "presence/>\t");
        assertThat(p.holdsReader()).isFalse();
        assertThat(handler.elements()).extracting(Element::name).containsExactly("message", "presence", "presence");
        assertThat(handler.elements().get(0).childText("body", Ns.CLIENT)).contains("hi");
    }

    @Test
    void theReplayedRootKeepsPrefixesAndNamespacesOfTheStream() throws Exception {
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, handler, false, readers);
        feed(p, "<s:stream xmlns:s='http://etherx.jabber.org/streams' xmlns='jabber:client'"
                + " xmlns:x=\"urn:odd'quote&amp;\">");
        feed(p, "<message><x:data/></message>");
        feed(p, "<s:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></s:error>");
        feed(p, "</s:stream>");

        assertThat(handler.events).hasSize(4);
        StreamHeader header = (StreamHeader) handler.events.get(0);
        assertThat(header.namespaceDeclarations()).containsEntry("x", "urn:odd'quote&");
        Element message = (Element) handler.events.get(1);
        assertThat(message.is("message", Ns.CLIENT)).isTrue();
        assertThat(message.child("data", "urn:odd'quote&")).isPresent();
        assertThat(((Element) handler.events.get(2)).is("error", Ns.STREAMS)).isTrue();
        assertThat(handler.events.get(3)).isEqualTo(RecordingHandler.CLOSED);
        assertThat(handler.events).filteredOn(StreamHeader.class::isInstance).hasSize(1);
    }

    @Test
    void anUndeclaredPrefixIsStillAnErrorAfterARelease() throws Exception {
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, handler, false, readers);
        feed(p, HEADER);
        feed(p, "<presence/>");
        assertThat(p.holdsReader()).isFalse();
        assertThatThrownBy(() -> feed(p, "<y:presence/>")).isInstanceOf(XmlStreamException.class);
    }

    @Test
    void limitsCountFromTheClientsBytesNotTheReplay() throws Exception {
        // A root of ~700 bytes is replayed to every new reader; it must not eat into a stanza's 1024.
        ParserLimits limits = new ParserLimits(1024, ParserLimits.DEFAULT.maxDepth(), ParserLimits.DEFAULT.maxAttributes());
        XmlStreamParser p = new XmlStreamParser(limits, handler, false, readers);
        StringBuilder root = new StringBuilder("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'");
        for (int i = 0; i < 12; i++) root.append(" xmlns:p").append(i).append("='urn:example:a-rather-long-namespace:").append(i).append('\'');
        feed(p, root.append('>').toString());
        String padding = "x".repeat(900);
        for (int i = 0; i < 3; i++) feed(p, "<message id='" + padding + "'/>");
        assertThat(handler.elements()).hasSize(3);
        assertThatThrownBy(() -> feed(p, "<message id='" + padding + padding + "'/>"))
                .isInstanceOf(XmlStreamException.class)
                .extracting(e -> ((XmlStreamException) e).kind()).isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
    }

    @Test
    void inputEndingInsideAStanzaIsStillReportedAfterEarlierReleases() throws Exception {
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, handler, false, readers);
        feed(p, HEADER);
        feed(p, "<message/>");
        p.endOfInput(); // between stanzas: a dropped connection, not an error
        p.reset();
        feed(p, HEADER);
        feed(p, "<message/><iq>");
        assertThatThrownBy(p::endOfInput).isInstanceOf(XmlStreamException.class);
    }

    @Test
    void fragmentModeReplaysTheWrapperAfterARelease() throws Exception {
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, handler, true, readers);
        feed(p, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.com' version='1.0'/>");
        assertThat(p.holdsReader()).isFalse();
        feed(p, "<message xmlns='jabber:client'><body>x</body></message>");
        feed(p, "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
        assertThat(handler.elements()).extracting(Element::name).containsExactly("open", "message", "close");
        assertThat(handler.events).noneMatch(StreamHeader.class::isInstance);
    }

    @Test
    void connectionsOfOneSourceShareInternedNames() throws Exception {
        for (int i = 0; i < 2; i++) {
            XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, new RecordingHandler(), false, readers);
            feed(p, HEADER + "<message><body>x</body></message>");
        }
        int names = readers.sharedNames();
        assertThat(names).as("names learnt by the first connection").isPositive();
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, new RecordingHandler(), false, readers);
        feed(p, HEADER + "<message><body>x</body></message>");
        assertThat(readers.sharedNames()).as("the same names again add nothing").isEqualTo(names);
    }

    @Test
    void equalStreamHeadersShareOneReplay() {
        byte[] first = "<stream:stream xmlns='jabber:client'>".getBytes(StandardCharsets.UTF_8);
        byte[] same = first.clone();
        byte[] other = "<s:stream xmlns='jabber:client'>".getBytes(StandardCharsets.UTF_8);
        assertThat(readers.shared(first)).isSameAs(first);
        assertThat(readers.shared(same)).isSameAs(first);
        assertThat(readers.shared(other)).isSameAs(other);
    }

    @Test
    void theSharedNameTableIsBounded() throws Exception {
        XmlReaders small = new XmlReaders(50);
        XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, new RecordingHandler(), false, small);
        feed(p, HEADER);
        for (int i = 0; i < 500; i++) feed(p, "<m" + i + " a" + i + "='v'/>");
        // 1000 new names were merged; the table is looked at every 32 releases (2 new names each)
        // and starts over past 50, so it never holds more than 50 + 64.
        assertThat(small.sharedNames()).isLessThanOrEqualTo(50 + 64);
    }
}
