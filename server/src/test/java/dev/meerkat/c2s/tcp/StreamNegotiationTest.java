package dev.meerkat.c2s.tcp;


import dev.meerkat.xml.ParserLimits;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static dev.meerkat.c2s.tcp.StreamHarness.open;
import static dev.meerkat.c2s.tcp.StreamHarness.received;
import static dev.meerkat.c2s.tcp.StreamHarness.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Stream negotiation and every kind of bad input, each ending in the stream error RFC 6120 names. */
class StreamNegotiationTest {
    private final StreamHarness h = new StreamHarness();

    @AfterEach
    void tearDown() { h.close(); }

    private static void assertStreamError(EmbeddedChannel ch, String output, String condition) {
        assertThat(output).contains("<stream:error><" + condition + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"");
        assertThat(output).endsWith("</stream:stream>");
        ch.runPendingTasks();
        assertThat(ch.isOpen()).as("connection closed after the stream error").isFalse();
    }

    @Test
    void streamOpenIsAnsweredWithHeaderAndSaslFeatures() {
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost"));
        String out = received(ch);
        assertThat(out).startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:client'");
        assertThat(out).contains("from='localhost'").contains("version='1.0'");
        assertThat(out).contains("<stream:features><mechanisms xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\">");
        assertThat(out).contains("<mechanism>SCRAM-SHA-256</mechanism>").contains("<mechanism>PLAIN</mechanism>");
        assertThat(out).doesNotContain("-PLUS").doesNotContain("starttls");
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void fullLoginBindAndMessageToSelf() {
        EmbeddedChannel ch = h.loggedIn("alice", "secret", "desk");
        send(ch, "<message to='alice@localhost/desk' id='m1' type='chat'><body>hi me</body></message>");
        assertThat(received(ch)).contains("from=\"alice@localhost/desk\"").contains("<body>hi me</body>");
    }

    @Test
    void notWellFormedXml() {
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost") + "<message><body>x</bod></message>");
        assertStreamError(ch, received(ch), "not-well-formed");
    }

    @Test
    void processingInstructionIsRestrictedXml() {
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost") + "<?evil stuff?>");
        assertStreamError(ch, received(ch), "restricted-xml");
    }

    @Test
    void dtdIsRestrictedXml() {
        EmbeddedChannel ch = h.connect();
        send(ch, "<?xml version='1.0'?><!DOCTYPE foo [<!ENTITY x 'y'>]>" + open("localhost"));
        assertStreamError(ch, received(ch), "restricted-xml");
    }

    @Test
    void oversizedStanzaIsPolicyViolation() {
        EmbeddedChannel ch = h.connect(new ParserLimits(2048, 16, 16));
        send(ch, open("localhost") + "<message><body>" + "x".repeat(5000) + "</body></message>");
        assertStreamError(ch, received(ch), "policy-violation");
    }

    @Test
    void wrongContentNamespaceIsInvalidNamespace() {
        EmbeddedChannel ch = h.connect();
        send(ch, "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' to='localhost' version='1.0'>");
        assertStreamError(ch, received(ch), "invalid-namespace");
    }

    @Test
    void wrongStreamNamespaceIsInvalidNamespace() {
        EmbeddedChannel ch = h.connect();
        send(ch, "<stream:stream xmlns='jabber:client' xmlns:stream='urn:wrong' to='localhost' version='1.0'>");
        String out = received(ch);
        assertThat(out).startsWith("<?xml version='1.0'?><stream:stream");
        assertStreamError(ch, out, "invalid-namespace");
    }

    @Test
    void unknownDomainIsHostUnknown() {
        EmbeddedChannel ch = h.connect();
        send(ch, open("example.net"));
        assertStreamError(ch, received(ch), "host-unknown");
    }

    @Test
    void oldVersionIsUnsupported() {
        EmbeddedChannel ch = h.connect();
        send(ch, "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='localhost'>");
        assertStreamError(ch, received(ch), "unsupported-version");
    }

    @Test
    void textBetweenStanzasIsBadFormat() {
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost") + "hello");
        assertStreamError(ch, received(ch), "bad-format");
    }

    @Test
    void stanzaBeforeAuthenticationIsNotAuthorized() {
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost") + "<message to='bob@localhost'><body>hi</body></message>");
        assertStreamError(ch, received(ch), "not-authorized");
    }

    @Test
    void spoofedFromIsInvalidFrom() {
        EmbeddedChannel ch = h.loggedIn("alice", "secret", "desk");
        send(ch, "<message from='bob@localhost/x' to='alice@localhost'><body>x</body></message>");
        assertStreamError(ch, received(ch), "invalid-from");
    }

    @Test
    void emptyToIsImproperAddressing() {
        EmbeddedChannel ch = h.loggedIn("alice", "secret", "desk");
        send(ch, "<message to=''><body>x</body></message>");
        assertStreamError(ch, received(ch), "improper-addressing");
    }

    @Test
    void unknownTopLevelElementIsUnsupportedStanzaType() {
        EmbeddedChannel ch = h.loggedIn("alice", "secret", "desk");
        send(ch, "<foo xmlns='urn:example'/>");
        assertStreamError(ch, received(ch), "unsupported-stanza-type");
    }

    @Test
    void slowHandshakeIsConnectionTimeout() {
        try (StreamHarness slow = new StreamHarness(Duration.ofMillis(200))) {
            EmbeddedChannel ch = slow.connect();
            send(ch, open("localhost"));
            received(ch);
            StringBuilder out = new StringBuilder();
            await().atMost(Duration.ofSeconds(5)).until(() -> { out.append(received(ch)); return out.toString().contains("</stream:stream>"); });
            assertStreamError(ch, out.toString(), "connection-timeout");
        }
    }

    @Test
    void tooFastSenderIsPolicyViolation() {
        AtomicLong nanos = new AtomicLong();
        EmbeddedChannel[] holder = new EmbeddedChannel[1];
        // 1 KB/s with at most 1 s of pause: sending 5 KB at once is beyond what pausing can absorb
        ShaperHandler shaper = new ShaperHandler(1024, 1000, nanos::get,
                () -> ((TcpTransport) holder[0].pipeline().last()).session().onPolicyViolation("sending too fast"),
                paused -> { });
        EmbeddedChannel ch = h.connect(ParserLimits.DEFAULT, shaper);
        holder[0] = ch;
        send(ch, open("localhost"));
        received(ch);
        send(ch, "<iq type='get' id='x'><query xmlns='jabber:iq:register'>" + "x".repeat(5000) + "</query></iq>");
        assertStreamError(ch, received(ch), "policy-violation");
    }

    @Test
    void badInputOnOneStreamLeavesOthersWorking() {
        EmbeddedChannel bob = h.loggedIn("bob", "pw", "phone");
        send(bob, "<presence/>");  // a bare-JID chat message goes to available resources only
        EmbeddedChannel alice = h.loggedIn("alice", "secret", "desk");
        EmbeddedChannel mallory = h.connect();
        send(mallory, open("localhost") + "<<<");
        assertStreamError(mallory, received(mallory), "not-well-formed");
        send(alice, "<message to='bob@localhost' type='chat' id='1'><body>still here?</body></message>");
        assertThat(received(bob)).contains("<body>still here?</body>").contains("from=\"alice@localhost/desk\"");
    }

    @Test
    void resourceConflictReplacesTheOldSession() {
        EmbeddedChannel first = h.loggedIn("carol", "pw", "same");
        EmbeddedChannel second = h.connect();
        send(second, open("localhost"));
        String plain = java.util.Base64.getEncoder().encodeToString("\0carol\0pw".getBytes());
        send(second, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        send(second, open("localhost"));
        send(second, "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>same</resource></bind></iq>");
        assertThat(received(second)).contains("<jid>carol@localhost/same</jid>");
        assertStreamError(first, received(first), "conflict");
        assertThat(h.directory.resources(dev.meerkat.jid.Jid.parse("carol@localhost"))).hasSize(1);
    }

    @Test
    void wrongPasswordFailsAndRetriesAreLimited() {
        h.auth.register(dev.meerkat.jid.Jid.parse("dave@localhost"), "right");
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost"));
        received(ch);
        String bad = java.util.Base64.getEncoder().encodeToString("\0dave\0wrong".getBytes());
        for (int i = 0; i < 2; i++) {
            send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + bad + "</auth>");
            assertThat(received(ch)).contains("<failure xmlns=\"urn:ietf:params:xml:ns:xmpp-sasl\"><not-authorized/>");
            assertThat(ch.isOpen()).isTrue();
        }
        send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + bad + "</auth>");
        String out = received(ch);
        assertThat(out).contains("<not-authorized/>");
        assertStreamError(ch, out, "policy-violation");
    }

    @Test
    void bindWithoutResourceGetsOneFromTheServerAndLegacySessionIsAccepted() {
        h.auth.register(dev.meerkat.jid.Jid.parse("erin@localhost"), "pw");
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost"));
        String plain = java.util.Base64.getEncoder().encodeToString("\0erin\0pw".getBytes());
        send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        send(ch, open("localhost"));
        send(ch, "<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
        String out = received(ch);
        assertThat(out).containsPattern("<jid>erin@localhost/meerkat-[0-9a-f]+</jid>");
        send(ch, "<iq type='set' id='s'><session xmlns='urn:ietf:params:xml:ns:xmpp-session'/></iq>");
        assertThat(received(ch)).isEqualTo("<iq type=\"result\" id=\"s\"/>");
    }

    @Test
    void restartedStreamsGetFreshIds() {
        h.auth.register(dev.meerkat.jid.Jid.parse("hank@localhost"), "pw");
        EmbeddedChannel ch = h.connect();
        send(ch, open("localhost"));
        String first = streamId(received(ch));
        String plain = java.util.Base64.getEncoder().encodeToString("\0hank\0pw".getBytes());
        send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        send(ch, open("localhost"));
        String second = streamId(received(ch));
        assertThat(first).isNotBlank();
        assertThat(second).isNotBlank().isNotEqualTo(first);
    }

    private static String streamId(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<stream:stream [^>]*id='([^']+)'").matcher(out);
        return m.find() ? m.group(1) : "";
    }

    @Test
    void repeatedFailuresFromOneAddressAreThrottled() {
        try (StreamHarness strict = new StreamHarness()) {
            strict.auth.register(dev.meerkat.jid.Jid.parse("gina@localhost"), "right");
            String bad = java.util.Base64.getEncoder().encodeToString("\0gina\0wrong".getBytes());
            String good = java.util.Base64.getEncoder().encodeToString("\0gina\0right".getBytes());
            // the harness allows 10 failures per minute per address; 4 streams x 3 attempts passes that
            for (int stream = 0; stream < 4; stream++) {
                EmbeddedChannel ch = strict.connect();
                send(ch, open("localhost"));
                for (int i = 0; i < 3 && ch.isOpen(); i++) {
                    send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + bad + "</auth>");
                }
            }
            EmbeddedChannel late = strict.connect();
            send(late, open("localhost"));
            received(late);
            send(late, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + good + "</auth>");
            assertThat(received(late)).contains("<temporary-auth-failure/>").doesNotContain("<success");
        }
    }
}
