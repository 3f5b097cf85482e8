package dev.meerkat.jid;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 7622 §3.5 examples and the normalisation the router relies on. */
class JidTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "juliet@example.com", "juliet@example.com/foo", "juliet@example.com/foo bar",
            "juliet@example.com/foo@bar", "foo\\20bar@example.com", "fussball@example.com",
            "fußball@example.com", "π@example.com", "Σ@example.com/foo", "σ@example.com/foo",
            "ς@example.com/foo", "king@example.com/♚", "example.com", "example.com/foobar",
            "a.example.com/b@example.net"})
    void rfc7622ValidExamplesParse(String s) {
        assertThat(Jid.parse(s)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"juliet\"@example.com", "foo bar@example.com", "juliet@example.com/ foo",
            "@example.com/", "henryⅣ@example.com", "♚@example.com", "juliet@", "/foobar", ""})
    void rfc7622InvalidExamplesAreRefused(String s) {
        assertThatThrownBy(() -> Jid.parse(s)).isInstanceOf(JidFormatException.class);
    }

    @ParameterizedTest
    @CsvSource({"Juliet@Example.COM/Balcony, juliet@example.com/Balcony", "ΣΑΣ@example.com, σας@example.com",
            "example.com., example.com"})
    void normalisesLocalAndDomainButNotResourceCase(String in, String expected) {
        assertThat(Jid.parse(in).toString()).isEqualTo(expected);
    }

    @Test
    void partsAndBare() {
        Jid j = Jid.parse("romeo@montague.lit/orchard");
        assertThat(j.local()).isEqualTo("romeo");
        assertThat(j.domain()).isEqualTo("montague.lit");
        assertThat(j.resource()).isEqualTo("orchard");
        assertThat(j.bare()).isEqualTo(Jid.parse("romeo@montague.lit"));
        assertThat(j.domainJid()).isEqualTo(Jid.parse("montague.lit"));
        assertThat(j.withResource("garden").toString()).isEqualTo("romeo@montague.lit/garden");
        assertThat(j.sameBare(Jid.parse("ROMEO@montague.lit/x"))).isTrue();
        assertThat(Jid.parseOrNull("@@")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "bench12@localhost/load-3", "localhost", "a@b", "x.y_z+w-1@sub.example.org/r/with/slashes",
            "u@example.com/res@with@ats", "127.0.0.1", "u@192.168.0.1/x", "a-b@a-b.c-d"})
    void plainAsciiJidsTakeTheFastPathAndAgreeWithPrecis(String s) {
        Jid fast = Jid.parseAscii(s);
        assertThat(fast).isNotNull();
        Jid full = Jid.parsePrecis(s);
        assertThat(fast).isEqualTo(full);
        assertThat(fast.local()).isEqualTo(full.local());
        assertThat(fast.domain()).isEqualTo(full.domain());
        assertThat(fast.resource()).isEqualTo(full.resource());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Juliet@example.com", "juliet@Example.com", "juliet@example.com.", "juliet@xn--mnchen-3ya.de",
            "juliet@-example.com", "juliet@example-.com", "juliet@exa..mple.com", "@example.com",
            "juliet@example.com/", "juliet@example.com/foo bar", "juliet@example.com/ foo", "jul&iet@example.com",
            "jul'iet@example.com", "fußball@example.com", "juliet@exam_ple.com", "juliet@", "juliet@example.com/é"})
    void anythingPrecisMightChangeOrRefuseGoesTheFullWay(String s) {
        assertThat(Jid.parseAscii(s)).isNull();
    }

    /** Differential check: over random strings of tricky ASCII, the fast path never disagrees with PRECIS. */
    @Test
    void fastPathAgreesWithPrecisOnRandomInput() {
        String alphabet = "abzAZ09.-_+@/ &'<>:\"\\é~";
        java.util.Random random = new java.util.Random(7622);
        int fastHits = 0;
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = 1 + random.nextInt(14);
            for (int k = 0; k < len; k++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String s = b.toString();
            Jid fast = Jid.parseAscii(s);
            if (fast == null) continue;
            fastHits++;
            Jid full;
            try {
                full = Jid.parsePrecis(s);
            } catch (JidFormatException e) {
                throw new AssertionError("fast path accepted " + s + " which PRECIS refuses: " + e.getMessage());
            }
            assertThat(fast).as(s).isEqualTo(full);
            assertThat(fast.local()).as(s).isEqualTo(full.local());
            assertThat(fast.domain()).as(s).isEqualTo(full.domain());
            assertThat(fast.resource()).as(s).isEqualTo(full.resource());
        }
        assertThat(fastHits).isGreaterThan(500);
    }
}
