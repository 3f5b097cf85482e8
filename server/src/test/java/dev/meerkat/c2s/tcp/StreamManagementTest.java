package dev.meerkat.c2s.tcp;

import dev.meerkat.c2s.LocalResumptionRegistry;
import dev.meerkat.c2s.StreamManagement;
import dev.meerkat.jid.Jid;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.meerkat.c2s.tcp.StreamHarness.open;
import static dev.meerkat.c2s.tcp.StreamHarness.received;
import static dev.meerkat.c2s.tcp.StreamHarness.send;
import static org.assertj.core.api.Assertions.assertThat;

/** XEP-0198 over in-memory channels: counting, acks both ways, h-mismatch and resumption. */
class StreamManagementTest {
    private static final String SM = "urn:xmpp:sm:3";
    private static final String VERSION_IQ = "<iq type='get' id='v%d' to='localhost'><query xmlns='jabber:iq:version'/></iq>";

    private StreamHarness harness;
    private LocalResumptionRegistry registry;

    @BeforeEach
    void setUp() {
        harness = new StreamHarness();
        registry = new LocalResumptionRegistry();
        harness.hosts.get("localhost").provide(StreamManagement.class,
                new StreamManagement(Duration.ofMinutes(10), 5, 1, registry, new SecureRandom()));
        harness.auth.register(Jid.of("alice", "localhost", null), "secret");
        harness.auth.register(Jid.of("bob", "localhost", null), "secret");
    }

    @AfterEach
    void tearDown() { harness.close(); }

    @Test
    void countsStanzasBothWaysAndAnswersAckRequests() {
        EmbeddedChannel ch = bound("alice", "phone");
        send(ch, "<enable xmlns='" + SM + "'/>");
        assertThat(received(ch)).contains("<enabled xmlns=\"" + SM + "\"").doesNotContain("resume=");
        for (int i = 0; i < 3; i++) send(ch, VERSION_IQ.formatted(i));
        String out = received(ch);
        // each IQ gets an error reply (no modules here), each reply is followed by the server's <r/>
        assertThat(count(out, "<iq ")).isEqualTo(3);
        assertThat(count(out, "<r xmlns=\"" + SM + "\"/>")).isEqualTo(3);
        send(ch, "<r xmlns='" + SM + "'/>");
        assertThat(received(ch)).isEqualTo("<a xmlns=\"" + SM + "\" h=\"3\"/>");
        send(ch, "<a xmlns='" + SM + "' h='2'/>");
        send(ch, "<a xmlns='" + SM + "' h='3'/>");
        assertThat(received(ch)).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void acknowledgingMoreThanWasSentIsAStreamError() {
        EmbeddedChannel ch = bound("alice", "phone");
        send(ch, "<enable xmlns='" + SM + "'/>");
        send(ch, VERSION_IQ.formatted(1));
        received(ch);
        send(ch, "<a xmlns='" + SM + "' h='2'/>");
        String out = received(ch);
        assertThat(out).contains("<undefined-condition").contains("handled-count-too-high").contains("send-count=\"1\"");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void enableTwiceOrBeforeBindFails() {
        EmbeddedChannel pre = authenticated("alice");
        send(pre, "<enable xmlns='" + SM + "'/>");
        assertThat(received(pre)).contains("<failed xmlns=\"" + SM + "\"><unexpected-request");
        EmbeddedChannel ch = bound("bob", "pc");
        send(ch, "<enable xmlns='" + SM + "'/>");
        received(ch);
        send(ch, "<enable xmlns='" + SM + "'/>");
        assertThat(received(ch)).contains("<unexpected-request");
    }

    @Test
    void resumptionDeliversWhatWasSentWhileDetachedAndOnlyOnce() {
        EmbeddedChannel alice = bound("alice", "phone");
        send(alice, "<enable xmlns='" + SM + "' resume='true'/>");
        String enabled = received(alice);
        assertThat(enabled).contains("resume=\"true\"").contains("max=\"600\"");
        String id = attr(enabled, "id");
        send(alice, "<presence/>");
        received(alice);
        alice.close();   // the connection dies without </stream:stream>

        EmbeddedChannel bob = bound("bob", "pc");
        send(bob, "<message to='alice@localhost/phone' type='chat' id='m1'><body>while you were away</body></message>");
        assertThat(received(bob)).doesNotContain("type=\"error\"");
        assertThat(harness.directory.find(Jid.parse("alice@localhost/phone"))).isPresent();

        EmbeddedChannel again = authenticated("alice");
        send(again, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        String resumed = received(again);
        assertThat(resumed).contains("<resumed xmlns=\"" + SM + "\" previd=\"" + id + "\"")
                .contains("while you were away")
                .contains("<r xmlns=\"" + SM + "\"/>");
        // still counting on the resumed stream, and still the same bound JID
        send(again, "<r xmlns='" + SM + "'/>");
        assertThat(received(again)).contains("h=\"1\"");
        send(bob, "<message to='alice@localhost/phone' type='chat' id='m2'><body>hello again</body></message>");
        assertThat(received(again)).contains("hello again");

        EmbeddedChannel duplicate = authenticated("alice");
        send(duplicate, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertThat(received(duplicate)).contains("<failed xmlns=\"" + SM + "\"><item-not-found");
        assertThat(again.isOpen()).isTrue();
    }

    @Test
    void aSessionThatDiedUnnoticedIsTakenOverAndClosedWithConflict() {
        EmbeddedChannel alice = bound("alice", "phone");
        send(alice, "<enable xmlns='" + SM + "' resume='true'/>");
        String id = attr(received(alice), "id");
        EmbeddedChannel again = authenticated("alice");
        send(again, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertThat(received(again)).contains("<resumed");
        assertThat(received(alice)).contains("<conflict");
        assertThat(alice.isOpen()).isFalse();
        assertThat(harness.directory.find(Jid.parse("alice@localhost/phone"))).isPresent();
    }

    @Test
    void resumptionIsRefusedForUnknownIdsOtherAccountsAndImpossibleCounts() {
        EmbeddedChannel alice = bound("alice", "phone");
        send(alice, "<enable xmlns='" + SM + "' resume='true'/>");
        String id = attr(received(alice), "id");
        alice.close();

        EmbeddedChannel unknown = authenticated("alice");
        send(unknown, "<resume xmlns='" + SM + "' previd='nope' h='0'/>");
        assertThat(received(unknown)).contains("<item-not-found");

        EmbeddedChannel bob = authenticated("bob");
        send(bob, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertThat(received(bob)).contains("<not-authorized");

        EmbeddedChannel tooHigh = authenticated("alice");
        send(tooHigh, "<resume xmlns='" + SM + "' previd='" + id + "' h='7'/>");
        assertThat(received(tooHigh)).contains("<undefined-condition");

        // after all that the session can still be resumed properly
        EmbeddedChannel ok = authenticated("alice");
        send(ok, "<resume xmlns='" + SM + "' previd='" + id + "' h='0'/>");
        assertThat(received(ok)).contains("<resumed");
    }

    @Test
    void tooManyUnackedStanzasEndTheStream() {
        EmbeddedChannel ch = bound("alice", "phone");
        send(ch, "<enable xmlns='" + SM + "'/>");
        for (int i = 0; i < 5; i++) send(ch, VERSION_IQ.formatted(i));
        assertThat(ch.isOpen()).isTrue();
        send(ch, VERSION_IQ.formatted(5));
        assertThat(received(ch)).contains("<resource-constraint");
        assertThat(ch.isOpen()).isFalse();
    }

    // ---- helpers ----

    private EmbeddedChannel authenticated(String user) {
        EmbeddedChannel ch = harness.connect();
        send(ch, open("localhost"));
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0secret").getBytes(StandardCharsets.UTF_8));
        send(ch, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        assertThat(received(ch)).contains("<success");
        send(ch, open("localhost"));
        String features = received(ch);
        if (!features.contains("<bind")) throw new AssertionError(features);
        return ch;
    }

    private EmbeddedChannel bound(String user, String resource) {
        EmbeddedChannel ch = authenticated(user);
        send(ch, "<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>" + resource + "</resource></bind></iq>");
        assertThat(received(ch)).contains("<jid>" + user + "@localhost/" + resource + "</jid>");
        return ch;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    private static String attr(String xml, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]+)\"").matcher(xml);
        assertThat(m.find()).as("%s in %s", name, xml).isTrue();
        return m.group(1);
    }
}
