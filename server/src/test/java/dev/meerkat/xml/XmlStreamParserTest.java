package dev.meerkat.xml;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class XmlStreamParserTest {
    private static final String HEADER = "<?xml version='1.0'?>"
            + "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " to='example.com' version='1.0' xml:lang='en'>";

    private static final String CLIENT_STREAM = HEADER
            + "\n  <stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
            + "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism>"
            + "<mechanism>SCRAM-SHA-1</mechanism></mechanisms></stream:features>\n"
            + "<message to='juliet@example.com/balcony' type='chat' xml:lang='fr' id=\"m&quot;1\">"
            + "<body>a &amp; b &lt; c &gt; d &#65;&#x42; &apos;q&quot; <![CDATA[<raw>]]> end</body>"
            + "<x xmlns='urn:example:x' kind='k'><y><z deep='yes'>z-text</z></y></x>"
            + "<p:item xmlns:p='urn:example:p' p:flag='1'/>"
            + "</message>  \n"
            + "<iq type='get' id='i1'><query xmlns='jabber:iq:roster'/></iq>"
            + "</stream:stream>";

    private static final ParserLimits LIMITS = ParserLimits.DEFAULT;

    private static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    private static List<Object> parseWhole(String xml, boolean fragmentMode) throws XmlStreamException {
        RecordingHandler h = new RecordingHandler();
        XmlStreamParser p = new XmlStreamParser(LIMITS, h, fragmentMode);
        byte[] b = utf8(xml);
        p.feed(b, 0, b.length);
        return h.events;
    }

    private static XmlStreamException.Kind failureOf(String xml) {
        return failureOf(xml, LIMITS, false);
    }

    private static XmlStreamException.Kind failureOf(String xml, ParserLimits limits, boolean fragmentMode) {
        XmlStreamParser p = new XmlStreamParser(limits, new RecordingHandler(), fragmentMode);
        byte[] b = utf8(xml);
        try {
            p.feed(b, 0, b.length);
        } catch (XmlStreamException e) {
            return e.kind();
        }
        throw new AssertionError("no exception for " + xml);
    }

    /** Feeds every split into two parts, and one byte at a time, expecting the same events. */
    private static void assertSameEventsForEverySplit(String xml, boolean fragmentMode, List<Object> expected)
            throws XmlStreamException {
        byte[] b = utf8(xml);
        for (int cut = 0; cut <= b.length; cut++) {
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(LIMITS, h, fragmentMode);
            p.feed(b, 0, cut);
            p.feed(b, cut, b.length - cut);
            assertThat(h.events).as("split at %d", cut).isEqualTo(expected);
        }
        RecordingHandler h = new RecordingHandler();
        XmlStreamParser p = new XmlStreamParser(LIMITS, h, fragmentMode);
        for (int i = 0; i < b.length; i++) p.feed(b, i, 1);
        assertThat(h.events).as("byte by byte").isEqualTo(expected);
    }

    @Nested
    class StreamMode {
        @Test
        void typicalClientStreamGivesHeaderStanzasAndClose() throws Exception {
            List<Object> events = parseWhole(CLIENT_STREAM, false);

            assertThat(events).hasSize(5);
            StreamHeader header = (StreamHeader) events.get(0);
            assertThat(header.prefix()).isEqualTo("stream");
            assertThat(header.localName()).isEqualTo("stream");
            assertThat(header.namespace()).isEqualTo(Ns.STREAMS);
            assertThat(header.attributes()).containsExactly(Map.entry("to", "example.com"),
                    Map.entry("version", "1.0"), Map.entry("xml:lang", "en"));
            assertThat(header.namespaceDeclarations()).containsExactly(Map.entry("", Ns.CLIENT),
                    Map.entry("stream", Ns.STREAMS));
            assertThat(header.defaultNamespace()).isEqualTo(Ns.CLIENT);

            Element features = (Element) events.get(1);
            assertThat(features.is("features", Ns.STREAMS)).isTrue();
            assertThat(features.child("starttls", Ns.TLS).orElseThrow().child("required", Ns.TLS)).isPresent();
            assertThat(features.child("mechanisms", Ns.SASL).orElseThrow().children("mechanism", Ns.SASL))
                    .extracting(Element::text).containsExactly("PLAIN", "SCRAM-SHA-1");

            Element message = (Element) events.get(2);
            assertThat(message.is("message", Ns.CLIENT)).isTrue();
            assertThat(message.attributes()).containsExactly(Map.entry("to", "juliet@example.com/balcony"),
                    Map.entry("type", "chat"), Map.entry("xml:lang", "fr"), Map.entry("id", "m\"1"));
            Element body = message.child("body", Ns.CLIENT).orElseThrow();
            // Entities, character references and CDATA merge into one text node.
            assertThat(body.children()).containsExactly(new Text("a & b < c > d AB 'q\" <raw> end"));
            Element x = message.child("x", "urn:example:x").orElseThrow();
            assertThat(x.attr("kind")).isEqualTo("k");
            Element z = x.child("y", "urn:example:x").orElseThrow().child("z", "urn:example:x").orElseThrow();
            assertThat(z.attr("deep")).isEqualTo("yes");
            assertThat(z.text()).isEqualTo("z-text");
            Element item = message.child("item", "urn:example:p").orElseThrow();
            assertThat(item.attributes()).containsExactly(Map.entry("{urn:example:p}flag", "1"));

            Element iq = (Element) events.get(3);
            assertThat(iq.child("query", "jabber:iq:roster")).isPresent();
            assertThat(events.get(4)).isEqualTo(RecordingHandler.CLOSED);
        }

        @Test
        void everySplitOfTheClientStreamGivesTheSameEvents() throws Exception {
            assertSameEventsForEverySplit(CLIENT_STREAM, false, parseWhole(CLIENT_STREAM, false));
        }

        @Test
        void multiByteUtf8SplitInsideCodePoints() throws Exception {
            String xml = HEADER + "<message><body>héllo ☃ 𝄞</body></message>";
            List<Object> expected = parseWhole(xml, false);
            Element message = (Element) expected.get(1);
            assertThat(message.childText("body", Ns.CLIENT)).contains("héllo ☃ 𝄞");
            assertSameEventsForEverySplit(xml, false, expected);
        }

        @Test
        void byteBufInputIsConsumedWithoutBeingReleased() throws Exception {
            List<Object> expected = parseWhole(CLIENT_STREAM, false);
            byte[] b = utf8(CLIENT_STREAM);
            for (ByteBuf buf : List.of(Unpooled.wrappedBuffer(b), Unpooled.directBuffer(b.length + 10))) {
                if (buf.isDirect()) {
                    buf.writeBytes(new byte[10]).readerIndex(10); // non-zero reader index
                    buf.writeBytes(b);
                }
                RecordingHandler h = new RecordingHandler();
                XmlStreamParser p = new XmlStreamParser(LIMITS, h, false);
                p.feed(buf);
                assertThat(buf.readableBytes()).isZero();
                assertThat(buf.refCnt()).isEqualTo(1);
                assertThat(h.events).isEqualTo(expected);
                buf.release();
            }
        }

        @Test
        void stanzaIsDeliveredAsSoonAsItsEndTagArrives() throws Exception {
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(LIMITS, h, false);
            byte[] b = utf8(HEADER + "<presence/><message><body>x</body></message>");
            p.feed(b, 0, b.length);
            assertThat(h.elements()).extracting(Element::name).containsExactly("presence", "message");
        }

        @Test
        void roundTripThroughToXmlGivesEqualElements() throws Exception {
            // Namespaced attributes (p:flag) are kept as {uri}local and re-declared on output.
            String stream = CLIENT_STREAM;
            List<Element> first = new java.util.ArrayList<>();
            for (Object o : parseWhole(stream, false)) if (o instanceof Element e) first.add(e);
            assertThat(first).hasSize(3);
            StringBuilder again = new StringBuilder(HEADER);
            for (Element e : first) again.append(e.toXml());
            again.append("</stream:stream>");
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(LIMITS, h, false);
            byte[] b = utf8(again.toString());
            p.feed(b, 0, b.length);
            assertThat(h.elements()).isEqualTo(first);
        }

        @Test
        void whitespaceBetweenStanzasIsIgnoredButTextIsBadFormat() throws Exception {
            assertThat(parseWhole(HEADER + " \n\t <presence/>\r\n ", false)).hasSize(2);
            assertThat(failureOf(HEADER + "<presence/> hello <presence/>")).isEqualTo(XmlStreamException.Kind.BAD_FORMAT);
            assertThat(failureOf(HEADER + "<![CDATA[x]]>")).isEqualTo(XmlStreamException.Kind.BAD_FORMAT);
        }

        @Test
        void resetStartsANewStreamWithItsOwnXmlDeclaration() throws Exception {
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(LIMITS, h, false);
            byte[] first = utf8(HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            p.feed(first, 0, first.length);
            p.reset();
            byte[] second = utf8(HEADER + "<presence/>");
            p.feed(second, 0, second.length);
            assertThat(h.events).hasSize(4);
            assertThat(h.events.get(2)).isInstanceOf(StreamHeader.class);
            assertThat(((Element) h.events.get(3)).name()).isEqualTo("presence");
        }

        @Test
        void resetFromACallbackDropsTheRestOfThatFeed() throws Exception {
            RecordingHandler recorder = new RecordingHandler();
            XmlStreamParser[] parser = new XmlStreamParser[1];
            XmlStreamHandler h = new XmlStreamHandler() {
                @Override public void streamOpened(StreamHeader header) { recorder.streamOpened(header); }
                @Override public void streamClosed() { recorder.streamClosed(); }
                @Override public void element(Element element) {
                    recorder.element(element);
                    if (element.name().equals("starttls")) parser[0].reset();
                }
            };
            parser[0] = new XmlStreamParser(LIMITS, h, false);
            // Plaintext injected after <starttls/> must not be taken as part of the next stream.
            byte[] b = utf8(HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/><message>injected</message>");
            parser[0].feed(b, 0, b.length);
            assertThat(recorder.elements()).extracting(Element::name).containsExactly("starttls");
            byte[] next = utf8(HEADER + "<presence/>");
            parser[0].feed(next, 0, next.length);
            assertThat(recorder.elements()).extracting(Element::name).containsExactly("starttls", "presence");
        }

        @Test
        void parserRefusesInputAfterAnErrorUntilReset() throws Exception {
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(LIMITS, h, false);
            byte[] bad = utf8(HEADER + "<a<");
            assertThatThrownBy(() -> p.feed(bad, 0, bad.length)).isInstanceOf(XmlStreamException.class);
            byte[] good = utf8("<presence/>");
            assertThatThrownBy(() -> p.feed(good, 0, good.length)).isInstanceOf(IllegalStateException.class);
            p.reset();
            byte[] again = utf8(HEADER + "<presence/>");
            p.feed(again, 0, again.length);
            assertThat(h.elements()).extracting(Element::name).containsExactly("presence");
        }

        @Test
        void endOfInputReportsOnlyAnUnfinishedStanza() throws Exception {
            XmlStreamParser idle = new XmlStreamParser(LIMITS, new RecordingHandler(), false);
            byte[] b = utf8(HEADER + "<presence/> ");
            idle.feed(b, 0, b.length);
            idle.endOfInput();
            idle.endOfInput(); // repeated: still returns at once

            XmlStreamParser inside = new XmlStreamParser(LIMITS, new RecordingHandler(), false);
            byte[] partial = utf8(HEADER + "<message><body>hi");
            inside.feed(partial, 0, partial.length);
            assertThatThrownBy(inside::endOfInput).isInstanceOf(XmlStreamException.class)
                    .extracting(e -> ((XmlStreamException) e).kind()).isEqualTo(XmlStreamException.Kind.NOT_WELL_FORMED);
            assertThatThrownBy(() -> inside.feed(partial, 0, 1)).isInstanceOf(IllegalStateException.class);

            XmlStreamParser partialTag = new XmlStreamParser(LIMITS, new RecordingHandler(), false);
            byte[] tag = utf8(HEADER + "<mess");
            partialTag.feed(tag, 0, tag.length);
            assertThatThrownBy(partialTag::endOfInput).isInstanceOf(XmlStreamException.class);
        }
    }

    @Nested
    class Restrictions {
        @ParameterizedTest
        @ValueSource(strings = {
                "<!-- hello -->" + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
                HEADER + "<message><!-- c --></message>",
                HEADER + "<!-- between -->",
                HEADER + "<message><?php echo 1 ?></message>",
                "<?xml-stylesheet href='a'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'>",
                "<!DOCTYPE stream><stream/>",
                "<?xml version='1.0'?><!DOCTYPE stream SYSTEM 'http://evil.example/x.dtd'><stream/>",
                "<!DOCTYPE s [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]><s>&xxe;</s>",
                "<!DOCTYPE s [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>]><s>&b;</s>",
                HEADER + "<message><body>&nbsp;</body></message>",
                HEADER + "<message id='&custom;'/>",
        })
        void restrictedConstructs(String xml) {
            assertThat(failureOf(xml)).isEqualTo(XmlStreamException.Kind.RESTRICTED_XML);
        }

        @Test
        void doctypeSplitAcrossFeedsIsStillCaught() {
            XmlStreamParser p = new XmlStreamParser(LIMITS, new RecordingHandler(), false);
            byte[] b = utf8("<!DOCTYPE s [<!ENTITY a 'x'>]><s/>");
            assertThatThrownBy(() -> {
                for (int i = 0; i < b.length; i++) p.feed(b, i, 1);
            }).isInstanceOf(XmlStreamException.class)
                    .extracting(e -> ((XmlStreamException) e).kind()).isEqualTo(XmlStreamException.Kind.RESTRICTED_XML);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                HEADER + "<message></messagx><presence/>",
                HEADER + "<message><body></message><presence/>",
                HEADER + "<message><body>x</body></message></stream:streamx><a/>",
                HEADER + "<message to=juliet/>",
                HEADER + "<message to='a' to='b'/>",
                HEADER + "<a<",
                HEADER + "<x:message/>",
                HEADER + "<message>\u0001</message>",
                HEADER + "<message><body>&amp</body></message>",
                "<stream:stream xmlns:stream='http://etherx.jabber.org/streams'><?xml version='1.0'?>",
                HEADER + "</stream:stream><presence/>",
        })
        void malformedXml(String xml) {
            assertThat(failureOf(xml)).isEqualTo(XmlStreamException.Kind.NOT_WELL_FORMED);
        }

        @ParameterizedTest
        @ValueSource(strings = {"ISO-8859-1", "US-ASCII", "UTF-16"})
        void nonUtf8EncodingIsUnsupported(String encoding) {
            assertThat(failureOf("<?xml version='1.0' encoding='" + encoding + "'?><stream/>"))
                    .isEqualTo(XmlStreamException.Kind.UNSUPPORTED_ENCODING);
        }

        @Test
        void utf8DeclarationIsAccepted() throws Exception {
            assertThat(parseWhole("<?xml version='1.0' encoding='utf-8'?><stream:stream"
                    + " xmlns:stream='http://etherx.jabber.org/streams'>", false)).hasSize(1);
        }
    }

    @Nested
    class Limits {
        private final ParserLimits small = new ParserLimits(1024, 4, 8);

        /** A stanza of exactly {@code size} bytes. */
        private String stanzaOfBytes(int size) {
            String open = "<message><body>";
            String close = "</body></message>";
            return open + "x".repeat(size - open.length() - close.length()) + close;
        }

        @Test
        void stanzaOfExactlyTheLimitPassesOneMoreByteFails() throws Exception {
            String ok = stanzaOfBytes(1024);
            assertThat(utf8(ok)).hasSize(1024);
            // Several stanzas in one feed, at a non-zero array offset: each is measured on its own.
            String stream = HEADER + ok + " " + ok + "\n" + ok;
            byte[] b = utf8("junk" + stream);
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(small, h, false);
            p.feed(b, 4, b.length - 4);
            assertThat(h.elements()).hasSize(3);

            assertThat(failureOf(HEADER + ok + stanzaOfBytes(1025), small, false))
                    .isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
        }

        @Test
        void hugeTextNodeIsRejectedBeforeTheElementEnds() throws Exception {
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, h, false);
            byte[] header = utf8(HEADER + "<message><body>");
            p.feed(header, 0, header.length);
            byte[] chunk = utf8("y".repeat(1000));
            int fedInStanza = "<message><body>".length();
            XmlStreamException failure = null;
            for (int i = 0; i < 100 && failure == null; i++) { // 100 KB of text, the limit is 64 KiB
                try {
                    p.feed(chunk, 0, chunk.length);
                    fedInStanza += chunk.length;
                } catch (XmlStreamException e) {
                    failure = e;
                }
            }
            assertThat(failure).isNotNull();
            assertThat(failure.kind()).isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
            assertThat(fedInStanza).isLessThan(65_536);
            assertThat(h.elements()).isEmpty();
        }

        @Test
        void hugeTextNodeInOneFeedIsRejected() {
            String xml = HEADER + "<message><body>" + "z".repeat(100_000) + "</body></message>";
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(ParserLimits.DEFAULT, h, false);
            byte[] b = utf8(xml);
            assertThatThrownBy(() -> p.feed(b, 0, b.length)).isInstanceOf(XmlStreamException.class)
                    .extracting(e -> ((XmlStreamException) e).kind()).isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
            assertThat(h.elements()).isEmpty();
        }

        @Test
        void hugeAttributeAndHugeStreamHeaderAreRejected() {
            assertThat(failureOf(HEADER + "<message id='" + "i".repeat(2000) + "'/>", small, false))
                    .isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
            assertThat(failureOf("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' to='"
                    + "h".repeat(2000) + "'>", small, false)).isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
        }

        @Test
        void depthLimitCountsFromTheStanza() throws Exception {
            String depth4 = "<a><b><c><d/></c></b></a>";
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(small, h, false);
            byte[] b = utf8(HEADER + depth4);
            p.feed(b, 0, b.length);
            assertThat(h.elements()).hasSize(1);

            assertThat(failureOf(HEADER + "<a><b><c><d><e/></d></c></b></a>", small, false))
                    .isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
            assertThat(failureOf("<a><b><c><d><e/></d></c></b></a>", small, true))
                    .isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
        }

        @Test
        void attributeLimit() throws Exception {
            StringBuilder eight = new StringBuilder("<presence");
            for (int i = 0; i < 8; i++) eight.append(" a").append(i).append("='v'");
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(small, h, false);
            byte[] b = utf8(HEADER + eight + "/>");
            p.feed(b, 0, b.length);
            assertThat(h.elements().get(0).attributes()).hasSize(8);

            assertThat(failureOf(HEADER + eight + " a8='v'/>", small, false))
                    .isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
            assertThat(failureOf(HEADER + eight + " xmlns:p='urn:p'/>", small, false))
                    .isEqualTo(XmlStreamException.Kind.POLICY_VIOLATION);
        }
    }

    @Nested
    class FragmentMode {
        private static final String FRAMES =
                "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.com' version='1.0'/>"
                        + "<message xmlns='jabber:client' to='a@example.com'><body>one &amp; 1</body></message>\n"
                        + "<message xmlns='jabber:client' to='b@example.com'><body>two ☃</body></message>"
                        + "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>";

        @Test
        void everyTopLevelElementIsDeliveredWhole() throws Exception {
            List<Object> events = parseWhole(FRAMES, true);
            assertThat(events).allMatch(o -> o instanceof Element);
            List<Element> elements = events.stream().map(Element.class::cast).toList();
            assertThat(elements).extracting(Element::name).containsExactly("open", "message", "message", "close");
            assertThat(elements.get(0).namespace()).isEqualTo(Ns.FRAMING);
            assertThat(elements.get(0).attributes()).containsExactly(Map.entry("to", "example.com"),
                    Map.entry("version", "1.0"));
            assertThat(elements.get(1).childText("body", Ns.CLIENT)).contains("one & 1");
            assertThat(elements.get(2).childText("body", Ns.CLIENT)).contains("two ☃");
        }

        @Test
        void everySplitGivesTheSameElements() throws Exception {
            assertSameEventsForEverySplit(FRAMES, true, parseWhole(FRAMES, true));
        }

        @Test
        void resetStartsAgainAndRestrictionsStillApply() throws Exception {
            RecordingHandler h = new RecordingHandler();
            XmlStreamParser p = new XmlStreamParser(LIMITS, h, true);
            byte[] b = utf8(FRAMES);
            p.feed(b, 0, b.length);
            p.reset();
            p.feed(b, 0, b.length);
            assertThat(h.elements()).hasSize(8);

            assertThat(failureOf("<!DOCTYPE open><open/>", LIMITS, true)).isEqualTo(XmlStreamException.Kind.RESTRICTED_XML);
            assertThat(failureOf("<open/>text", LIMITS, true)).isEqualTo(XmlStreamException.Kind.BAD_FORMAT);
            assertThat(failureOf("<open/><!-- c -->", LIMITS, true)).isEqualTo(XmlStreamException.Kind.RESTRICTED_XML);
        }
    }
}
