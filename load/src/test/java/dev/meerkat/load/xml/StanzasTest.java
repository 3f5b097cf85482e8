package dev.meerkat.load.xml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StanzasTest {
    private final List<Object> events = new ArrayList<>();
    private final StreamReader.Handler recorder = new StreamReader.Handler() {
        @Override public void streamOpened(Map<String, String> attrs) { events.add(attrs); }

        @Override public void element(XmlNode element) { events.add(element); }

        @Override public void streamClosed() { events.add("closed"); }
    };

    @Test
    void aChatMessageRoundTripsItsSequenceAndSendTime() throws Exception {
        String xml = Stanzas.chat("bob@localhost", 42, 123456789L, "xxxx");
        XmlNode m = parseOne(xml);
        assertThat(m.is("message", Stanzas.NS_CLIENT)).isTrue();
        assertThat(m.attr("to")).isEqualTo("bob@localhost");
        assertThat(Stanzas.chatSequence(m.attr("id"))).isEqualTo(42);
        assertThat(Stanzas.chatSentNanos(m.child("body").orElseThrow().text())).isEqualTo(123456789L);
    }

    @Test
    void sendTimesMayBeNegativeAndForeignIdsAreNotOurs() {
        assertThat(Stanzas.chatSentNanos("-77xx")).isEqualTo(-77);
        assertThat(Stanzas.chatSentNanos("hello")).isEqualTo(-1);
        assertThat(Stanzas.chatSequence("abc")).isEqualTo(-1);
        assertThat(Stanzas.chatSequence("ldx")).isEqualTo(-1);
        assertThat(Stanzas.chatSequence(null)).isEqualTo(-1);
    }

    @Test
    void valuesAreEscaped() throws Exception {
        XmlNode iq = parseOne(Stanzas.register("r", "a<b&'c\"", "p>w"));
        XmlNode q = iq.child("query", Stanzas.NS_REGISTER).orElseThrow();
        assertThat(q.child("username").orElseThrow().text()).isEqualTo("a<b&'c\"");
        assertThat(q.child("password").orElseThrow().text()).isEqualTo("p>w");
    }

    @Test
    void theReaderGivesHeaderWholeElementsAndEndWhateverTheChunking() throws Exception {
        String stream = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='" + Stanzas.NS_STREAMS
                + "' id='s1' from='localhost' version='1.0'><stream:features><mechanisms xmlns='" + Stanzas.NS_SASL
                + "'><mechanism>SCRAM-SHA-256</mechanism><mechanism>PLAIN</mechanism></mechanisms></stream:features>"
                + "<message from='a@localhost/r' id='ld7'><body>h\u00e9llo &amp; <![CDATA[x<y]]></body></message></stream:stream>";
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        StreamReader reader = new StreamReader(recorder);
        for (int i = 0; i < bytes.length; i++) reader.feed(bytes, i, 1);  // worst case: one byte at a time, split UTF-8 too

        assertThat(events).hasSize(4);
        assertThat(((Map<?, ?>) events.get(0)).get("id")).isEqualTo("s1");
        XmlNode features = (XmlNode) events.get(1);
        assertThat(features.is("features", Stanzas.NS_STREAMS)).isTrue();
        assertThat(features.child("mechanisms", Stanzas.NS_SASL).orElseThrow().children())
                .extracting(XmlNode::text).containsExactly("SCRAM-SHA-256", "PLAIN");
        XmlNode message = (XmlNode) events.get(2);
        assertThat(message.ns()).isEqualTo(Stanzas.NS_CLIENT);
        assertThat(message.child("body").orElseThrow().text()).isEqualTo("h\u00e9llo & x<y");
        assertThat(events.get(3)).isEqualTo("closed");
    }

    @Test
    void aDoctypeIsRefused() {
        byte[] bytes = "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><stream:stream xmlns:stream='s'>".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new StreamReader(recorder).feed(bytes, 0, bytes.length)).isInstanceOf(Exception.class);
    }

    @Test
    void aGroupchatBodyCarriesSendTimeAndSequence() throws Exception {
        XmlNode m = parseOne(Stanzas.groupchat("r@muc.localhost", 42, 123456789L, "xxx"));
        assertThat(m.attr("type")).isEqualTo("groupchat");
        String body = m.child("body").orElseThrow().text();
        assertThat(Stanzas.chatSentNanos(body)).isEqualTo(123456789L);
        assertThat(Stanzas.groupchatSequence(body)).isEqualTo(42);
        assertThat(Stanzas.groupchatSequence("123")).isEqualTo(-1);
        assertThat(Stanzas.groupchatSequence("123:x")).isEqualTo(-1);
    }

    @Test
    void mucStatusCodesAreRead() throws Exception {
        XmlNode p = parseOne("<presence from='r@muc/n'><x xmlns='" + Stanzas.NS_MUC_USER
                + "'><item affiliation='owner' role='moderator'/><status code='110'/><status code='201'/></x></presence>");
        assertThat(Stanzas.hasMucStatus(p, "110")).isTrue();
        assertThat(Stanzas.hasMucStatus(p, "201")).isTrue();
        assertThat(Stanzas.hasMucStatus(p, "100")).isFalse();
    }

    private XmlNode parseOne(String stanza) throws Exception {
        String doc = "<stream:stream xmlns='jabber:client' xmlns:stream='" + Stanzas.NS_STREAMS + "'>" + stanza;
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        new StreamReader(recorder).feed(bytes, 0, bytes.length);
        return (XmlNode) events.get(events.size() - 1);
    }
}
